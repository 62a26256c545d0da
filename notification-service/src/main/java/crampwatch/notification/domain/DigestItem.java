package crampwatch.notification.domain;

import java.time.Instant;
import java.util.UUID;

/** One SEE_DOCTOR escalation a digest lists: its delivery row, escalation, patient, rule, reason and when it was raised. */
public record DigestItem(UUID deliveryId, UUID escalationId, String patientId, String rule, String reason, Instant raisedAt) {
}
