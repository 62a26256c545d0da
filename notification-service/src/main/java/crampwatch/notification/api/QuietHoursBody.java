package crampwatch.notification.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A patient's quiet hours, {@code {"start": "22:00", "end": "07:00"}}: 24-hour local times in the patient's profile
 * time zone; a start after the end spans midnight; start and end must differ.
 */
public record QuietHoursBody(
        @NotNull(message = "a start time is required") @Pattern(regexp = TIME, message = TIME_MESSAGE) String start,
        @NotNull(message = "an end time is required") @Pattern(regexp = TIME, message = TIME_MESSAGE) String end) {

    static final String TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    static final String TIME_MESSAGE = "must be a 24-hour time HH:mm, such as 22:00";
}
