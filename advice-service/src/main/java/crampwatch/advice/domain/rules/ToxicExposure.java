package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.episode.Exposure;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.ZoneId;
import java.util.Optional;

/** URGENT: the cramp followed contact with a hazardous substance (mercury, lead, another toxin). */
public final class ToxicExposure implements EpisodeRule {

    @Override
    public RuleId id() {
        return RuleId.TOXIC_EXPOSURE;
    }

    @Override
    public Optional<Finding> evaluate(Episode episode, ZoneId zone) {
        if (!episode.exposures().contains(Exposure.TOXIC_SUBSTANCE)) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(id(), episode.id(), Reasons.aCrampOn(episode, zone)
                + " followed contact with a hazardous substance."));
    }
}
