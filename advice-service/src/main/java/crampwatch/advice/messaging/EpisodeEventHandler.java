package crampwatch.advice.messaging;

import crampwatch.advice.domain.AdviceEngine;
import crampwatch.advice.domain.ProcessedEvents;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Applies one episode event in one transaction: the processed-event mark, the projection change, the
 * escalations and their outbox rows commit together, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class EpisodeEventHandler {

    @Inject
    ProcessedEvents processed;

    @Inject
    AdviceEngine engine;

    /** False when the event had been processed before. */
    @Transactional
    public boolean handle(EpisodeEvent event) {
        if (!processed.firstTime(event.eventId(), event.type())) {
            Log.debugf("Event %s already processed; skipped", event.eventId());
            return false;
        }
        if (event instanceof EpisodeEvent.Logged logged) {
            engine.episodeLogged(logged.patientId(), logged.episode(), logged.side(), logged.recordedAt());
        } else if (event instanceof EpisodeEvent.Retracted retracted) {
            engine.episodeRetracted(retracted.patientId(), retracted.episodeId(), retracted.retractedAt());
        }
        return true;
    }
}
