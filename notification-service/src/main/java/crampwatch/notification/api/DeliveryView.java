package crampwatch.notification.api;

import crampwatch.notification.domain.Audience;
import crampwatch.notification.domain.DeliveryRecord;
import crampwatch.notification.domain.DeliveryStatus;
import crampwatch.notification.domain.Level;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the delivery log. {@code recipient} is null for NO_RECIPIENT; {@code nextAttemptAt} only while PENDING;
 * {@code step} 0 for the escalation's first email, 1.. for a step of its escalation chain.
 */
public record DeliveryView(UUID id, UUID escalationId, String patientId, String recipient, Audience audience, Level level,
                           String rule, DeliveryStatus status, int attempts, String lastError, Instant createdAt,
                           Instant nextAttemptAt, Instant sentAt, String smtpMessageId, int step) {

    static DeliveryView of(DeliveryRecord r) {
        return new DeliveryView(r.id(), r.escalationId(), r.patientId(), r.recipient(), r.audience(), r.level(), r.rule(),
                r.status(), r.attempts(), r.lastError(), r.createdAt(), r.nextAttemptAt(), r.sentAt(), r.smtpMessageId(),
                r.step());
    }
}
