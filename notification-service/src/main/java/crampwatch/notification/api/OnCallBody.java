package crampwatch.notification.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The clinic's on-call addresses, as sent and as returned: {@code { "onCall": [ {email}, … ] }}. They get every step of
 * an unacknowledged URGENT escalation's chain, for every patient (docs/notifications.md, "The escalation chain").
 */
public record OnCallBody(@NotNull(message = "a list is required (empty to clear it)") @Size(max = 20)
                         List<@NotNull @Valid OnCallEntry> onCall) {
}
