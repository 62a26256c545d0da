package crampwatch.advice.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.common.time.Nights;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrequentSleepDisruptionTest {

    private final FrequentSleepDisruption rule = new FrequentSleepDisruption(3, 7, 12);

    @Test
    void twoWokenNightsInSevenDoNotFire() {
        Episode a = Episodes.woken("2026-11-14T02:00:00+01:00");
        Episode b = Episodes.woken("2026-11-18T02:00:00+01:00");
        assertThat(rule.evaluate(b, List.of(a, b), null)).isEmpty();
    }

    @Test
    void threeWokenNightsInSevenFire() {
        Episode a = Episodes.woken("2026-11-14T02:00:00+01:00"); // night of 11-13
        Episode b = Episodes.woken("2026-11-17T02:00:00+01:00"); // night of 11-16
        Episode c = Episodes.woken("2026-11-20T02:00:00+01:00"); // night of 11-19: 7 consecutive nights 13..19
        var found = rule.evaluate(c, List.of(a, b, c), null);
        assertThat(found).isPresent();
        assertThat(found.get().episodeIds()).containsExactly(a.id(), b.id(), c.id());
        assertThat(found.get().reason()).isEqualTo("Cramps woke the patient on 3 different nights from the night of "
                + "2026-11-13 to the night of 2026-11-19, reaching the limit of 3 nights in any 7.");
    }

    @Test
    void theEvidenceIsEveryWokenCrampOfAQualifyingWindowWhateverTheArrivalOrder() {
        // Woken on the nights of 11-01, 11-02, 11-03 and 11-08: the window 11-02..11-08 holds three nights too.
        Episode n1 = Episodes.woken("2026-11-02T02:00:00+01:00");
        Episode n2 = Episodes.woken("2026-11-03T02:00:00+01:00");
        Episode n3 = Episodes.woken("2026-11-04T02:00:00+01:00");
        Episode n8 = Episodes.woken("2026-11-09T02:00:00+01:00");
        java.util.Set<java.util.UUID> inOrder = evidenceArrivingIn(List.of(n1, n2, n3, n8));
        assertThat(inOrder).containsExactlyInAnyOrder(n1.id(), n2.id(), n3.id(), n8.id());
        assertThat(evidenceArrivingIn(List.of(n8, n1, n2, n3))).isEqualTo(inOrder);
        assertThat(evidenceArrivingIn(List.of(n3, n8, n2, n1))).isEqualTo(inOrder);
    }

    /** The evidence an open escalation collects when the cramps arrive in this order (each evaluated against those before it). */
    private java.util.Set<java.util.UUID> evidenceArrivingIn(List<Episode> arrivals) {
        java.util.Set<java.util.UUID> evidence = new java.util.HashSet<>();
        for (int i = 0; i < arrivals.size(); i++) {
            rule.evaluate(arrivals.get(i), arrivals.subList(0, i + 1), null).ifPresent(f -> evidence.addAll(f.episodeIds()));
        }
        return evidence;
    }

    @Test
    void threeNightsSpreadOverEightNightsDoNotFire() {
        Episode a = Episodes.woken("2026-11-13T02:00:00+01:00"); // night of 11-12
        Episode b = Episodes.woken("2026-11-17T02:00:00+01:00");
        Episode c = Episodes.woken("2026-11-20T02:00:00+01:00"); // night of 11-19: 8 nights 12..19
        assertThat(rule.evaluate(c, List.of(a, b, c), null)).isEmpty();
    }

    @Test
    void threeEpisodesOnOneNightAreOneNight() {
        Episode a = Episodes.woken("2026-11-19T23:30:00+01:00");
        Episode b = Episodes.woken("2026-11-20T03:00:00+01:00");
        Episode c = Episodes.woken("2026-11-20T05:00:00+01:00");
        assertThat(rule.evaluate(c, List.of(a, b, c), null)).isEmpty();
    }

    @Test
    void episodesThatDidNotWakeThePatientDoNotCount() {
        Episode a = Episodes.woken("2026-11-14T02:00:00+01:00");
        Episode b = Episodes.at("2026-11-16T02:00:00+01:00");
        Episode c = Episodes.woken("2026-11-18T02:00:00+01:00");
        assertThat(rule.evaluate(c, List.of(a, b, c), null)).isEmpty();
        // and an episode that did not wake the patient never fires the rule itself
        Episode d = Episodes.woken("2026-11-17T02:00:00+01:00");
        assertThat(rule.evaluate(b, List.of(a, b, c, d), null)).isEmpty();
        assertThat(rule.evaluate(d, List.of(a, b, c, d), null)).isPresent();
    }

    @Test
    void lateEpisodeInThePastFiresToo() {
        Episode a = Episodes.woken("2026-11-14T02:00:00+01:00");
        Episode c = Episodes.woken("2026-11-20T02:00:00+01:00");
        Episode late = Episodes.woken("2026-11-10T02:00:00+01:00"); // nights 9, 13, 19: no 7-night window holds 3
        assertThat(rule.evaluate(late, List.of(a, c, late), null)).isEmpty();
        Episode middle = Episodes.woken("2026-11-16T02:00:00+01:00");
        assertThat(rule.evaluate(middle, List.of(a, c, late, middle), null)).isPresent();
    }

    @Test
    void nightCrossesMidnightButNotNoon() {
        assertThat(Nights.night(OffsetDateTime.parse("2026-11-19T23:30:00+01:00"), null, 12)).isEqualTo(LocalDate.parse("2026-11-19"));
        assertThat(Nights.night(OffsetDateTime.parse("2026-11-20T03:00:00+01:00"), null, 12)).isEqualTo(LocalDate.parse("2026-11-19"));
        assertThat(Nights.night(OffsetDateTime.parse("2026-11-20T11:59:59+01:00"), null, 12)).isEqualTo(LocalDate.parse("2026-11-19"));
        assertThat(Nights.night(OffsetDateTime.parse("2026-11-20T12:00:00+01:00"), null, 12)).isEqualTo(LocalDate.parse("2026-11-20"));
    }

    @Test
    void theReportedOffsetMovesAnEpisodeToAnotherNight() {
        // The same instant, reported from two places: 11:30 in London is before noon, 12:30 in Paris is after.
        OffsetDateTime london = OffsetDateTime.parse("2026-11-20T11:30:00+00:00");
        OffsetDateTime paris = OffsetDateTime.parse("2026-11-20T12:30:00+01:00");
        assertThat(london.toInstant()).isEqualTo(paris.toInstant());
        assertThat(Nights.night(london, null, 12)).isEqualTo(LocalDate.parse("2026-11-19"));
        assertThat(Nights.night(paris, null, 12)).isEqualTo(LocalDate.parse("2026-11-20"));

        // Woken 11-18 and 11-19 nights, and a third episode whose night depends on its offset.
        Episode a = Episodes.woken("2026-11-12T02:00:00+00:00"); // night of 11-11
        Episode b = Episodes.woken("2026-11-15T02:00:00+00:00"); // night of 11-14
        Episode asLondon = Episodes.woken("2026-11-18T11:30:00+00:00"); // night of 11-17: 11..17 is 7 nights
        Episode asParis = Episodes.woken("2026-11-18T12:30:00+01:00");  // night of 11-18: 11..18 is 8 nights
        assertThat(rule.evaluate(asLondon, List.of(a, b, asLondon), null)).isPresent();
        assertThat(rule.evaluate(asParis, List.of(a, b, asParis), null)).isEmpty();
    }

    @Test
    void profileTimeZoneWinsOverTheReportedOffsetAcrossDaylightSaving() {
        ZoneId berlin = ZoneId.of("Europe/Berlin"); // clocks go forward on 2026-03-29 at 02:00
        // Before and after the change, in local wall-clock time: both on the night of 03-28.
        assertThat(Nights.night(OffsetDateTime.parse("2026-03-28T23:30:00+01:00"), berlin, 12)).isEqualTo(LocalDate.parse("2026-03-28"));
        assertThat(Nights.night(OffsetDateTime.parse("2026-03-29T03:00:00+02:00"), berlin, 12)).isEqualTo(LocalDate.parse("2026-03-28"));
        // Reported with the winter offset after the change: 11:30+01:00 is 12:30 summer time in Berlin.
        OffsetDateTime stale = OffsetDateTime.parse("2026-03-29T11:30:00+01:00");
        assertThat(Nights.night(stale, null, 12)).isEqualTo(LocalDate.parse("2026-03-28"));
        assertThat(Nights.night(stale, berlin, 12)).isEqualTo(LocalDate.parse("2026-03-29"));
        // The same before the change: 11:30+01:00 on 03-28 is 11:30 winter time, still the night before.
        assertThat(Nights.night(OffsetDateTime.parse("2026-03-28T11:30:00+01:00"), berlin, 12)).isEqualTo(LocalDate.parse("2026-03-27"));

        // So with the profile's zone three woken nights fit in seven, with the reported offsets they do not.
        Episode a = Episodes.woken("2026-03-23T02:00:00+01:00"); // night of 03-22
        Episode b = Episodes.woken("2026-03-25T02:00:00+01:00"); // night of 03-24
        Episode c = Episodes.woken("2026-04-05T11:30:00+01:00"); // 12:30 CEST: night of 04-05 (Berlin) / 04-04 (offset)
        Episode d = Episodes.woken("2026-03-29T11:30:00+01:00"); // night of 03-29 in Berlin, 03-28 by its offset
        // Nights 22, 24, 28 (offset) fit in 7; nights 22, 24, 29 (Berlin) span 8.
        assertThat(rule.evaluate(d, List.of(a, b, c, d), null)).isPresent();
        assertThat(rule.evaluate(d, List.of(a, b, c, d), berlin)).isEmpty();
    }

    @Test
    void lookaroundCoversTheWindowPlusADay() {
        assertThat(rule.lookaround().toDays()).isEqualTo(8);
    }
}
