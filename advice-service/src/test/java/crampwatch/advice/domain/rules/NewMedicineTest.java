package crampwatch.advice.domain.rules;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.escalation.Level;
import crampwatch.advice.domain.profile.Medicine;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NEW_MEDICINE (domain.md): a medicine started on D; a cramp on a night in D+1 … D+30 and none on a night in
 * D−30 … D. Nights are local dates of (start − 12 h): a cramp at 02:00 on the 2nd is the night of the 1st.
 */
class NewMedicineTest {

    static final LocalDate D = LocalDate.parse("2026-11-01");
    static final List<Medicine> STARTED_ON_D = List.of(new Medicine("Atorvastatin 20 mg", D));
    private final NewMedicine rule = new RuleBook(RuleThresholds.defaults()).newMedicine();

    /** A cramp at 02:00 local on the morning after the night {@code night}. */
    static Episode onNight(LocalDate night) {
        return Episodes.at(night.plusDays(1) + "T02:00:00+01:00");
    }

    @Test
    void itIsASeeDoctorRule() {
        assertThat(RuleId.NEW_MEDICINE.level()).isEqualTo(Level.SEE_DOCTOR);
    }

    @Test
    void aCrampInTheThirtyNightsAfterTheStartWithNoneInTheThirtyBeforeFires() {
        Episode after = onNight(D.plusDays(1));
        var found = rule.evaluate(STARTED_ON_D, List.of(after), null);
        assertThat(found).isPresent();
        assertThat(found.get().episodeIds()).containsExactly(after.id());
        assertThat(found.get().reason()).doesNotContainIgnoringCase("atorvastatin")
                .isEqualTo("Cramps began within 30 days of starting a medicine listed in the profile, with none in the 30 days "
                        + "before it; the first was on the night of 2026-11-02.");
    }

    @Test
    void theNightsAfterAreDPlusOneToDPlusThirty() {
        assertThat(rule.evaluate(STARTED_ON_D, List.of(onNight(D)), null)).isEmpty(); // the start night counts as before
        assertThat(rule.evaluate(STARTED_ON_D, List.of(onNight(D.plusDays(30))), null)).isPresent();
        assertThat(rule.evaluate(STARTED_ON_D, List.of(onNight(D.plusDays(31))), null)).isEmpty();
    }

    @Test
    void aCrampOnDMinusThirtyBlocksItAndOneOnDMinusThirtyOneDoesNot() {
        Episode after = onNight(D.plusDays(5));
        assertThat(rule.evaluate(STARTED_ON_D, List.of(onNight(D.minusDays(30)), after), null)).isEmpty();
        var found = rule.evaluate(STARTED_ON_D, List.of(onNight(D.minusDays(31)), after), null);
        assertThat(found).isPresent();
        assertThat(found.get().episodeIds()).containsExactly(after.id());
    }

    @Test
    void aMedicineWithoutAStartDateNeverFires() {
        assertThat(rule.evaluate(List.of(Medicine.named("atorvastatin")), List.of(onNight(D.plusDays(3))), null)).isEmpty();
        assertThat(rule.span(List.of(Medicine.named("atorvastatin")))).isEmpty();
    }

    @Test
    void theEvidenceIsEveryCrampAfterEveryQualifyingMedicineInAnyOrder() {
        LocalDate other = D.plusDays(60);
        List<Medicine> two = List.of(new Medicine("a", D), new Medicine("b", other));
        Episode a1 = onNight(D.plusDays(2));
        Episode a2 = onNight(D.plusDays(20));
        Episode b1 = onNight(other.plusDays(4)); // D+64: none in other−30 … other? a2 is D+20 = other−40: outside
        var forward = rule.evaluate(two, List.of(a1, a2, b1), null);
        var backward = rule.evaluate(two, List.of(b1, a2, a1), null);
        assertThat(forward).isPresent();
        assertThat(forward.get().episodeIds()).containsExactly(a1.id(), a2.id(), b1.id());
        assertThat(backward.get().episodeIds()).isEqualTo(forward.get().episodeIds());
    }
}
