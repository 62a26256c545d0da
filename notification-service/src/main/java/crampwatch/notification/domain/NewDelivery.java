package crampwatch.notification.domain;

import java.time.Instant;
import java.util.UUID;

/** A delivery about to be written; {@code recipient} and {@code audience} are null for NO_RECIPIENT. */
public record NewDelivery(UUID escalationId, UUID eventId, String patientId, String recipient, Audience audience,
                          Level level, String rule, String reason, Instant raisedAt, DeliveryStatus status, Instant notBefore) {
}
