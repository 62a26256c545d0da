package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.ZoneId;
import java.util.Optional;

/** SEE_DOCTOR: pain from 7 up to just below the debilitating level (7, 8 or 9 by default). */
public final class SignificantPain implements EpisodeRule {
    private final int from;
    private final int debilitating;

    public SignificantPain(int from, int debilitating) {
        this.from = from;
        this.debilitating = debilitating;
    }

    @Override
    public RuleId id() {
        return RuleId.SIGNIFICANT_PAIN;
    }

    @Override
    public Optional<Finding> evaluate(Episode episode, ZoneId zone) {
        int pain = episode.painScore();
        if (pain < from || pain >= debilitating) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), episode.id(), Reasons.aCrampOn(episode, zone) + " was rated " + pain
                + " out of 10 for pain, at or above the " + from + " that calls for a doctor's visit."));
    }
}
