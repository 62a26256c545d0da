package crampwatch.notification.webhook.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import crampwatch.notification.webhook.domain.WebhookEventType;
import crampwatch.notification.webhook.service.WebhookSubscriptions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A subscription; {@code secret} only in the answers that set it (register, rotate), never when read. */
public record SubscriptionView(UUID id, String url, List<WebhookEventType> eventTypes, List<String> patientIds, String status,
                               Instant createdAt, Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static SubscriptionView of(WebhookSubscriptions.Subscription s) {
        return new SubscriptionView(s.id(), s.url(), s.eventTypes(), s.patientIds(), s.status(), s.createdAt(), s.updatedAt(), s.secret());
    }
}
