package crampwatch.advice.domain.escalation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An escalation as stored: a rule that fired for a patient, on which episodes, and what the clinic did about it. */
public record Escalation(UUID id, String patientId, RuleId rule, Level level, EscalationStatus status, String reason,
                         List<UUID> episodeIds, Instant raisedAt, Instant acknowledgedAt, String acknowledgedBy,
                         String acknowledgementNote, Instant withdrawnAt) {

    public Escalation {
        episodeIds = List.copyOf(episodeIds);
    }

    /** A new OPEN escalation; {@code id} comes from {@link EscalationIds}. */
    public static Escalation open(UUID id, String patientId, RuleId rule, String reason, List<UUID> episodeIds, Instant at) {
        return new Escalation(id, patientId, rule, rule.level(), EscalationStatus.OPEN, reason, episodeIds,
                at, null, null, null, null);
    }
}
