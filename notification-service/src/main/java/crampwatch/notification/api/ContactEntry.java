package crampwatch.notification.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import crampwatch.notification.domain.Level;
import crampwatch.notification.domain.SeeDoctorDelivery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * An email address and the lowest escalation level it should be told about. Optional, and each for one kind of
 * contact only: a clinician's {@code seeDoctorDelivery} ({@code IMMEDIATE}, the default, or {@code DAILY_DIGEST}) and
 * the patient's {@code quietHours}. Left out of the answer when not set.
 */
public record ContactEntry(
        @NotNull(message = "an email address is required") @DeliverableEmail String email,
        @NotNull Level minLevel,
        @JsonInclude(JsonInclude.Include.NON_NULL) SeeDoctorDelivery seeDoctorDelivery,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Valid QuietHoursBody quietHours) {

    public ContactEntry(String email, Level minLevel) {
        this(email, minLevel, null, null);
    }
}
