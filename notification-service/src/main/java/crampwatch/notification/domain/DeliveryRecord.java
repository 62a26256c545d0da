package crampwatch.notification.domain;

import java.time.Instant;
import java.util.UUID;

/** One row of the delivery log as stored; {@code step} 0 is the escalation's first email, 1.. a step of its chain. */
public record DeliveryRecord(UUID id, UUID escalationId, String patientId, String recipient, Audience audience,
                             Level level, String rule, DeliveryStatus status, int attempts, String lastError,
                             Instant nextAttemptAt, Instant createdAt, Instant sentAt, String smtpMessageId, int step) {
}
