package crampwatch.notification.api;

import crampwatch.notification.domain.Level;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An email address and the lowest escalation level it should be told about. */
public record ContactEntry(
        @NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a valid email address")
        String email,
        @NotNull Level minLevel) {
}
