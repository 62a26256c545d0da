package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.ZoneId;
import java.util.Optional;

/** A rule decided by one episode alone. {@code profileZone} may be null (then the reported offset counts). */
public interface EpisodeRule {

    RuleId id();

    Optional<Finding> evaluate(Episode episode, ZoneId profileZone);
}
