package crampwatch.notification.api;

import jakarta.validation.constraints.NotNull;

/** One of the clinic's on-call addresses. */
public record OnCallEntry(@NotNull(message = "an email address is required") @DeliverableEmail String email) {
}
