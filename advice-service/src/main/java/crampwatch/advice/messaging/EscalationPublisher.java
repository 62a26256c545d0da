package crampwatch.advice.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.advice.domain.escalation.Escalation;
import crampwatch.advice.domain.Times;
import crampwatch.advice.domain.escalation.EscalationIds;
import crampwatch.advice.domain.escalation.Level;
import crampwatch.common.outbox.Outbox;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Announces escalations on {@code cramp-escalations} (key = patientId) through the transactional
 * outbox: the event commits with the escalation or not at all. Counts raised escalations by rule and level. Remembers, per
 * transaction, which escalations it announced, so that {@code AdviceLevels} can say whether and why the patient's advice moved.
 */
@ApplicationScoped
public class EscalationPublisher {

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry metrics;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @ConfigProperty(name = "crampwatch.escalations.topic", defaultValue = "cramp-escalations")
    String topic;

    /**
     * {@code latestStart}: the reported start of the latest episode the escalation rests on (null if none is stored);
     * {@code triggeredBy}: the episode whose arrival raised it, and {@code raisedTogether}: every escalation that
     * arrival raised (this one included), or both null when no episode arrival raised it (a profile change);
     * {@code patientTimeZone}: the IANA zone of the patient's profile, or null when it sets none.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void raised(Escalation e, java.time.OffsetDateTime latestStart, java.util.UUID triggeredBy,
                       java.util.List<java.util.UUID> raisedTogether, String patientTimeZone) {
        publish(EscalationEvent.raised(e, Times.now(), latestStart, triggeredBy, raisedTogether, patientTimeZone));
        metrics.counter("crampwatch.escalations.raised", "rule", e.rule().name(), "level", e.level().name()).increment();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void withdrawn(Escalation e) {
        publish(EscalationEvent.of(EscalationEvent.WITHDRAWN, e, Times.now()));
        metrics.counter("crampwatch.escalations.withdrawn", "rule", e.rule().name(), "level", e.level().name()).increment();
    }

    /** A clinician acknowledged the escalation: who (the token's subject) and when travel, the note never does. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acknowledged(Escalation e) {
        publish(EscalationEvent.of(EscalationEvent.ACKNOWLEDGED, e, Times.now()));
        metrics.counter("crampwatch.escalations.acknowledged", "rule", e.rule().name(), "level", e.level().name()).increment();
    }

    /** The patient's advice level moved; written after the escalation events that moved it, in the same transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void adviceChanged(String patientId, Level level, Level previous, Changes causes) {
        AdviceChangedEvent event = AdviceChangedEvent.of(EscalationIds.adviceChanged(patientId, causes.eventIds()), patientId, level,
                previous, Times.now(), causes.escalationIds());
        enqueue(event.patientId(), event.eventId(), event);
        metrics.counter("crampwatch.advice.changed", "level", level.name()).increment();
    }

    /** The escalation events this transaction has published so far, or none (then the advice level cannot have moved). */
    public Changes changesInThisTransaction() {
        Changes c = (Changes) transactions.getResource(Changes.class);
        return c == null ? new Changes() : c;
    }

    /** Escalations changed in one transaction, in order, with the ids of the events that announced them. */
    public static final class Changes {
        private final Map<UUID, UUID> byEvent = new LinkedHashMap<>();

        public boolean isEmpty() {
            return byEvent.isEmpty();
        }

        public List<UUID> eventIds() {
            return List.copyOf(byEvent.keySet());
        }

        public List<UUID> escalationIds() {
            return byEvent.values().stream().distinct().toList();
        }
    }

    private void publish(EscalationEvent event) {
        enqueue(event.patientId(), event.eventId(), event);
        Changes changes = (Changes) transactions.getResource(Changes.class);
        if (changes == null) {
            changes = new Changes();
            transactions.putResource(Changes.class, changes);
        }
        changes.byEvent.put(event.eventId(), event.escalation().id());
    }

    private void enqueue(String patientId, UUID eventId, Object event) {
        try {
            outbox.enqueue(topic, patientId, eventId, mapper.writeValueAsString(event));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("could not write escalation event", ex);
        }
    }
}
