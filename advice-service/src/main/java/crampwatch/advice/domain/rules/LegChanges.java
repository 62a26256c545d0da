package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.escalation.RuleId;
import crampwatch.advice.domain.episode.Symptom;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SEE_DOCTOR: swelling, numbness, skin changes or muscle weakness in the leg (a possible clot or
 * circulation problem; weakness or wasting with cramps is a reason to see a GP).
 */
public final class LegChanges implements EpisodeRule {

    @Override
    public RuleId id() {
        return RuleId.LEG_CHANGES;
    }

    @Override
    public Optional<Finding> evaluate(Episode episode, ZoneId zone) {
        List<String> seen = new ArrayList<>();
        if (episode.symptoms().contains(Symptom.SWELLING)) {
            seen.add("swelling");
        }
        if (episode.symptoms().contains(Symptom.NUMBNESS)) {
            seen.add("numbness");
        }
        if (episode.symptoms().contains(Symptom.SKIN_CHANGES)) {
            seen.add("skin changes");
        }
        if (episode.symptoms().contains(Symptom.MUSCLE_WEAKNESS)) {
            seen.add("muscle weakness");
        }
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        String what = seen.size() == 1 ? seen.get(0)
                : String.join(", ", seen.subList(0, seen.size() - 1)) + " and " + seen.get(seen.size() - 1);
        return Optional.of(Finding.of(id(), episode.id(), Reasons.aCrampOn(episode, zone) + " came with " + what
                + " in the leg."));
    }
}
