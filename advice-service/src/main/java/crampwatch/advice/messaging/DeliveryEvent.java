package crampwatch.advice.messaging;

import crampwatch.common.messaging.PoisonMessageException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.advice.domain.escalation.DeliveryState;
import crampwatch.common.events.EventSchemas;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@code DeliveryStatusChanged} event of {@code cramp-deliveries}, checked against
 * {@code events/delivery-event.schema.json}. Unknown event types parse to nothing; anything off the
 * contract is poison.
 */
public final class DeliveryEvent {

    static final String TYPE = "DeliveryStatusChanged";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeliveryEvent() {
    }

    static Optional<DeliveryState> parse(String json) {
        if (json == null || json.isBlank()) {
            throw new PoisonMessageException("empty record");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new PoisonMessageException("not JSON");
        }
        List<String> problems = EventSchemas.validate(EventSchemas.DELIVERY_EVENT, root);
        if (!problems.isEmpty()) {
            throw new PoisonMessageException("not a valid delivery event: " + String.join("; ", problems));
        }
        if (!TYPE.equals(root.get("type").asText())) {
            return Optional.empty();
        }
        JsonNode d = root.get("delivery");
        return Optional.of(new DeliveryState(UUID.fromString(d.get("id").asText()), UUID.fromString(d.get("escalationId").asText()),
                root.get("patientId").asText(), d.get("audience").isNull() ? null : d.get("audience").asText(),
                DeliveryState.Status.valueOf(d.get("status").asText()), d.get("attempts").asInt(), d.get("version").asLong(),
                OffsetDateTime.parse(root.get("occurredAt").asText()).toInstant(), d.path("step").asInt(0)));
    }
}
