package crampwatch.advice.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.advice.domain.episode.Exposure;
import crampwatch.advice.domain.escalation.Level;
import crampwatch.advice.domain.escalation.RuleId;
import crampwatch.advice.domain.episode.Site;
import crampwatch.advice.domain.episode.Symptom;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class EpisodeRulesTest {

    private final RuleBook rules = new RuleBook(RuleThresholds.defaults());

    private List<RuleId> fired(crampwatch.advice.domain.episode.Episode e) {
        return rules.episodeFindings(e, null).stream().map(Finding::rule).toList();
    }

    @Test
    void exactly600SecondsIsNotALongCramp() {
        assertThat(fired(Episodes.lasting(600))).doesNotContain(RuleId.LONG_CRAMP);
    }

    @Test
    void secondAfterTheLimitIsUrgentWithTheNumbersInTheReason() {
        var found = new LongCramp(600).evaluate(Episodes.lasting(601), null);
        assertThat(found).isPresent();
        assertThat(found.get().level()).isEqualTo(Level.URGENT);
        assertThat(found.get().reason()).isEqualTo("A cramp on 2026-11-20 lasted 10 min 1 s, over the 10-minute limit.");
    }

    @Test
    void reasonMatchesTheDesignExample() {
        assertThat(new LongCramp(600).evaluate(Episodes.lasting(845), null).orElseThrow().reason())
                .isEqualTo("A cramp on 2026-11-20 lasted 14 min 5 s, over the 10-minute limit.");
    }

    @Test
    void reasonDateIsThePatientsLocalDate() {
        // 2026-11-20T02:14+01:00 is 2026-11-19 evening in New York.
        assertThat(new LongCramp(600).evaluate(Episodes.lasting(700), ZoneId.of("America/New_York")).orElseThrow().reason())
                .startsWith("A cramp on 2026-11-19 lasted 11 min 40 s");
    }

    @Test
    void configuredLimitIsUsed() {
        assertThat(new LongCramp(300).evaluate(Episodes.lasting(301), null)).isPresent();
        assertThat(new LongCramp(300).evaluate(Episodes.lasting(301), null).orElseThrow().reason()).contains("5-minute limit");
        assertThat(new LongCramp(90).evaluate(Episodes.lasting(91), null).orElseThrow().reason()).contains("90-second limit");
    }

    @ParameterizedTest
    @CsvSource({"0,", "6,", "7,SIGNIFICANT_PAIN", "8,SIGNIFICANT_PAIN", "9,SIGNIFICANT_PAIN", "10,DEBILITATING_PAIN"})
    void painBoundaries(int score, RuleId expected) {
        List<RuleId> painRules = fired(Episodes.pain(score)).stream()
                .filter(r -> r == RuleId.SIGNIFICANT_PAIN || r == RuleId.DEBILITATING_PAIN).toList();
        assertThat(painRules).isEqualTo(expected == null ? List.of() : List.of(expected));
    }

    @Test
    void painReasons() {
        assertThat(rules.episodeFindings(Episodes.pain(10), null).get(0).reason())
                .isEqualTo("A cramp on 2026-11-20 was rated 10 out of 10 for pain, at the 10 that counts as debilitating.");
        assertThat(rules.episodeFindings(Episodes.pain(7), null).get(0).reason())
                .isEqualTo("A cramp on 2026-11-20 was rated 7 out of 10 for pain, at or above the 7 that calls for a doctor's visit.");
    }

    @Test
    void exposuresAreUrgent() {
        assertThat(fired(Episodes.with(Site.CALF, Set.of(), Set.of(Exposure.TOXIC_SUBSTANCE))))
                .containsExactly(RuleId.TOXIC_EXPOSURE);
        assertThat(fired(Episodes.with(Site.CALF, Set.of(), Set.of(Exposure.CONTAMINATED_WOUND))))
                .containsExactly(RuleId.CONTAMINATED_WOUND);
        assertThat(RuleId.TOXIC_EXPOSURE.level()).isEqualTo(Level.URGENT);
        assertThat(RuleId.CONTAMINATED_WOUND.level()).isEqualTo(Level.URGENT);
    }

    @Test
    void legChangesIncludingMuscleWeakness() {
        var weak = rules.episodeFindings(Episodes.with(Site.CALF, Set.of(Symptom.MUSCLE_WEAKNESS), Set.of()), null);
        assertThat(weak).extracting(Finding::rule).containsExactly(RuleId.LEG_CHANGES);
        assertThat(weak.get(0).reason()).isEqualTo("A cramp on 2026-11-20 came with muscle weakness in the leg.");
        var found = rules.episodeFindings(Episodes.with(Site.CALF, Set.of(Symptom.SWELLING, Symptom.NUMBNESS), Set.of()), null);
        assertThat(found).extracting(Finding::rule).containsExactly(RuleId.LEG_CHANGES);
        assertThat(found.get(0).reason()).isEqualTo("A cramp on 2026-11-20 came with swelling and numbness in the leg.");
    }

    @ParameterizedTest
    @EnumSource(Site.class)
    void onlyOtherSiteIsOtherMuscles(Site site) {
        assertThat(fired(Episodes.with(site, Set.of(), Set.of())).contains(RuleId.OTHER_MUSCLES)).isEqualTo(site == Site.OTHER);
    }

    @Test
    void harmlessCrampFiresNothing() {
        assertThat(fired(Episodes.at("2026-11-20T02:14:00+01:00"))).isEmpty();
    }

    @Test
    void durationWording() {
        assertThat(Reasons.duration(45)).isEqualTo("45 s");
        assertThat(Reasons.duration(660)).isEqualTo("11 min");
        assertThat(Reasons.duration(3725)).isEqualTo("1 h 2 min 5 s");
    }
}
