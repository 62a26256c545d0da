package crampwatch.notification.domain;

import java.time.Instant;
import java.util.UUID;

/** A delivery the sender has claimed (status SENDING, committed) and is about to send. */
public record ClaimedDelivery(UUID id, UUID escalationId, String patientId, String recipient, Audience audience,
                              Level level, String rule, String reason, Instant raisedAt, int attempts, String messageId) {
}
