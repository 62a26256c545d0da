package crampwatch.notification.api;

import crampwatch.notification.domain.Level;
import jakarta.validation.constraints.NotNull;

/** An email address and the lowest escalation level it should be told about. */
public record ContactEntry(
        @NotNull(message = "an email address is required") @DeliverableEmail String email,
        @NotNull Level minLevel) {
}
