package crampwatch.advice.domain.selfcare;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.advice.domain.Condition;
import crampwatch.advice.domain.Episode;
import crampwatch.advice.domain.Profile;
import crampwatch.advice.domain.Relief;
import crampwatch.advice.domain.Site;
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
        Profile profile = new Profile("p-1", 1970, true, null, List.of(Condition.DIABETES), List.of("simvastatin 40mg"));
        List<String> plan = ids(SelfCarePlanner.plan(profile, List.of(), 2026));
        assertThat(plan.subList(0, 5)).containsExactly("during-a-cramp", "medicine-review", "pregnancy", "diabetes", "age-50-plus");
        Profile young = new Profile("p-2", 2000, false, null, List.of(), List.of("paracetamol"));
        assertThat(ids(SelfCarePlanner.plan(young, List.of(), 2026))).doesNotContain("medicine-review", "age-50-plus");
    }

    @Test
    void crampAssociatedMedicinesAreRecognised() {
        assertThat(CrampMedicines.isAssociated("Atorvastatin 20 mg")).isTrue();
        assertThat(CrampMedicines.isAssociated("ALBUTEROL inhaler")).isTrue();
        assertThat(CrampMedicines.isAssociated("Hydrochlorothiazide")).isTrue();
        assertThat(CrampMedicines.isAssociated("ibuprofen")).isFalse();
    }
}
