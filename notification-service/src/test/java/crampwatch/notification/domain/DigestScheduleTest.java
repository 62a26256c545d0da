package crampwatch.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The day's digest is due from its local hour on, by the zone's rules of that day. */
class DigestScheduleTest {

    static final DigestSchedule LONDON_8 = new DigestSchedule(8, ZoneId.of("Europe/London"));

    @Test
    void beforeTheHourNothingIsDueFromItTheDaysDigest() {
        assertThat(LONDON_8.dueAt(Instant.parse("2026-01-15T07:59:59Z"))).isEmpty();
        assertThat(LONDON_8.dueAt(Instant.parse("2026-01-15T08:00:00Z")))
                .contains(new DigestSchedule.Due(LocalDate.of(2026, 1, 15), Instant.parse("2026-01-15T08:00:00Z")));
        assertThat(LONDON_8.dueAt(Instant.parse("2026-01-15T23:30:00Z")))
                .contains(new DigestSchedule.Due(LocalDate.of(2026, 1, 15), Instant.parse("2026-01-15T08:00:00Z")));
    }

    @Test
    void inSummerTheLocalHourIsAnHourEarlierInUtc() {
        assertThat(LONDON_8.dueAt(Instant.parse("2026-07-01T06:59:00Z"))).isEmpty();
        assertThat(LONDON_8.dueAt(Instant.parse("2026-07-01T07:00:00Z")))
                .contains(new DigestSchedule.Due(LocalDate.of(2026, 7, 1), Instant.parse("2026-07-01T07:00:00Z")));
        // The day the clocks go forward: 08:00 BST.
        assertThat(LONDON_8.dueAt(Instant.parse("2026-03-29T07:00:00Z")))
                .contains(new DigestSchedule.Due(LocalDate.of(2026, 3, 29), Instant.parse("2026-03-29T07:00:00Z")));
    }

    @Test
    void theDateIsTheClinicsLocalDate() {
        DigestSchedule tokyo = new DigestSchedule(8, ZoneId.of("Asia/Tokyo"));
        // 23:30Z on 15 January is 08:30 on 16 January in Tokyo.
        assertThat(tokyo.dueAt(Instant.parse("2026-01-15T23:30:00Z")))
                .contains(new DigestSchedule.Due(LocalDate.of(2026, 1, 16), Instant.parse("2026-01-15T23:00:00Z")));
    }
}
