package crampwatch.notification.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import crampwatch.common.outbox.Outbox;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes a delivery's visible status as a {@code DeliveryStatusChanged} event (schema
 * {@code delivery-event.schema.json}) through the outbox, in the transaction that changed it: written
 * together with the change or not at all. Each publication takes a new version from one sequence, so the
 * consumer keeps the latest per delivery even when events arrive out of order. SENDING is shown as
 * PENDING (the claim is an implementation detail). Payloads carry ids, the audience, level, status and
 * attempt count — never an address, a reason or an error text.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DeliveryStates {

    public static final String TYPE = "DeliveryStatusChanged";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "crampwatch.deliveries.topic")
    String topic;

    Clock clock = Clock.systemUTC();

    /** Publishes the current status of these deliveries (ids not found are skipped). */
    public void publish(Collection<UUID> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return;
        }
        String sql = """
                UPDATE delivery SET state_version = nextval('delivery_state_version') WHERE id = ANY (?)
                RETURNING id, escalation_id, patient_id, audience, level, status, attempts, state_version""";
        List<Outbox.Event> events = new ArrayList<>();
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Array ids = c.createArrayOf("uuid", deliveryIds.toArray());
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID eventId = UUID.randomUUID();
                    String patientId = rs.getString("patient_id");
                    String payload = payload(eventId, now, patientId, rs.getObject("id", UUID.class),
                            rs.getObject("escalation_id", UUID.class), rs.getString("audience"), rs.getString("level"),
                            rs.getString("status"), rs.getInt("attempts"), rs.getLong("state_version"));
                    events.add(new Outbox.Event(topic, patientId, eventId, payload));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the deliveries to publish", e);
        }
        outbox.enqueueAll(events);
    }

    /** The event's JSON ({@code delivery-event.schema.json}). */
    static String payload(UUID eventId, Instant at, String patientId, UUID deliveryId, UUID escalationId, String audience,
                          String level, String status, int attempts, long version) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", eventId.toString());
        event.put("type", TYPE);
        event.put("schemaVersion", 1);
        event.put("occurredAt", at.toString()); // ISO_INSTANT: always with seconds, as RFC 3339 wants
        event.put("patientId", patientId);
        ObjectNode delivery = event.putObject("delivery");
        delivery.put("id", deliveryId.toString());
        delivery.put("escalationId", escalationId.toString());
        delivery.put("audience", audience);
        delivery.put("level", level);
        delivery.put("status", visible(status));
        delivery.put("attempts", attempts);
        delivery.put("version", version);
        return event.toString();
    }

    public void publish(UUID deliveryId) {
        publish(List.of(deliveryId));
    }

    static String visible(String status) {
        return "SENDING".equals(status) ? "PENDING" : status;
    }
}
