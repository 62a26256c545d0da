package crampwatch.notification.webhook.api;

import crampwatch.common.api.PatientIds;
import crampwatch.notification.webhook.domain.WebhookEventType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /webhooks/subscriptions}: where to ({@code url}), signed with what ({@code secret}, optional: one is made and
 * returned once), which events, and optionally which patients (left out: all).
 */
public record SubscriptionRequest(
        @NotBlank(message = "a URL is required") @Size(max = 2048, message = "at most 2048 characters") String url,
        String secret,
        @NotEmpty(message = "name at least one event type") @Size(max = 4, message = "at most 4 event types")
        List<@NotNull(message = "must not be null") WebhookEventType> eventTypes,
        @Size(min = 1, max = 1000, message = "1 to 1000 patient ids, or leave it out for every patient")
        List<@NotNull(message = "must not be null") @Pattern(regexp = PatientIds.PATTERN, message = PatientIds.MESSAGE) String> patientIds) {
}
