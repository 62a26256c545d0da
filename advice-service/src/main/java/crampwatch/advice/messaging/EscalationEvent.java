package crampwatch.advice.messaging;

import crampwatch.advice.domain.Escalation;
import crampwatch.advice.domain.EscalationIds;
import crampwatch.advice.domain.EscalationStatus;
import crampwatch.advice.domain.Level;
import crampwatch.advice.domain.RuleId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code EscalationRaised} / {@code EscalationWithdrawn} on {@code cramp-escalations}, exactly the shape
 * of {@code events/escalation-event.schema.json}. Never carries free-text notes.
 */
public record EscalationEvent(UUID eventId, String type, int schemaVersion, Instant occurredAt, String patientId,
                              Body escalation) {

    public static final String RAISED = "EscalationRaised";
    public static final String WITHDRAWN = "EscalationWithdrawn";

    public record Body(UUID id, String patientId, RuleId rule, Level level, EscalationStatus status, String reason,
                       List<UUID> episodeIds, Instant raisedAt, Instant withdrawnAt) {
    }

    /** The event id follows from the escalation and the type (see {@link EscalationIds}), so a rebuild republishes the same ids. */
    public static EscalationEvent of(String type, Escalation e, Instant at) {
        return new EscalationEvent(EscalationIds.event(e.id(), type), type, 1, at, e.patientId(), new Body(e.id(), e.patientId(), e.rule(),
                e.level(), e.status(), e.reason(), e.episodeIds(), e.raisedAt(), e.withdrawnAt()));
    }
}
