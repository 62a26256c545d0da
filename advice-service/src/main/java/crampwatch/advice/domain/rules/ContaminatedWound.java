package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.episode.Exposure;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.ZoneId;
import java.util.Optional;

/** URGENT: the cramp followed a cut that came into contact with dirt or another source of infection (tetanus risk). */
public final class ContaminatedWound implements EpisodeRule {

    @Override
    public RuleId id() {
        return RuleId.CONTAMINATED_WOUND;
    }

    @Override
    public Optional<Finding> evaluate(Episode episode, ZoneId zone) {
        if (!episode.exposures().contains(Exposure.CONTAMINATED_WOUND)) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), episode.id(), Reasons.aCrampOn(episode, zone)
                + " followed a cut that came into contact with dirt or another source of infection."));
    }
}
