package crampwatch.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import crampwatch.notification.domain.Level;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An event on {@code cramp-escalations} (contract: common's escalation-event.schema.json). Unknown fields are ignored.
 * {@code escalation.episodeStartedAt}, {@code triggeredBy} and {@code raisedTogether} are optional (null when the
 * producer left them out).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EscalationEvent(UUID eventId, String type, int schemaVersion, OffsetDateTime occurredAt, String patientId,
                              Escalation escalation) {

    public static final String RAISED = "EscalationRaised";
    public static final String WITHDRAWN = "EscalationWithdrawn";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Escalation(UUID id, String patientId, String rule, Level level, String status, String reason,
                             List<UUID> episodeIds, OffsetDateTime raisedAt, OffsetDateTime withdrawnAt,
                             OffsetDateTime episodeStartedAt, UUID triggeredBy, List<UUID> raisedTogether) {

        /** The escalations raised with this one by the same episode's arrival, this one included; empty when unknown. */
        public List<UUID> together() {
            return triggeredBy == null || raisedTogether == null ? List.of() : raisedTogether;
        }
    }
}
