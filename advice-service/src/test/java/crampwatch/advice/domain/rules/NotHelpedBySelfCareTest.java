package crampwatch.advice.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.escalation.Level;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** NOT_HELPED_BY_SELF_CARE: nothing eased the cramps on 3 or more distinct nights within any 14 (domain.md). */
class NotHelpedBySelfCareTest {

    private final NotHelpedBySelfCare rule = new RuleBook(RuleThresholds.defaults()).nightRules().stream()
            .filter(NotHelpedBySelfCare.class::isInstance).map(NotHelpedBySelfCare.class::cast).findFirst().orElseThrow();

    @Test
    void itIsASeeDoctorRuleWithTheDomainDefaults() {
        assertThat(rule.id()).isEqualTo(RuleId.NOT_HELPED_BY_SELF_CARE);
        assertThat(RuleId.NOT_HELPED_BY_SELF_CARE.level()).isEqualTo(Level.SEE_DOCTOR);
    }

    @Test
    void twoNightsDoNotFireAndThreeDo() {
        Episode a = Episodes.unrelieved("2026-11-02T02:00:00+01:00"); // night of 11-01
        Episode b = Episodes.unrelieved("2026-11-08T02:00:00+01:00"); // night of 11-07
        assertThat(rule.evaluate(b, List.of(a, b), null)).isEmpty();
        Episode c = Episodes.unrelieved("2026-11-15T02:00:00+01:00"); // night of 11-14: nights 01..14 are 14 nights
        var found = rule.evaluate(c, List.of(a, b, c), null);
        assertThat(found).isPresent();
        assertThat(found.get().episodeIds()).containsExactly(a.id(), b.id(), c.id());
        assertThat(found.get().reason()).isEqualTo("Nothing eased the cramps on 3 different nights from the night of "
                + "2026-11-01 to the night of 2026-11-14, reaching the limit of 3 nights in any 14.");
    }

    @Test
    void threeNightsSpreadOverFifteenNightsDoNotFire() {
        Episode a = Episodes.unrelieved("2026-11-02T02:00:00+01:00"); // night of 11-01
        Episode b = Episodes.unrelieved("2026-11-08T02:00:00+01:00");
        Episode c = Episodes.unrelieved("2026-11-16T02:00:00+01:00"); // night of 11-15: 15 nights 01..15
        assertThat(rule.evaluate(c, List.of(a, b, c), null)).isEmpty();
    }

    @Test
    void severalCrampsOnOneNightCountOnce() {
        Episode a = Episodes.unrelieved("2026-11-19T23:30:00+01:00");
        Episode b = Episodes.unrelieved("2026-11-20T03:00:00+01:00");
        Episode c = Episodes.unrelieved("2026-11-21T03:00:00+01:00");
        assertThat(rule.evaluate(c, List.of(a, b, c), null)).isEmpty();
    }

    @Test
    void crampsThatSomethingEasedDoNotCountAndNeverFireIt() {
        Episode a = Episodes.unrelieved("2026-11-02T02:00:00+01:00");
        Episode eased = Episodes.at("2026-11-05T02:00:00+01:00");
        Episode b = Episodes.unrelieved("2026-11-08T02:00:00+01:00");
        assertThat(rule.evaluate(b, List.of(a, eased, b), null)).isEmpty();
        Episode c = Episodes.unrelieved("2026-11-09T02:00:00+01:00");
        assertThat(rule.evaluate(eased, List.of(a, b, c, eased), null)).isEmpty();
    }

    @Test
    void theNightIsTheProfilesLocalNight() {
        // 00:30 UTC is 19:30 the evening before in New York: the night of 11-01 there, the night of 11-01 in UTC too
        // (00:30 minus 12 h); 13:30 UTC on 11-15 is 08:30 in New York (night of 11-14) but the night of 11-15 in UTC.
        Episode a = Episodes.unrelieved("2026-11-02T00:30:00Z");
        Episode b = Episodes.unrelieved("2026-11-08T02:00:00Z");
        Episode c = Episodes.unrelieved("2026-11-15T13:30:00Z");
        assertThat(rule.evaluate(c, List.of(a, b, c), null)).isEmpty();
        assertThat(rule.evaluate(c, List.of(a, b, c), ZoneId.of("America/New_York"))).isPresent();
    }

    @Test
    void theEvidenceIsTheSameWhateverTheArrivalOrder() {
        Episode n1 = Episodes.unrelieved("2026-11-02T02:00:00+01:00");
        Episode n5 = Episodes.unrelieved("2026-11-06T02:00:00+01:00");
        Episode n9 = Episodes.unrelieved("2026-11-10T02:00:00+01:00");
        Episode n15 = Episodes.unrelieved("2026-11-16T02:00:00+01:00");
        Set<UUID> inOrder = evidenceArrivingIn(List.of(n1, n5, n9, n15));
        assertThat(inOrder).containsExactlyInAnyOrder(n1.id(), n5.id(), n9.id(), n15.id());
        assertThat(evidenceArrivingIn(List.of(n15, n9, n5, n1))).isEqualTo(inOrder);
        assertThat(evidenceArrivingIn(List.of(n9, n1, n15, n5))).isEqualTo(inOrder);
    }

    private Set<UUID> evidenceArrivingIn(List<Episode> arrivals) {
        Set<UUID> evidence = new HashSet<>();
        for (int i = 0; i < arrivals.size(); i++) {
            rule.evaluate(arrivals.get(i), new ArrayList<>(arrivals.subList(0, i + 1)), null).ifPresent(f -> evidence.addAll(f.episodeIds()));
        }
        return evidence;
    }
}
