package crampwatch.notification.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import crampwatch.common.outbox.Outbox;
import crampwatch.notification.domain.DeliveryState;
import crampwatch.notification.domain.DeliveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes a delivery's visible status as a {@code DeliveryStatusChanged} event (schema
 * {@code delivery-event.schema.json}) through the outbox, in the transaction that changed it: written
 * together with the change or not at all. Each publication carries a new version from one sequence (the caller took
 * it: {@code DeliveryRepository.newStateVersions}), so the consumer keeps the latest per delivery even when events
 * arrive out of order. SENDING is shown as PENDING (the claim is an implementation detail), and so is DIGEST (owed to a
 * clinician's daily digest: still to be sent). Payloads carry ids, the
 * audience, level, status and attempt count — never an address, a reason or an error text.
 */
@ApplicationScoped
public class DeliveryStatePublisher {

    public static final String TYPE = "DeliveryStatusChanged";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "crampwatch.deliveries.topic")
    String topic;

    Clock clock = Clock.systemUTC();

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(List<DeliveryState> states) {
        if (states.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Outbox.Event> events = new ArrayList<>(states.size());
        for (DeliveryState s : states) {
            UUID eventId = UUID.randomUUID();
            events.add(new Outbox.Event(topic, s.patientId(), eventId, payload(eventId, now, s)));
        }
        outbox.enqueueAll(events);
    }

    /** The event's JSON ({@code delivery-event.schema.json}). */
    static String payload(UUID eventId, Instant at, DeliveryState s) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", eventId.toString());
        event.put("type", TYPE);
        event.put("schemaVersion", 1);
        event.put("occurredAt", at.toString()); // ISO_INSTANT: always with seconds, as RFC 3339 wants
        event.put("patientId", s.patientId());
        ObjectNode delivery = event.putObject("delivery");
        delivery.put("id", s.id().toString());
        delivery.put("escalationId", s.escalationId().toString());
        delivery.put("audience", s.audience() == null ? null : s.audience().name());
        delivery.put("level", s.level().name());
        delivery.put("status", visible(s.status()).name());
        delivery.put("attempts", s.attempts());
        delivery.put("version", s.version());
        delivery.put("step", s.step());
        return event.toString();
    }

    static DeliveryStatus visible(DeliveryStatus status) {
        return status == DeliveryStatus.SENDING || status == DeliveryStatus.DIGEST ? DeliveryStatus.PENDING : status;
    }
}
