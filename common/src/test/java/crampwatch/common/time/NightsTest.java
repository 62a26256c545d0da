package crampwatch.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The one night rule every module uses (domain.md): local start minus 12 hours. */
class NightsTest {

    @Test
    void halfPastElevenAndThreeInTheMorningAreOneNight() {
        assertThat(Nights.night(OffsetDateTime.parse("2026-11-20T23:30:00+01:00"), null)).isEqualTo(LocalDate.parse("2026-11-20"));
        assertThat(Nights.night(OffsetDateTime.parse("2026-11-21T03:00:00+01:00"), null)).isEqualTo(LocalDate.parse("2026-11-20"));
        assertThat(Nights.night(OffsetDateTime.parse("2026-11-21T12:00:00+01:00"), null)).isEqualTo(LocalDate.parse("2026-11-21"));
    }

    @Test
    void theProfileZoneWinsOverTheReportedOffsetAndKnowsDaylightSaving() {
        // 01:30 UTC on 29 March 2026 is 03:30 summer time in Berlin (clocks went forward at 02:00): the night of the 28th.
        OffsetDateTime t = OffsetDateTime.parse("2026-03-29T01:30:00Z");
        assertThat(Nights.localTime(t, ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(3);
        assertThat(Nights.night(t, ZoneId.of("Europe/Berlin"))).isEqualTo(LocalDate.parse("2026-03-28"));
        // 13:00 UTC is 02:00 on the 21st in Auckland (UTC+13): still the night of the 20th there, not of the 20th's noon.
        assertThat(Nights.night(OffsetDateTime.parse("2026-11-20T13:00:00Z"), ZoneId.of("Pacific/Auckland")))
                .isEqualTo(LocalDate.parse("2026-11-20"));
        assertThat(Nights.night(OffsetDateTime.parse("2026-11-20T13:00:00Z"), null)).isEqualTo(LocalDate.parse("2026-11-20"));
        assertThat(Nights.night(OffsetDateTime.parse("2026-11-20T23:00:00Z"), ZoneId.of("Pacific/Auckland")))
                .isEqualTo(LocalDate.parse("2026-11-21"));
    }

    @Test
    void aStoredInstantWithItsOffsetGivesTheSameNightAsTheReportedTime() {
        OffsetDateTime reported = OffsetDateTime.parse("2026-11-21T02:14:00+05:30");
        assertThat(Nights.night(reported.toInstant(), reported.getOffset().getTotalSeconds())).isEqualTo(Nights.night(reported, null));
        assertThat(Nights.night(reported, null, 6)).isEqualTo(LocalDate.parse("2026-11-20"));
        assertThat(Nights.localDate(reported, null)).isEqualTo(LocalDate.parse("2026-11-21"));
    }
}
