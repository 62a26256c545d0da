package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.Episode;
import crampwatch.advice.domain.RuleId;
import java.time.ZoneId;
import java.util.Optional;

/** A rule decided by one episode alone. {@code profileZone} may be null (then the reported offset counts). */
public interface EpisodeRule {

    RuleId id();

    Optional<Finding> evaluate(Episode episode, ZoneId profileZone);
}
