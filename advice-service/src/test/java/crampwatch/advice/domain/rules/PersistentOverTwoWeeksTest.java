package crampwatch.advice.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.advice.domain.episode.Episode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PersistentOverTwoWeeksTest {

    private final PersistentOverTwoWeeks rule = new PersistentOverTwoWeeks(14, 14);

    private static Episode plus(Episode base, Duration d) {
        return Episodes.at(base.startedAt().plus(d).toString());
    }

    @Test
    void exactlyFourteenDaysDoesNotFire() {
        Episode first = Episodes.at("2026-11-01T02:00:00+01:00");
        Episode last = plus(first, Duration.ofDays(14));
        assertThat(rule.evaluate(last, List.of(first, last), null)).isEmpty();
    }

    @Test
    void justOverFourteenDaysFires() {
        Episode first = Episodes.at("2026-11-01T02:00:00+01:00");
        Episode middle = plus(first, Duration.ofDays(7));
        Episode last = plus(first, Duration.ofDays(14).plusSeconds(1));
        var found = rule.evaluate(last, List.of(first, middle, last), null);
        assertThat(found).isPresent();
        assertThat(found.get().episodeIds()).containsExactly(first.id(), last.id());
        assertThat(found.get().reason()).isEqualTo("Cramps have kept coming for more than 14 days, from 2026-11-01 to 2026-11-15, "
                + "without a cramp-free break of 14 days, and after 14 days a doctor should take a look.");
        assertThat(found.get().runFrom()).isEqualTo(first.startedAt().toInstant());
        assertThat(found.get().runTo()).isEqualTo(last.startedAt().toInstant());
    }

    @Test
    void aFourteenDayGapSplitsTheRun() {
        Episode a = Episodes.at("2026-11-01T02:00:00+01:00");
        Episode b = plus(a, Duration.ofDays(14));          // gap of exactly 14 days: a new run starts
        Episode c = plus(b, Duration.ofDays(13));
        assertThat(rule.evaluate(c, List.of(a, b, c), null)).isEmpty();
        Episode d = plus(b, Duration.ofDays(14).plusHours(1));
        assertThat(rule.evaluate(d, List.of(a, b, c, d), null)).isPresent();
    }

    @Test
    void aGapJustUnderFourteenDaysKeepsTheRunGoing() {
        Episode a = Episodes.at("2026-11-01T02:00:00+01:00");
        Episode b = plus(a, Duration.ofDays(14).minusSeconds(1));
        Episode c = plus(b, Duration.ofSeconds(2));
        assertThat(rule.evaluate(c, List.of(a, b, c), null)).isPresent();
    }

    @Test
    void aLateEpisodeInTheMiddleFiresWhenItsRunIsLong() {
        Episode a = Episodes.at("2026-11-01T02:00:00+01:00");
        Episode b = plus(a, Duration.ofDays(10));
        Episode c = plus(a, Duration.ofDays(20));
        // Logged late: the middle one arrives last.
        assertThat(rule.evaluate(b, List.of(a, b, c), null)).isPresent();
        // Without b the others are 20 days apart: two runs, nothing to report.
        assertThat(rule.evaluate(c, List.of(a, c), null)).isEmpty();
    }

    @Test
    void arrivalOrderDoesNotChangeTheAnswer() {
        List<Episode> all = new ArrayList<>();
        Episode first = Episodes.at("2026-11-01T23:00:00+01:00");
        for (int day = 0; day <= 15; day += 3) {
            all.add(plus(first, Duration.ofDays(day)));
        }
        Collections.shuffle(all, new Random(42));
        List<Episode> seen = new ArrayList<>();
        boolean fired = false;
        for (Episode e : all) {
            seen.add(e);
            fired |= rule.evaluate(e, seen, null).isPresent();
        }
        assertThat(fired).isTrue();
    }

    @Test
    void theWindowIsEnoughToDecide() {
        assertThat(rule.lookaround()).isEqualTo(Duration.ofDays(28));
        // Episodes every 13 days: the run goes back a long way, but the window alone already shows a span > 14 days.
        Episode now = Episodes.at("2026-11-30T02:00:00+01:00");
        OffsetDateTime from = now.startedAt().minus(rule.lookaround());
        List<Episode> window = new ArrayList<>(List.of(now));
        for (int k = 1; k < 100; k++) {
            Episode e = plus(now, Duration.ofDays(-13L * k));
            if (!e.startedAt().isBefore(from)) {
                window.add(e);
            }
        }
        assertThat(rule.evaluate(now, window, null)).isPresent();
    }
}
