package crampwatch.advice.domain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Patient-local time. A night is the local calendar date of (local start time minus
 * {@code shiftHours}, 12 by default), so 23:30 and 03:00 fall on the same night. Local time is taken in
 * the profile's time zone when there is one (daylight-saving aware), else in the offset the start
 * time was reported with.
 */
public final class Nights {
    private Nights() {
    }

    public static LocalDateTime localTime(OffsetDateTime startedAt, ZoneId profileZone) {
        return profileZone == null ? startedAt.toLocalDateTime()
                : startedAt.atZoneSameInstant(profileZone).toLocalDateTime();
    }

    public static LocalDate localDate(OffsetDateTime startedAt, ZoneId profileZone) {
        return localTime(startedAt, profileZone).toLocalDate();
    }

    public static LocalDate night(OffsetDateTime startedAt, ZoneId profileZone, int shiftHours) {
        return localTime(startedAt, profileZone).minusHours(shiftHours).toLocalDate();
    }
}
