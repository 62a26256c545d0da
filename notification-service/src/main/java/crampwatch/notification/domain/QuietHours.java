package crampwatch.notification.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A patient's quiet hours: from {@code start} (inclusive) to {@code end} (exclusive), local times in the patient's
 * time zone; {@code start} after {@code end} spans midnight (22:00–07:00). Pure logic, no I/O.
 *
 * <p>Local times are turned into instants with {@link ZonedDateTime#of}: a time that falls in a spring-forward gap
 * moves forward by the gap's length (02:30 on a 02:00→03:00 night becomes 03:30), a time in an autumn overlap takes
 * the earlier offset. So the end of a night is always the first instant at which the wall clock reads {@code end} or
 * later, whatever the night's length.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public QuietHours {
        if (start == null || end == null || start.equals(end)) {
            throw new IllegalArgumentException("quiet hours need a start and a different end");
        }
    }

    /** Whether the local time of day {@code t} is inside these quiet hours. */
    public boolean contains(LocalTime t) {
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    /**
     * When mail due at {@code due} may go out: {@code due} itself outside the quiet hours, else the instant they end
     * (in {@code zone}, by that date's rules).
     */
    public Instant releaseOf(Instant due, ZoneId zone) {
        ZonedDateTime local = due.atZone(zone);
        if (!contains(local.toLocalTime())) {
            return due;
        }
        LocalDate endDate = start.isBefore(end) || local.toLocalTime().isBefore(end) ? local.toLocalDate()
                : local.toLocalDate().plusDays(1);
        Instant release = ZonedDateTime.of(endDate, end, zone).toInstant();
        return release.isAfter(due) ? release : due;
    }
}
