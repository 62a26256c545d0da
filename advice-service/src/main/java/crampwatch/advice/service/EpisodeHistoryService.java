package crampwatch.advice.service;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.common.events.ProcessedEvents;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Applies one episode event in one transaction: the processed-event mark, the projection change, the escalations and
 * their outbox rows commit together, so a redelivered event changes nothing. The consumer parses; this decides.
 */
@ApplicationScoped
@Transactional
public class EpisodeHistoryService {

    @Inject
    ProcessedEvents processed;

    @Inject
    AdviceEngine engine;

    /** An EpisodeLogged; false when the event had been processed before. */
    public boolean logged(UUID eventId, String type, String patientId, Episode episode, String side, Instant recordedAt) {
        if (!firstTime(eventId, type)) {
            return false;
        }
        engine.episodeLogged(patientId, episode, side, recordedAt);
        return true;
    }

    /** An EpisodeRetracted; false when the event had been processed before. */
    public boolean retracted(UUID eventId, String type, String patientId, UUID episodeId, Instant retractedAt) {
        if (!firstTime(eventId, type)) {
            return false;
        }
        engine.episodeRetracted(patientId, episodeId, retractedAt);
        return true;
    }

    private boolean firstTime(UUID eventId, String type) {
        if (processed.firstTime(eventId, type)) {
            return true;
        }
        Log.debugf("Event %s already processed; skipped", eventId);
        return false;
    }
}
