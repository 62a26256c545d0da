package crampwatch.advice.messaging;

import crampwatch.common.messaging.PoisonMessageException;
import com.fasterxml.jackson.databind.JsonNode;
import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.episode.Exposure;
import crampwatch.advice.domain.episode.Relief;
import crampwatch.advice.domain.episode.Site;
import crampwatch.advice.domain.episode.Symptom;
import crampwatch.common.events.EpisodeContract;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The events of {@code cramp-episodes} this service acts on, read from the wire after the episode
 * contract's check ({@link EpisodeContract#checkEvent}: strict JSON, {@code events/episode-event.schema.json}
 * and the start-time window). Unknown fields are ignored; unknown event types
 * parse to nothing (forward compatibility); anything else that does not fit is poison.
 */
public sealed interface EpisodeEvent {

    String LOGGED = "EpisodeLogged";
    String RETRACTED = "EpisodeRetracted";

    UUID eventId();

    String patientId();

    String type();

    record Logged(UUID eventId, String patientId, Episode episode, String side, Instant recordedAt) implements EpisodeEvent {
        @Override
        public String type() {
            return LOGGED;
        }
    }

    record Retracted(UUID eventId, String patientId, UUID episodeId, Instant retractedAt) implements EpisodeEvent {
        @Override
        public String type() {
            return RETRACTED;
        }
    }

    /** The event, empty for an event type this service does not know. */
    static Optional<EpisodeEvent> parse(String json) {
        if (json == null || json.isBlank()) {
            throw new PoisonMessageException("empty record");
        }
        // The same contract episode-service applied before it answered 201: what it accepted is accepted here.
        EpisodeContract.Checked checked = EpisodeContract.read(json);
        if (!checked.problems().isEmpty()) {
            throw new PoisonMessageException("not a valid episode event: " + String.join("; ", checked.problems()));
        }
        try {
            JsonNode root = checked.root();
            String type = root.get("type").asText();
            UUID eventId = UUID.fromString(root.get("eventId").asText());
            String patientId = root.get("patientId").asText();
            Instant occurredAt = OffsetDateTime.parse(root.get("occurredAt").asText()).toInstant();
            JsonNode ep = root.get("episode");
            return switch (type) {
                case LOGGED -> Optional.of(new Logged(eventId, patientId, new Episode(
                        UUID.fromString(ep.get("id").asText()), OffsetDateTime.parse(ep.get("startedAt").asText()),
                        ep.get("durationSeconds").asInt(), Site.valueOf(ep.get("site").asText()), ep.get("painScore").asInt(),
                        ep.get("wokeFromSleep").asBoolean(), enums(ep.get("relievedBy"), Relief.class, Relief::valueOf),
                        enums(ep.get("symptoms"), Symptom.class, Symptom::valueOf),
                        enums(ep.get("exposures"), Exposure.class, Exposure::valueOf)),
                        ep.get("side").asText(), OffsetDateTime.parse(ep.get("recordedAt").asText()).toInstant()));
                case RETRACTED -> Optional.of(new Retracted(eventId, patientId, UUID.fromString(ep.get("id").asText()),
                        ep.hasNonNull("retractedAt") ? OffsetDateTime.parse(ep.get("retractedAt").asText()).toInstant() : occurredAt));
                default -> Optional.empty();
            };
        } catch (PoisonMessageException e) {
            throw e;
        } catch (Exception e) {
            throw new PoisonMessageException("not a readable episode event: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static <E extends Enum<E>> Set<E> enums(JsonNode array, Class<E> type, Function<String, E> parse) {
        Set<E> out = EnumSet.noneOf(type);
        array.forEach(n -> out.add(parse.apply(n.asText())));
        return out;
    }
}
