package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.escalation.Level;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A rule that fired: which rule, on which episodes, and the one plain sentence that says why.
 * {@code runFrom}/{@code runTo} are set by PERSISTENT_OVER_TWO_WEEKS only: the reported start of the
 * first and last episode of the run as far as it was examined.
 */
public record Finding(RuleId rule, List<UUID> episodeIds, String reason, Instant runFrom, Instant runTo) {

    public Finding {
        episodeIds = List.copyOf(episodeIds);
    }

    public static Finding of(RuleId rule, UUID episodeId, String reason) {
        return new Finding(rule, List.of(episodeId), reason, null, null);
    }

    public Level level() {
        return rule.level();
    }
}
