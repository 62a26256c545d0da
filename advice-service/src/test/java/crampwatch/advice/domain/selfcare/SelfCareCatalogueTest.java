package crampwatch.advice.domain.selfcare;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.advice.domain.profile.Condition;
import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.profile.Profile;
import crampwatch.advice.domain.episode.Relief;
import crampwatch.advice.domain.episode.Site;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SelfCareCatalogueTest {

    private static Episode episode(Site site, boolean woke, Relief... relief) {
        return new Episode(UUID.randomUUID(), OffsetDateTime.parse("2026-11-20T02:14:00+01:00"), 60, site, 3, woke,
                Set.of(relief), Set.of(), Set.of());
    }

    private static List<String> ids(List<SelfCareItem> items) {
        return items.stream().map(SelfCareItem::id).toList();
    }

    @Test
    void nothingInTheCatalogueMentionsQuinine() {
        List<String> texts = new java.util.ArrayList<>(List.of(SelfCareCatalogue.NOTICE));
        SelfCareCatalogue.ALL.forEach(i -> {
            texts.add(i.title());
            texts.add(i.text());
        });
        assertThat(texts).allSatisfy(t -> assertThat(t.toLowerCase(Locale.ROOT)).doesNotContain("quinine", "quinin", "tonic water"));
    }

    @Test
    void medicineReviewSendsToADoctorAndNeverSaysStop() {
        String text = SelfCareCatalogue.MEDICINE_REVIEW.text().toLowerCase(Locale.ROOT);
        assertThat(text).contains("doctor").contains("never stop one on your own").doesNotContain("stop taking it");
    }

    @Test
    void idsAreUniqueAndEveryItemHasText() {
        assertThat(SelfCareCatalogue.BY_ID).hasSize(SelfCareCatalogue.ALL.size());
        assertThat(SelfCareCatalogue.ALL).allSatisfy(i -> assertThat(i.text()).hasSizeGreaterThan(40));
    }

    @Test
    void baselineStartsWithWhatToDoDuringACramp() {
        List<String> plan = ids(SelfCarePlanner.plan(null, List.of(), 2026));
        assertThat(plan.get(0)).isEqualTo("during-a-cramp");
        assertThat(plan).contains("calf-stretch", "hydration", "footwear", "sleep", "diet")
                .doesNotContain("medicine-review", "pregnancy", "diabetes", "age-50-plus", "foot-exercises");
    }

    @Test
    void footCrampsBringFootExercisesForward() {
        List<String> plan = ids(SelfCarePlanner.plan(null, List.of(episode(Site.FOOT, false), episode(Site.TOES, false)), 2026));
        assertThat(plan.indexOf("foot-exercises")).isLessThan(plan.indexOf("calf-stretch"));
        assertThat(plan.indexOf("footwear")).isLessThan(plan.indexOf("hydration"));
    }

    @Test
    void thighCrampsBringLegStretchesAndWokenNightsBringSleep() {
        List<String> plan = ids(SelfCarePlanner.plan(null, List.of(episode(Site.HAMSTRING, true, Relief.HEAT)), 2026));
        assertThat(plan).contains("leg-stretches");
        assertThat(plan.indexOf("sleep")).isLessThan(plan.indexOf("diet"));
        assertThat(plan.indexOf("warmth-and-cold")).isLessThan(plan.indexOf("footwear"));
    }

    @Test
    void profileAddsNotesForMedicinesPregnancyAgeAndDiabetes() {
        Profile profile = new Profile("p-1", 1970, true, null, List.of(Condition.DIABETES), List.of(crampwatch.advice.domain.profile.Medicine.named("simvastatin 40mg")));
        List<String> plan = ids(SelfCarePlanner.plan(profile, List.of(), 2026));
        assertThat(plan.subList(0, 5)).containsExactly("during-a-cramp", "medicine-review", "pregnancy", "diabetes", "age-50-plus");
        Profile young = new Profile("p-2", 2000, false, null, List.of(), List.of(crampwatch.advice.domain.profile.Medicine.named("paracetamol")));
        assertThat(ids(SelfCarePlanner.plan(young, List.of(), 2026))).doesNotContain("medicine-review", "age-50-plus");
    }

    @Test
    void crampAssociatedMedicinesAreRecognised() {
        assertThat(CrampMedicines.isAssociated("Atorvastatin 20 mg")).isTrue();
        assertThat(CrampMedicines.isAssociated("ALBUTEROL inhaler")).isTrue();
        assertThat(CrampMedicines.isAssociated("Hydrochlorothiazide")).isTrue();
        assertThat(CrampMedicines.isAssociated("ibuprofen")).isFalse();
    }

    @Test
    void medicinesMatchAsWholeNamesBrandsAndPluralsIncluded() {
        assertThat(CrampMedicines.isAssociated("Nystatin oral drops")).isFalse();
        assertThat(CrampMedicines.isAssociated("statins")).isTrue();
        assertThat(CrampMedicines.isAssociated("Lipitor 10")).isTrue();
        assertThat(CrampMedicines.isAssociated("water pills")).isTrue();
        assertThat(CrampMedicines.isAssociated("pregabalin-XR")).isTrue();
        assertThat(CrampMedicines.isAssociated("Lasixol")).isFalse();
    }

    private static java.util.stream.Stream<String> everyText() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(SelfCareCatalogue.NOTICE),
                SelfCareCatalogue.EVERY_VARIANT.stream().map(SelfCareItem::text));
    }

    @Test
    void noSentenceIsLongerThanThirtyWords() {
        everyText().forEach(text -> {
            for (String sentence : text.split("(?<=[.!?])\\s+")) {
                assertThat(sentence.trim().split("\\s+")).as(sentence).hasSizeLessThanOrEqualTo(30);
            }
        });
    }

    @Test
    void everyStretchSaysGentlyAndStopIfItHurts() {
        assertThat(SelfCareCatalogue.EVERY_VARIANT).filteredOn(i -> i.text().toLowerCase(Locale.ROOT).contains("stretch")
                        || i.id().equals("foot-exercises") || i.id().equals("during-a-cramp"))
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.text()).as(i.id()).contains("stop").containsIgnoringCase("if it hurts"));
    }

    @Test
    void theNoticeSaysGeneralInformationNotADiagnosisAndNeverNotMedicalAdvice() {
        assertThat(SelfCareCatalogue.NOTICE).contains("general information, not a diagnosis")
                .contains("does not replace your doctor or emergency services");
        everyText().forEach(t -> assertThat(t.toLowerCase(Locale.ROOT)).doesNotContain("not medical advice"));
    }

    @Test
    void claimsStayWithinTheSources() {
        assertThat(SelfCareCatalogue.PREGNANCY.text()).contains("second and third trimesters").doesNotContain("usually");
        assertThat(SelfCareCatalogue.DIET.text()).contains("Vitamin D supplements did not help in studies of pregnant women");
        everyText().forEach(t -> assertThat(t).doesNotContain("best-tested").doesNotContain("for many people"));
    }

    @Test
    void kidneyDiseaseDialysisAndHeartFailureGetNoDrinkMoreOrPotassiumAdvice() {
        for (Condition c : List.of(Condition.KIDNEY_DISEASE, Condition.DIALYSIS, Condition.HEART_FAILURE)) {
            Profile profile = new Profile("p-k", 1960, false, null, List.of(c), List.of());
            List<SelfCareItem> plan = SelfCarePlanner.plan(profile, List.of(episode(Site.CALF, true)), 2026);
            assertThat(ids(plan)).as(c.name()).doesNotContain("hydration", "diet").contains("fluids-and-diet");
            assertThat(plan).allSatisfy(i -> assertThat(i.text()).doesNotContain("cups of water").doesNotContain("Potassium comes"));
        }
        Profile other = new Profile("p-o", 1960, false, null, List.of(Condition.HEART_DISEASE), List.of());
        assertThat(ids(SelfCarePlanner.plan(other, List.of(), 2026))).contains("hydration", "diet").doesNotContain("fluids-and-diet");
    }

    @Test
    void diabetesAndNeuropathyGetABurnWarningWithHeatAdvice() {
        for (Condition c : List.of(Condition.DIABETES, Condition.PERIPHERAL_NEUROPATHY)) {
            Profile profile = new Profile("p-d", 1960, false, null, List.of(c), List.of());
            SelfCareItem warmth = SelfCarePlanner.plan(profile, List.of(), 2026).stream()
                    .filter(i -> i.id().equals("warmth-and-cold")).findFirst().orElseThrow();
            assertThat(warmth.text()).as(c.name()).contains("burn").contains("never sleep with a heat pad");
        }
        SelfCareItem plain = SelfCarePlanner.plan(null, List.of(), 2026).stream()
                .filter(i -> i.id().equals("warmth-and-cold")).findFirst().orElseThrow();
        assertThat(plain).isEqualTo(SelfCareCatalogue.WARMTH_AND_COLD);
    }

    @Test
    void theClotWarningComesFirstWithLegChangesAndForPregnantPatientsWithCalfCramps() {
        Episode swollen = new Episode(UUID.randomUUID(), OffsetDateTime.parse("2026-11-20T02:14:00+01:00"), 60, Site.FOOT, 3,
                false, Set.of(Relief.STRETCHING), Set.of(crampwatch.advice.domain.episode.Symptom.SWELLING), Set.of());
        assertThat(ids(SelfCarePlanner.plan(null, List.of(swollen), 2026)).get(0)).isEqualTo("clot-warning");
        Profile pregnant = new Profile("p-p", 1995, true, null, List.of(), List.of());
        assertThat(ids(SelfCarePlanner.plan(pregnant, List.of(episode(Site.CALF, true)), 2026)).get(0)).isEqualTo("clot-warning");
        assertThat(ids(SelfCarePlanner.plan(pregnant, List.of(episode(Site.FOOT, true)), 2026))).doesNotContain("clot-warning");
        assertThat(ids(SelfCarePlanner.plan(null, List.of(episode(Site.CALF, true)), 2026))).doesNotContain("clot-warning");
        assertThat(SelfCareCatalogue.CLOT_WARNING.text()).contains("today").contains("emergency number");
    }
}
