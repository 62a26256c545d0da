package crampwatch.advice.messaging;

import crampwatch.common.dlq.DeadLetters;
import crampwatch.common.health.Worker;
import crampwatch.common.health.Workers;
import crampwatch.common.tx.TransientFailures;
import io.micrometer.core.instrument.MeterRegistry;
import crampwatch.common.logging.Logs;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
 * {@value #MAX_BACKOFF_MS} ms apart) for as long as the fault lasts, holding its partition; a good record never
 * goes to the DLQ for that;</li>
 * <li>a record that keeps failing for another reason → DLQ after {@value #MAX_ATTEMPTS} attempts.</li>
 * </ul>
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // created at start, so its heartbeat is in the liveness report before the first record
public class EpisodeConsumer {

    static final int MAX_ATTEMPTS = 3;
    private static final long MAX_BACKOFF_MS = 10_000;

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
        String where = where(message);
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
        long backoff = 200;
        int failures = 0;
        while (true) {
            heartbeat.progress(); // each attempt is progress: an outage retried for an hour is not a stall
            try {
                count(apply(event) ? "processed" : "duplicate");
                return message.ack();
            } catch (RuntimeException e) {
                if (TransientFailures.isTransient(e)) {
                    Log.warnf("Event %s (%s) could not be processed now (%s); retrying in %d ms", event.eventId(), where,
                            Logs.failure(e), backoff);
                } else if (++failures >= MAX_ATTEMPTS) {
                    Log.errorf(Logs.redacted(e), "Event %s (%s) failed %d times; sent to the dead-letter topic", event.eventId(), where, failures);
                    count("failed");
                    deadLetters.counted(message, DeadLetters.PROCESSING_FAILED);
                    return message.nack(new IllegalStateException("processing failed: " + Logs.failure(e)));
                } else {
                    Log.warnf("Event %s (%s) failed (%s); attempt %d of %d", event.eventId(), where, Logs.failure(e), failures, MAX_ATTEMPTS);
                }
            }
            if (!pause(backoff)) {
                // Shutting down: leave the record unacknowledged; it is consumed again after the restart.
                return new CompletableFuture<>();
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
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

    private boolean pause(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (!stopping && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, end - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopping;
    }

    private void count(String outcome) {
        metrics.counter("crampwatch.episode.events.consumed", "outcome", outcome).increment();
    }

    private static String where(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset()).orElse("(no Kafka metadata)");
    }

}
