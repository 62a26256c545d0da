package crampwatch.notification.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A patient's contact list, as sent and as returned:
 * {@code { "patient": {email, minLevel} | null, "clinicians": [ {email, minLevel}, … ] }}.
 */
public record ContactsBody(@Valid ContactEntry patient,
                           @Size(max = 20) List<@NotNull @Valid ContactEntry> clinicians) {
}
