package crampwatch.notification.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When digests are due: each local day of the clinic's zone at {@code hour}:00. Pure logic, no I/O. A day's digest
 * lists what was owed before that day's digest time (the cut-off); whatever arrives later waits for the next day's.
 */
public record DigestSchedule(int hour, ZoneId zone) {

    public DigestSchedule {
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("crampwatch.digest.hour must be 0-23, was " + hour);
        }
    }

    /** A day's digest: its local date and its cut-off instant. */
    public record Due(LocalDate date, Instant cutoff) {
    }

    /** The digest due at {@code now}: today's, once its hour has come (in the zone's rules for that day), else none. */
    public Optional<Due> dueAt(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant cutoff = ZonedDateTime.of(today, LocalTime.of(hour, 0), zone).toInstant();
        return now.isBefore(cutoff) ? Optional.empty() : Optional.of(new Due(today, cutoff));
    }
}
