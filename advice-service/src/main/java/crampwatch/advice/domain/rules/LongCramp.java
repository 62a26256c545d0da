package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.ZoneId;
import java.util.Optional;

/** URGENT: a cramp that lasts strictly longer than the limit (600 s by default; exactly 600 s does not fire). */
public final class LongCramp implements EpisodeRule {
    private final int limitSeconds;

    public LongCramp(int limitSeconds) {
        this.limitSeconds = limitSeconds;
    }

    @Override
    public RuleId id() {
        return RuleId.LONG_CRAMP;
    }

    @Override
    public Optional<Finding> evaluate(Episode episode, ZoneId zone) {
        if (episode.durationSeconds() <= limitSeconds) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), episode.id(), Reasons.aCrampOn(episode, zone) + " lasted "
                + Reasons.duration(episode.durationSeconds()) + ", over the " + Reasons.limit(limitSeconds) + " limit."));
    }
}
