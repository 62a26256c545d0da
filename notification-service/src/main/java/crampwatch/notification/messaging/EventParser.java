package crampwatch.notification.messaging;

import crampwatch.notification.domain.EscalationEvent;
import crampwatch.common.messaging.PoisonMessageException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import crampwatch.common.events.EventSchemas;
import java.util.List;
import java.util.Optional;

/** Validates a raw record against the escalation-event schema and reads it; pure, no I/O. */
public final class EventParser {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private EventParser() {
    }

    /**
     * The event, or empty for a valid event of a type this service does not handle (forward
     * compatibility). Throws {@link PoisonMessageException} with the reason for anything off-contract.
     */
    public static Optional<EscalationEvent> parse(String json) {
        if (json == null || json.isBlank()) {
            throw new PoisonMessageException("empty record");
        }
        List<String> violations = EventSchemas.validate(EventSchemas.ESCALATION_EVENT, json);
        if (!violations.isEmpty()) {
            throw new PoisonMessageException("not a valid escalation event: " + String.join("; ", violations));
        }
        EscalationEvent event;
        try {
            event = MAPPER.readValue(json, EscalationEvent.class);
        } catch (Exception e) {
            throw new PoisonMessageException("unreadable escalation event: " + e.getClass().getSimpleName());
        }
        if (EscalationEvent.ADVICE_CHANGED.equals(event.type())) {
            if (!event.patientId().equals(event.advice().patientId())) {
                throw new PoisonMessageException("advice.patientId does not match the event's patientId");
            }
            return Optional.of(event);
        }
        if (!EscalationEvent.RAISED.equals(event.type()) && !EscalationEvent.WITHDRAWN.equals(event.type())
                && !EscalationEvent.ACKNOWLEDGED.equals(event.type())) {
            return Optional.empty();
        }
        if (!event.patientId().equals(event.escalation().patientId())) {
            throw new PoisonMessageException("escalation.patientId does not match the event's patientId");
        }
        return Optional.of(event);
    }
}
