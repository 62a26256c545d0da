package crampwatch.notification.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A patient's contact list, as sent and as returned:
 * {@code { "patient": {email, minLevel, quietHours?} | null, "clinicians": [ {email, minLevel, seeDoctorDelivery?}, … ] }}
 * ({@code quietHours}: {@code {start, end}}, the patient's only; {@code seeDoctorDelivery}: IMMEDIATE (default) or
 * DAILY_DIGEST, a clinician's only).
 */
public record ContactsBody(@Valid ContactEntry patient,
                           @Size(max = 20) List<@NotNull @Valid ContactEntry> clinicians) {
}
