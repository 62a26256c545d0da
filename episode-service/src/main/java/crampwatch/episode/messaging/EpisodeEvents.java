package crampwatch.episode.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.common.outbox.Outbox;
import crampwatch.episode.config.EpisodeConfig;
import crampwatch.episode.domain.Episode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes EpisodeLogged / EpisodeRetracted into the outbox, in the caller's transaction, shaped as
 * {@code events/episode-event.schema.json}.
 */
@ApplicationScoped
public class EpisodeEvents {

    public static final int SCHEMA_VERSION = 1;

    /** The envelope every CrampWatch event shares. */
    public record EpisodeEvent(UUID eventId, String type, int schemaVersion, Instant occurredAt, String patientId,
                               Object episode) {
    }

    /** What an EpisodeRetracted says about the episode: which one, and when it was withdrawn. */
    public record RetractedEpisode(UUID id, Instant retractedAt) {
    }

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    @Inject
    EpisodeConfig config;

    public void logged(Episode episode) {
        loggedAll(List.of(episode));
    }

    /** One EpisodeLogged per episode, written to the outbox in one batch, in this order. */
    public void loggedAll(List<Episode> episodes) {
        outbox.enqueueAll(episodes.stream().map(e -> outboxEvent(new EpisodeEvent(UUID.randomUUID(), "EpisodeLogged",
                SCHEMA_VERSION, e.recordedAt(), e.patientId(), e))).toList());
    }

    public void retracted(String patientId, UUID episodeId, Instant at) {
        publish(new EpisodeEvent(UUID.randomUUID(), "EpisodeRetracted", SCHEMA_VERSION, at, patientId,
                new RetractedEpisode(episodeId, at)));
    }

    private void publish(EpisodeEvent event) {
        outbox.enqueueAll(List.of(outboxEvent(event)));
    }

    private Outbox.Event outboxEvent(EpisodeEvent event) {
        try {
            return new Outbox.Event(config.topic(), event.patientId(), event.eventId(), mapper.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise " + event.type(), e);
        }
    }
}
