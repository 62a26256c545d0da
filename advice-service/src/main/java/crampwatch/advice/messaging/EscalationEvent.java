package crampwatch.advice.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import crampwatch.advice.domain.escalation.Escalation;
import crampwatch.advice.domain.escalation.EscalationIds;
import crampwatch.advice.domain.escalation.EscalationStatus;
import crampwatch.advice.domain.escalation.Level;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * {@code EscalationRaised} / {@code EscalationWithdrawn} / {@code EscalationAcknowledged} on {@code cramp-escalations}, exactly the shape
 * of {@code events/escalation-event.schema.json}. Never carries free-text notes (not the acknowledgement's note either).
 */
public record EscalationEvent(UUID eventId, String type, int schemaVersion, Instant occurredAt, String patientId,
                              Body escalation) {

    public static final String RAISED = "EscalationRaised";
    public static final String WITHDRAWN = "EscalationWithdrawn";
    public static final String ACKNOWLEDGED = "EscalationAcknowledged";

    public record Body(UUID id, String patientId, RuleId rule, Level level, EscalationStatus status, String reason,
                       List<UUID> episodeIds, Instant raisedAt, Instant withdrawnAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String episodeStartedAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) UUID triggeredBy,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<UUID> raisedTogether,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Instant acknowledgedAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String acknowledgedBy,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String patientTimeZone) {
    }

    /** The event id follows from the escalation and the type (see {@link EscalationIds}), so a rebuild republishes the same ids. */
    public static EscalationEvent of(String type, Escalation e, Instant at) {
        return of(type, e, at, null);
    }

    /**
     * {@code episodeStartedAt}: the reported start (ISO-8601 with the patient's offset) of the latest episode
     * in the evidence, or null (then left out) when it is not known; notification-service words the
     * patient's email by it ("now" only for a recent episode).
     */
    public static EscalationEvent of(String type, Escalation e, Instant at, OffsetDateTime episodeStartedAt) {
        return of(type, e, at, episodeStartedAt, null, null);
    }

    /**
     * An {@code EscalationRaised}; {@code triggeredBy} (the episode whose arrival raised it) and {@code raisedTogether}
     * (every escalation that arrival raised, this one included) are left out when null: notification-service then
     * sends this escalation's emails on their own.
     */
    public static EscalationEvent raised(Escalation e, Instant at, OffsetDateTime episodeStartedAt, UUID triggeredBy,
                                         List<UUID> raisedTogether) {
        return raised(e, at, episodeStartedAt, triggeredBy, raisedTogether, null);
    }

    /**
     * An {@code EscalationRaised} that also carries {@code patientTimeZone}, the IANA zone of the patient's profile (left
     * out when null): notification-service reads the patient's quiet hours in it.
     */
    public static EscalationEvent raised(Escalation e, Instant at, OffsetDateTime episodeStartedAt, UUID triggeredBy,
                                         List<UUID> raisedTogether, String patientTimeZone) {
        return of(RAISED, e, at, episodeStartedAt, triggeredBy, raisedTogether, patientTimeZone);
    }

    private static EscalationEvent of(String type, Escalation e, Instant at, OffsetDateTime episodeStartedAt, UUID triggeredBy,
                                      List<UUID> raisedTogether) {
        return of(type, e, at, episodeStartedAt, triggeredBy, raisedTogether, null);
    }

    private static EscalationEvent of(String type, Escalation e, Instant at, OffsetDateTime episodeStartedAt, UUID triggeredBy,
                                      List<UUID> raisedTogether, String patientTimeZone) {
        return new EscalationEvent(EscalationIds.event(e.id(), type), type, 1, at, e.patientId(), new Body(e.id(), e.patientId(), e.rule(),
                e.level(), e.status(), e.reason(), e.episodeIds(), e.raisedAt(), e.withdrawnAt(),
                episodeStartedAt == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(episodeStartedAt), triggeredBy,
                raisedTogether, ACKNOWLEDGED.equals(type) ? e.acknowledgedAt() : null, ACKNOWLEDGED.equals(type) ? e.acknowledgedBy() : null,
                RAISED.equals(type) ? patientTimeZone : null));
    }
}
