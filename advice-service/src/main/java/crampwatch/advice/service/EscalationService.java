package crampwatch.advice.service;

import crampwatch.advice.domain.Times;
import crampwatch.advice.domain.escalation.DeliveryState;
import crampwatch.advice.domain.escalation.DeliverySummary;
import crampwatch.advice.domain.escalation.Escalation;
import crampwatch.advice.domain.escalation.WorkList;
import crampwatch.advice.messaging.EscalationPublisher;
import crampwatch.advice.persistence.DeliveryStateRepository;
import crampwatch.advice.persistence.EscalationRepository;
import crampwatch.common.api.NotFoundProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The clinic's work list, acknowledgements, and the delivery states notification-service reports. */
@ApplicationScoped
@Transactional
public class EscalationService {

    @Inject
    EscalationRepository escalations;

    @Inject
    DeliveryStateRepository deliveryStates;

    @Inject
    EscalationPublisher publisher;

    @Inject
    AdviceLevels levels;

    /** At most {@code limit} escalations of the work list after {@code after}. */
    public List<Escalation> list(WorkList.Filter filter, WorkList.After after, int limit) {
        return escalations.list(filter, after, limit);
    }

    public Escalation get(UUID id) {
        return escalations.find(id).orElseThrow(() -> new NotFoundProblem("escalation"));
    }

    /**
     * OPEN → ACKNOWLEDGED, recording who and when; 409 if it is not OPEN any more. {@code EscalationAcknowledged} (and
     * {@code AdviceChanged}, if the patient's level moved) go into the outbox in this transaction.
     */
    public Escalation acknowledge(UUID id, String by, String note) {
        if (!escalations.acknowledge(id, by, note, Times.now())) {
            Escalation now = get(id);
            throw new ClientErrorException("The escalation is " + now.status() + "; only an OPEN escalation can be acknowledged.", 409);
        }
        Escalation acknowledged = get(id);
        publisher.acknowledged(acknowledged);
        levels.settle(acknowledged.patientId());
        return acknowledged;
    }

    /** Per escalation, its deliveries by status (escalations with none are absent). */
    public Map<UUID, DeliverySummary> deliveries(Collection<UUID> escalationIds) {
        return deliveryStates.summaries(escalationIds);
    }

    /** A delivery's new state, kept unless a later version is already stored; true when stored. */
    public boolean deliveryReported(DeliveryState state) {
        return deliveryStates.apply(state);
    }
}
