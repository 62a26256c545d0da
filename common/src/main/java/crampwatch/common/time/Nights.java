package crampwatch.common.time;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The night an episode belongs to (domain.md): the patient-local calendar date of (local start time minus
 * {@value #SHIFT_HOURS} hours), so 23:30 and 03:00 fall on the same night. Local time is taken in the
 * profile's time zone when there is one (daylight-saving aware), else in the offset the start time was
 * reported with. Plain JDK: the one definition for advice-service's rules, episode-service's summary (which knows
 * only the reported offset) and the clinic dashboard's chart.
 */
public final class Nights {

    public static final int SHIFT_HOURS = 12;

    private Nights() {
    }

    public static LocalDateTime localTime(OffsetDateTime startedAt, ZoneId profileZone) {
        return profileZone == null ? startedAt.toLocalDateTime()
                : startedAt.atZoneSameInstant(profileZone).toLocalDateTime();
    }

    /** The local calendar date the episode started (no shift): "a cramp on 2026-11-20". */
    public static LocalDate localDate(OffsetDateTime startedAt, ZoneId profileZone) {
        return localTime(startedAt, profileZone).toLocalDate();
    }

    /** The night, with the default shift of {@value #SHIFT_HOURS} hours. */
    public static LocalDate night(OffsetDateTime startedAt, ZoneId profileZone) {
        return night(startedAt, profileZone, SHIFT_HOURS);
    }

    /** The night with a configured shift ({@code crampwatch.rules.night-shift-hours}). */
    public static LocalDate night(OffsetDateTime startedAt, ZoneId profileZone, int shiftHours) {
        return localTime(startedAt, profileZone).minusHours(shiftHours).toLocalDate();
    }

    /** The night of a start stored as an instant and the offset it was reported with (no profile zone known). */
    public static LocalDate night(java.time.Instant startedAt, int offsetSeconds) {
        return night(startedAt.atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetSeconds)), null);
    }
}
