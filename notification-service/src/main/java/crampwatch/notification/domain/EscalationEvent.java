package crampwatch.notification.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An event consumed from {@code cramp-escalations}, as the service handles it (parsed and validated by messaging's
 * EventParser) (contract: common's escalation-event.schema.json). Unknown fields are ignored.
 * {@code escalation.episodeStartedAt}, {@code triggeredBy} and {@code raisedTogether} are optional (null when the
 * producer left them out), and so is {@code escalation.patientTimeZone} (the IANA zone of the patient's profile,
 * on EscalationRaised; quiet hours are read in it).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EscalationEvent(UUID eventId, String type, int schemaVersion, OffsetDateTime occurredAt, String patientId,
                              Escalation escalation, Advice advice) {

    public static final String RAISED = "EscalationRaised";
    public static final String WITHDRAWN = "EscalationWithdrawn";
    /** No email follows from it; it stops the escalation's chain; webhook subscribers get it. */
    public static final String ACKNOWLEDGED = "EscalationAcknowledged";
    /** Carries {@code advice} instead of {@code escalation}; no email follows from it; webhook subscribers get it. */
    public static final String ADVICE_CHANGED = "AdviceChanged";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Advice(String patientId, String level, String previousLevel, OffsetDateTime changedAt, List<UUID> causeEscalationIds) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Escalation(UUID id, String patientId, String rule, Level level, String status, String reason,
                             List<UUID> episodeIds, OffsetDateTime raisedAt, OffsetDateTime withdrawnAt,
                             OffsetDateTime episodeStartedAt, UUID triggeredBy, List<UUID> raisedTogether,
                             OffsetDateTime acknowledgedAt, String acknowledgedBy, String patientTimeZone) {

        /** The escalations raised with this one by the same episode's arrival, this one included; empty when unknown. */
        public List<UUID> together() {
            return triggeredBy == null || raisedTogether == null ? List.of() : raisedTogether;
        }
    }
}
