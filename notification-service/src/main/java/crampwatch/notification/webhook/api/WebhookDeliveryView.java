package crampwatch.notification.webhook.api;

import crampwatch.notification.webhook.persistence.WebhookDeliveryEntity;
import java.time.Instant;
import java.util.UUID;

/** One line of a subscription's delivery log. {@code lastError}: a short reason of our own ("HTTP 500", "connection refused"). */
public record WebhookDeliveryView(UUID id, UUID eventId, String eventType, String patientId, String status, int attempts,
                                  Integer lastResponseCode, String lastError, Instant createdAt, Instant lastAttemptAt,
                                  Instant nextAttemptAt, Instant deliveredAt) {

    static WebhookDeliveryView of(WebhookDeliveryEntity d) {
        return new WebhookDeliveryView(d.id, d.eventId, d.eventType, d.patientId, d.status, d.attempts, d.lastResponseCode, d.lastError,
                d.createdAt, d.lastAttemptAt, "PENDING".equals(d.status) ? d.nextAttemptAt : null, d.deliveredAt);
    }
}
