package crampwatch.advice.domain.escalation;

import java.time.Instant;
import java.util.UUID;

/**
 * One email delivery of an escalation as notification-service last reported it (no address: ids and status only).
 * {@code step}: 0 for the escalation's first email, 1.. for a reminder of the URGENT escalation chain.
 */
public record DeliveryState(UUID deliveryId, UUID escalationId, String patientId, String audience, Status status, int attempts,
                            long version, Instant at, int step) {

    public enum Status { PENDING, SENT, FAILED, CANCELLED, NO_RECIPIENT }
}
