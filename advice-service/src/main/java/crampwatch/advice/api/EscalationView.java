package crampwatch.advice.api;

import crampwatch.advice.domain.escalation.DeliverySummary;
import crampwatch.advice.domain.escalation.Escalation;
import crampwatch.advice.domain.escalation.EscalationStatus;
import crampwatch.advice.domain.escalation.Level;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An escalation as the API shows it, with its email deliveries as notification-service last reported
 * them ({@code deliveries}).
 */
public record EscalationView(UUID id, String patientId, RuleId rule, Level level, EscalationStatus status, String reason,
                             List<UUID> episodeIds, Instant raisedAt, Instant acknowledgedAt, String acknowledgedBy,
                             String acknowledgementNote, Instant withdrawnAt, Deliveries deliveries) {

    /**
     * {@code state}: FAILED if any failed, else PENDING if any is still to go, else SENT if any went out, else NONE.
     * {@code reminderSent}: the highest step of the URGENT escalation chain whose reminder went out (0: none yet).
     */
    public record Deliveries(DeliverySummary.State state, int sent, int pending, int failed, int reminderSent) {
        static Deliveries of(DeliverySummary s) {
            return new Deliveries(s.state(), s.sent(), s.pending(), s.failed(), s.reminderSent());
        }
    }

    /** The views of these escalations, each with its deliveries (one query for all). */
    static List<EscalationView> all(List<Escalation> escalations, crampwatch.advice.service.EscalationService service) {
        java.util.Map<UUID, DeliverySummary> summaries = service.deliveries(escalations.stream().map(Escalation::id).toList());
        return escalations.stream().map(e -> of(e, summaries.getOrDefault(e.id(), DeliverySummary.NONE))).toList();
    }

    static EscalationView of(Escalation e, DeliverySummary deliveries) {
        return new EscalationView(e.id(), e.patientId(), e.rule(), e.level(), e.status(), e.reason(), e.episodeIds(),
                e.raisedAt(), e.acknowledgedAt(), e.acknowledgedBy(), e.acknowledgementNote(), e.withdrawnAt(),
                Deliveries.of(deliveries));
    }
}
