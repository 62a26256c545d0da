package crampwatch.notification.domain;

import java.util.UUID;

/** A SENDING delivery whose lease ran out, as the lease sweep left it (PENDING again, or FAILED). */
public record ReleasedDelivery(UUID id, UUID escalationId, Level level, DeliveryStatus status, int attempts) {
}
