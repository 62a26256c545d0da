package crampwatch.advice.domain.selfcare;

import static crampwatch.advice.domain.selfcare.SelfCareCatalogue.*;

import crampwatch.advice.domain.profile.Condition;
import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.profile.Profile;
import crampwatch.advice.domain.episode.Relief;
import crampwatch.advice.domain.episode.Site;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses and orders self-care items for one patient from their recent episodes (where the cramps
 * were, whether they woke the patient, what relieved them) and their profile (pregnancy, age, diabetes,
 * cramp-associated medicines). Pure: the same inputs always give the same list.
 */
public final class SelfCarePlanner {
    private SelfCarePlanner() {
    }

    public static List<SelfCareItem> plan(Profile profile, List<Episode> recent, int currentYear) {
        Map<SelfCareItem, Integer> score = new HashMap<>();
        // A baseline everyone gets, in a sensible reading order.
        score.put(DURING_A_CRAMP, 100);
        score.put(CALF_STRETCH, 60);
        score.put(HYDRATION, 50);
        score.put(WARMTH_AND_COLD, 45);
        score.put(FOOTWEAR, 40);
        score.put(SLEEP, 35);
        score.put(DIET, 30);
        score.put(ACTIVITY, 25);

        long feet = recent.stream().filter(e -> e.site() == Site.FOOT || e.site() == Site.TOES).count();
        long lowerLeg = recent.stream().filter(e -> e.site() == Site.CALF).count();
        long upperLeg = recent.stream().filter(e -> e.site() == Site.SHIN || e.site() == Site.THIGH
                || e.site() == Site.HAMSTRING).count();
        long woken = recent.stream().filter(Episode::wokeFromSleep).count();
        if (feet > 0) {
            score.put(FOOT_EXERCISES, 70 + (int) Math.min(feet, 20));
            score.merge(FOOTWEAR, 25, Integer::sum);
        }
        if (lowerLeg > 0) {
            score.merge(CALF_STRETCH, 15 + (int) Math.min(lowerLeg, 20), Integer::sum);
        }
        if (upperLeg > 0) {
            score.put(LEG_STRETCHES, 65 + (int) Math.min(upperLeg, 20));
        }
        if (woken > 0) {
            score.merge(SLEEP, 30 + (int) Math.min(woken, 20), Integer::sum);
        }
        if (helped(recent, Relief.HEAT) || helped(recent, Relief.COLD)) {
            score.merge(WARMTH_AND_COLD, 30, Integer::sum);
        }
        if (helped(recent, Relief.STRETCHING)) {
            score.merge(CALF_STRETCH, 10, Integer::sum);
            score.computeIfPresent(LEG_STRETCHES, (k, v) -> v + 10);
            score.computeIfPresent(FOOT_EXERCISES, (k, v) -> v + 10);
        }

        if (profile != null) {
            if (profile.medicines().stream().map(crampwatch.advice.domain.profile.Medicine::name).anyMatch(CrampMedicines::isAssociated)) {
                score.put(MEDICINE_REVIEW, 95);
            }
            if (profile.pregnant()) {
                score.put(PREGNANCY, 90);
                score.merge(DIET, 20, Integer::sum);
            }
            if (profile.birthYear() != null && currentYear - profile.birthYear() >= 50) {
                score.put(AGE_50_PLUS, 82);
                score.merge(CALF_STRETCH, 20, Integer::sum);
            }
            if (profile.conditions().contains(Condition.DIABETES)) {
                score.put(DIABETES, 85);
                score.merge(FOOTWEAR, 10, Integer::sum);
            }
        }
        boolean legChanges = recent.stream().anyMatch(e -> !e.symptoms().isEmpty());
        if (legChanges || (profile != null && profile.pregnant() && lowerLeg > 0)) {
            score.put(CLOT_WARNING, 110); // before anything else
        }
        if (profile != null && limitsFluidsOrPotassium(profile)) {
            // Drinking more or eating more potassium can harm these patients: their care team decides instead.
            int at = Math.max(score.remove(HYDRATION), score.remove(DIET));
            score.put(FLUIDS_AND_DIET_CARE_TEAM, at + 40);
        }
        if (profile != null && mayNotFeelHeat(profile)) {
            // The same place in the list, the text with the burn warning.
            score.put(WARMTH_AND_COLD_WITH_CARE, score.remove(WARMTH_AND_COLD));
        }
        List<Map.Entry<SelfCareItem, Integer>> entries = new ArrayList<>(score.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<SelfCareItem, Integer> e) -> -e.getValue())
                .thenComparing(e -> EVERY_VARIANT.indexOf(e.getKey())));
        return entries.stream().map(Map.Entry::getKey).toList();
    }

    /** Kidney disease, dialysis or heart failure: no "drink more", no "eat more potassium" (domain.md, tailoring that avoids harm). */
    static boolean limitsFluidsOrPotassium(Profile profile) {
        return profile.conditions().contains(Condition.KIDNEY_DISEASE) || profile.conditions().contains(Condition.DIALYSIS)
                || profile.conditions().contains(Condition.HEART_FAILURE);
    }

    /** Diabetes or nerve damage: heat and cold may not be felt, so heat advice carries a burn warning. */
    static boolean mayNotFeelHeat(Profile profile) {
        return profile.conditions().contains(Condition.DIABETES) || profile.conditions().contains(Condition.PERIPHERAL_NEUROPATHY);
    }

    private static boolean helped(List<Episode> recent, Relief relief) {
        return recent.stream().anyMatch(e -> e.relievedBy().contains(relief));
    }
}
