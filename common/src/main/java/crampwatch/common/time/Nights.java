package crampwatch.common.time;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The night an episode belongs to (domain.md): the patient-local calendar date of (local start time minus
 * {@value #SHIFT_HOURS} hours), so 23:30 and 03:00 fall on the same night. Local time is taken in the
 * profile's time zone when there is one (daylight-saving aware), else in the offset the start time was
 * reported with. Plain JDK, so any module may use it (the clinic dashboard's chart does).
 */
public final class Nights {

    public static final int SHIFT_HOURS = 12;

    private Nights() {
    }

    public static LocalDateTime localTime(OffsetDateTime startedAt, ZoneId profileZone) {
        return profileZone == null ? startedAt.toLocalDateTime()
                : startedAt.atZoneSameInstant(profileZone).toLocalDateTime();
    }

    public static LocalDate night(OffsetDateTime startedAt, ZoneId profileZone) {
        return localTime(startedAt, profileZone).minusHours(SHIFT_HOURS).toLocalDate();
    }
}
