package crampwatch.notification.domain;

import java.time.Instant;

/** Deliveries not yet resolved (PENDING or SENDING) and the creation time of the oldest (null when none). */
public record DeliveryBacklog(long pending, Instant oldestCreatedAt) {
}
