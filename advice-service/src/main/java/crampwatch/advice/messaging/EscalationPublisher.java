package crampwatch.advice.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.advice.domain.escalation.Escalation;
import crampwatch.advice.domain.Times;
import crampwatch.common.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Announces escalations on {@code cramp-escalations} (key = patientId) through the transactional
 * outbox: the event commits with the escalation or not at all. Counts raised escalations by rule and level.
 */
@ApplicationScoped
public class EscalationPublisher {

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "crampwatch.escalations.topic", defaultValue = "cramp-escalations")
    String topic;

    /**
     * {@code latestStart}: the reported start of the latest episode the escalation rests on (null if none is stored);
     * {@code triggeredBy}: the episode whose arrival raised it, and {@code raisedTogether}: every escalation that
     * arrival raised (this one included), or both null when no episode arrival raised it (a profile change).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void raised(Escalation e, java.time.OffsetDateTime latestStart, java.util.UUID triggeredBy,
                       java.util.List<java.util.UUID> raisedTogether) {
        publish(EscalationEvent.raised(e, Times.now(), latestStart, triggeredBy, raisedTogether));
        metrics.counter("crampwatch.escalations.raised", "rule", e.rule().name(), "level", e.level().name()).increment();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void withdrawn(Escalation e) {
        publish(EscalationEvent.of(EscalationEvent.WITHDRAWN, e, Times.now()));
        metrics.counter("crampwatch.escalations.withdrawn", "rule", e.rule().name(), "level", e.level().name()).increment();
    }

    private void publish(EscalationEvent event) {
        try {
            outbox.enqueue(topic, event.patientId(), event.eventId(), mapper.writeValueAsString(event));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("could not write escalation event", ex);
        }
    }
}
