package crampwatch.notification.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A delivery about to be written; {@code recipient} and {@code audience} are null for NO_RECIPIENT,
 * {@code episodeStartedAt} when the event did not carry it, {@code triggeredBy} (the episode whose arrival raised the
 * escalation: its deliveries to one recipient go out as one email) when no episode arrival raised it. {@code step}: 0
 * for the escalation's first email, 1.. for a step of its escalation chain. {@code quietUntil}: when a patient's
 * quiet hours hold the email back, their end (null otherwise).
 */
public record NewDelivery(UUID escalationId, UUID eventId, String patientId, String recipient, Audience audience,
                          Level level, String rule, String reason, Instant raisedAt, OffsetDateTime episodeStartedAt,
                          DeliveryStatus status, Instant notBefore, UUID triggeredBy, int step, Instant quietUntil) {

    /** The escalation's first email (step 0), not held by quiet hours. */
    public NewDelivery(UUID escalationId, UUID eventId, String patientId, String recipient, Audience audience, Level level,
                       String rule, String reason, Instant raisedAt, OffsetDateTime episodeStartedAt, DeliveryStatus status,
                       Instant notBefore, UUID triggeredBy) {
        this(escalationId, eventId, patientId, recipient, audience, level, rule, reason, raisedAt, episodeStartedAt, status,
                notBefore, triggeredBy, 0, null);
    }
}
