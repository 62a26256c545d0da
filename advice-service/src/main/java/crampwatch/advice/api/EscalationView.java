package crampwatch.advice.api;

import crampwatch.advice.domain.Escalation;
import crampwatch.advice.domain.EscalationStatus;
import crampwatch.advice.domain.Level;
import crampwatch.advice.domain.RuleId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An escalation as the API shows it. */
public record EscalationView(UUID id, String patientId, RuleId rule, Level level, EscalationStatus status, String reason,
                             List<UUID> episodeIds, Instant raisedAt, Instant acknowledgedAt, String acknowledgedBy,
                             String acknowledgementNote, Instant withdrawnAt) {

    static EscalationView of(Escalation e) {
        return new EscalationView(e.id(), e.patientId(), e.rule(), e.level(), e.status(), e.reason(), e.episodeIds(),
                e.raisedAt(), e.acknowledgedAt(), e.acknowledgedBy(), e.acknowledgementNote(), e.withdrawnAt());
    }
}
