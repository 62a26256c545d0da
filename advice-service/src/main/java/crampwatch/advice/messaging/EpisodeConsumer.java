package crampwatch.advice.messaging;

import crampwatch.common.messaging.PoisonMessageException;
import crampwatch.common.messaging.RetryInPlace;

import crampwatch.common.dlq.DeadLetters;
import crampwatch.common.health.Worker;
import crampwatch.common.health.Workers;
import crampwatch.common.tx.TransientFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code cramp-episodes} (consumer group {@code advice-service}), one record at a time in
 * partition order (events are keyed by patient, so one patient's events stay in order).
 * <ul>
 * <li>poison (empty, not JSON, not the schema) → nack → {@code cramp-episodes.dlq} with the reason in
 * the {@code dead-letter-reason} header; the consumer goes on with the next record;</li>
 * <li>unknown event types → acknowledged and ignored;</li>
 * <li>an infrastructure fault ({@link TransientFailures}: the database down, read-only, timing out or out of
 * connections, the transaction timed out or its commit failed) → the same record is retried with backoff (up to
 * 10 s apart: common's RetryInPlace) for as long as the fault lasts, holding its partition; a good record never
 * goes to the DLQ for that;</li>
 * <li>a record that keeps failing for another reason → DLQ after {@value #MAX_ATTEMPTS} attempts.</li>
 * </ul>
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // created at start, so its heartbeat is in the liveness report before the first record
public class EpisodeConsumer {

    static final int MAX_ATTEMPTS = 3;
    static final RetryInPlace.Policy RETRY = new RetryInPlace.Policy(java.time.Duration.ofMillis(200),
            java.time.Duration.ofSeconds(10), MAX_ATTEMPTS);

    @Inject
    crampwatch.advice.service.EpisodeHistoryService history;

    @Inject
    MeterRegistry metrics;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Workers workers;

    private Worker heartbeat;

    @jakarta.annotation.PostConstruct
    void registerHeartbeat() {
        heartbeat = workers.register("episodes-consumer");
    }

    private volatile boolean stopping;

    @Incoming("episodes")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        heartbeat.busy();
        try {
            return consumeOne(message);
        } finally {
            heartbeat.idle();
        }
    }

    private CompletionStage<Void> consumeOne(Message<String> message) {
        String where = RetryInPlace.where(message);
        Optional<EpisodeEvent> parsed;
        try {
            parsed = EpisodeEvent.parse(message.getPayload());
        } catch (PoisonMessageException poison) {
            Log.warnf("Poison record %s sent to the dead-letter topic", where);
            count("poison");
            deadLetters.counted(message, DeadLetters.MALFORMED);
            return message.nack(poison);
        }
        if (parsed.isEmpty()) {
            Log.debugf("Record %s has an event type this service does not know; ignored", where);
            count("ignored");
            return message.ack();
        }
        EpisodeEvent event = parsed.get();
        return RetryInPlace.process(message, () -> {
            heartbeat.progress(); // each attempt is progress: an outage retried for an hour is not a stall
            count(apply(event) ? "processed" : "duplicate");
        }, () -> stopping, RETRY, () -> {
            count("failed");
            deadLetters.counted(message, DeadLetters.PROCESSING_FAILED);
        });
    }

    /** Hands the parsed event to the service; false when it had been processed before. */
    boolean apply(EpisodeEvent event) {
        if (event instanceof EpisodeEvent.Logged logged) {
            return history.logged(logged.eventId(), logged.type(), logged.patientId(), logged.episode(), logged.side(),
                    logged.recordedAt());
        }
        EpisodeEvent.Retracted retracted = (EpisodeEvent.Retracted) event;
        return history.retracted(retracted.eventId(), retracted.type(), retracted.patientId(), retracted.episodeId(),
                retracted.retractedAt());
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        heartbeat.stopped();
    }

    private void count(String outcome) {
        metrics.counter("crampwatch.episode.events.consumed", "outcome", outcome).increment();
    }


}
