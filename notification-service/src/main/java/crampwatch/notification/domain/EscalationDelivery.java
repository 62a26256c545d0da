package crampwatch.notification.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One delivery of an escalation, with what a resend needs to write another for the same escalation. */
public record EscalationDelivery(UUID id, UUID eventId, String patientId, String recipient, DeliveryStatus status,
                                 Level level, String rule, String reason, Instant raisedAt, OffsetDateTime episodeStartedAt) {
}
