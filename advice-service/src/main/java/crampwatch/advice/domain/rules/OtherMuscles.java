package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.ZoneId;
import java.util.Optional;

/** SEE_DOCTOR: a cramp somewhere other than the feet, toes, calf, shin or thigh. */
public final class OtherMuscles implements EpisodeRule {

    @Override
    public RuleId id() {
        return RuleId.OTHER_MUSCLES;
    }

    @Override
    public Optional<Finding> evaluate(Episode episode, ZoneId zone) {
        if (episode.site().isFootOrLeg()) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), episode.id(), Reasons.aCrampOn(episode, zone)
                + " was in a muscle outside the feet and legs."));
    }
}
