package crampwatch.notification.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A delivery about to be written; {@code recipient} and {@code audience} are null for NO_RECIPIENT,
 * {@code episodeStartedAt} when the event did not carry it, {@code triggeredBy} (the episode whose arrival raised the
 * escalation: its deliveries to one recipient go out as one email) when no episode arrival raised it.
 */
public record NewDelivery(UUID escalationId, UUID eventId, String patientId, String recipient, Audience audience,
                          Level level, String rule, String reason, Instant raisedAt, OffsetDateTime episodeStartedAt,
                          DeliveryStatus status, Instant notBefore, UUID triggeredBy, Instant quietUntil) {

    public NewDelivery(UUID escalationId, UUID eventId, String patientId, String recipient, Audience audience, Level level,
                       String rule, String reason, Instant raisedAt, OffsetDateTime episodeStartedAt, DeliveryStatus status,
                       Instant notBefore, UUID triggeredBy) {
        this(escalationId, eventId, patientId, recipient, audience, level, rule, reason, raisedAt, episodeStartedAt, status,
                notBefore, triggeredBy, null);
    }
}
