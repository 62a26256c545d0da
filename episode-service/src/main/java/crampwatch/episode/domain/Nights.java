package crampwatch.episode.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The night an episode belongs to: the local date of (start − 12 h), so 23:30 and 03:00 share a night. */
public final class Nights {
    private Nights() {
    }

    public static LocalDate nightOf(Instant startedAt, int offsetSeconds) {
        return startedAt.atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds)).minusHours(12).toLocalDate();
    }
}
