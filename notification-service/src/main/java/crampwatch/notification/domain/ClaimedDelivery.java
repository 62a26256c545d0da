package crampwatch.notification.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A delivery the sender has claimed (status SENDING, committed) and is about to send. {@code claimToken}
 * identifies this claim: only its holder may renew the lease or record the outcome.
 */
public record ClaimedDelivery(UUID id, UUID claimToken, UUID escalationId, String patientId, String recipient,
                              Audience audience, Level level, String rule, String reason, Instant raisedAt,
                              OffsetDateTime episodeStartedAt, int attempts, String messageId) {
}
