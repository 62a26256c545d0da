package crampwatch.advice.messaging;

import crampwatch.advice.domain.escalation.Level;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code AdviceChanged} on {@code cramp-escalations} (key = patientId, so it follows the escalation events that caused it
 * on the patient's partition): the patient's advice level, as {@code GET /patients/{id}/advice} shows it, moved from
 * {@code previousLevel} to {@code level}. Shape: {@code events/escalation-event.schema.json}, {@code $defs/advice}.
 * Ids and levels only.
 */
public record AdviceChangedEvent(UUID eventId, String type, int schemaVersion, Instant occurredAt, String patientId, Body advice) {

    public static final String TYPE = "AdviceChanged";

    /** {@code causeEscalationIds}: the escalations whose raising, withdrawal or acknowledgement in this transaction moved the level. */
    public record Body(String patientId, Level level, Level previousLevel, Instant changedAt, List<UUID> causeEscalationIds) {
    }

    public static AdviceChangedEvent of(UUID eventId, String patientId, Level level, Level previous, Instant at, List<UUID> causes) {
        return new AdviceChangedEvent(eventId, TYPE, 1, at, patientId, new Body(patientId, level, previous, at, List.copyOf(causes)));
    }
}
