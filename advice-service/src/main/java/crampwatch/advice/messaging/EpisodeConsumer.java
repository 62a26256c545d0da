package crampwatch.advice.messaging;

import crampwatch.advice.service.EpisodeHistoryService;
import crampwatch.common.dlq.DeadLetters;
import crampwatch.common.health.Workers;
import crampwatch.common.messaging.RecordConsumption;
import crampwatch.common.messaging.RetryInPlace;
import crampwatch.common.tx.TransientFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
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
@Startup // created at start, so its heartbeat is in the liveness report before the first record
public class EpisodeConsumer {

    static final int MAX_ATTEMPTS = 3;
    static final RetryInPlace.Policy RETRY = new RetryInPlace.Policy(Duration.ofMillis(200), Duration.ofSeconds(10),
            MAX_ATTEMPTS);

    @Inject
    EpisodeHistoryService history;

    @Inject
    MeterRegistry metrics;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Workers workers;

    private RecordConsumption<EpisodeEvent> records;

    @PostConstruct
    void start() {
        records = RecordConsumption.of("episodes-consumer", workers, deadLetters, RETRY, EpisodeEvent::parse,
                event -> apply(event) ? "processed" : "duplicate",
                outcome -> metrics.counter("crampwatch.episode.events.consumed", "outcome", outcome).increment());
    }

    @Incoming("episodes")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return records.consume(message);
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
        records.stop();
    }
}
