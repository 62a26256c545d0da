package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.ZoneId;
import java.util.Optional;

/** URGENT: pain at the top of the scale (10 of 10 by default). */
public final class DebilitatingPain implements EpisodeRule {
    private final int threshold;

    public DebilitatingPain(int threshold) {
        this.threshold = threshold;
    }

    @Override
    public RuleId id() {
        return RuleId.DEBILITATING_PAIN;
    }

    @Override
    public Optional<Finding> evaluate(Episode episode, ZoneId zone) {
        if (episode.painScore() < threshold) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), episode.id(), Reasons.aCrampOn(episode, zone) + " was rated "
                + episode.painScore() + " out of 10 for pain, at the " + threshold + " that counts as debilitating."));
    }
}
