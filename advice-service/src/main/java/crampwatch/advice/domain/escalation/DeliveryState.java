package crampwatch.advice.domain.escalation;

import java.time.Instant;
import java.util.UUID;

/** One email delivery of an escalation as notification-service last reported it (no address: ids and status only). */
public record DeliveryState(UUID deliveryId, UUID escalationId, String patientId, String audience, Status status, int attempts,
                            long version, Instant at) {

    public enum Status { PENDING, SENT, FAILED, CANCELLED, NO_RECIPIENT }
}
