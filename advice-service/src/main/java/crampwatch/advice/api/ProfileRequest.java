package crampwatch.advice.api;

import crampwatch.advice.domain.profile.Medicine;
import crampwatch.advice.domain.profile.Condition;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code PUT /patients/{patientId}/profile}. Every field is optional; the PUT replaces the
 * whole profile. {@code timeZone} is an IANA zone such as {@code Europe/Berlin}. A medicine is
 * {@code {"name": "…", "startedOn": "2026-11-01"}} (start date optional) or just its name.
 */
public record ProfileRequest(
        @Min(value = 1900, message = "must be 1900 or later") @Max(value = 2100, message = "must not be in the future") Integer birthYear,
        Boolean pregnant,
        @Size(max = 64, message = "must be at most 64 characters") String timeZone,
        @Size(max = 20, message = "must list at most 20 conditions") List<@NotNull(message = "must not be null") Condition> conditions,
        @Size(max = 30, message = "must list at most 30 medicines")
        List<@NotNull(message = "must not be null") Medicine> medicines) {
}
