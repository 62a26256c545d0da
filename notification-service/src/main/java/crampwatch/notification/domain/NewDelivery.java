package crampwatch.notification.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A delivery about to be written; {@code recipient} and {@code audience} are null for NO_RECIPIENT,
 * {@code episodeStartedAt} when the event did not carry it.
 */
public record NewDelivery(UUID escalationId, UUID eventId, String patientId, String recipient, Audience audience,
                          Level level, String rule, String reason, Instant raisedAt, OffsetDateTime episodeStartedAt,
                          DeliveryStatus status, Instant notBefore) {
}
