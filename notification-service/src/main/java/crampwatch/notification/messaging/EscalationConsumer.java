package crampwatch.notification.messaging;

import crampwatch.common.logging.Logs;
import crampwatch.common.dlq.DeadLetters;
import crampwatch.common.health.Worker;
import crampwatch.common.health.Workers;
import crampwatch.common.tx.TransientFailures;
import crampwatch.notification.domain.ErrorSummary;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes {@code cramp-escalations} (consumer group {@code notification-service}, at least once).
 * A poison record (not JSON, off-contract) is nacked and lands in {@code cramp-escalations.dlq} with
 * the reason in its {@code dead-letter-reason} header; an unknown event type is acknowledged and
 * skipped. A transient failure (database unreachable, read-only, timed out; see
 * {@link TransientFailures}) is retried in place for as long as it lasts, never dead-lettered: the
 * partition waits, and the record is acknowledged only once its transaction has committed. Offsets are
 * committed with strategy {@code latest}, which has no unprocessed-record age limit that could fail
 * the channel during a long outage.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // created at start, so its heartbeat is in the liveness report before the first record
public class EscalationConsumer {

    /** Unexpected (non-transient) failures of one record tolerated before it is dead-lettered. */
    static final int MAX_UNEXPECTED_FAILURES = 5;

    @Inject
    EscalationProcessor processor;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Workers workers;

    private Worker heartbeat;

    @jakarta.annotation.PostConstruct
    void registerHeartbeat() {
        heartbeat = workers.register("escalations-consumer");
    }

    private volatile boolean stopping;

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        heartbeat.stopped();
    }

    @Incoming("escalations")
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
        Optional<EscalationEvent> event;
        try {
            event = EventParser.parse(message.getPayload());
        } catch (PoisonEventException e) {
            // The reason travels in the DLQ record's dead-letter-reason header; it may quote the payload, so it is not logged.
            Log.warnf("Poison record %s on cramp-escalations goes to the dead-letter topic", where(message));
            deadLetters.counted(message, DeadLetters.MALFORMED);
            return message.nack(e);
        }
        if (event.isEmpty()) {
            Log.debugf("Skipping record %s: an event type this service does not handle", where(message));
            return message.ack();
        }
        return process(message, () -> {
            heartbeat.progress(); // each attempt is progress: an outage retried for an hour is not a stall
            processor.apply(event.get());
        }, () -> stopping, EscalationConsumer::sleep,
                MAX_UNEXPECTED_FAILURES, () -> deadLetters.counted(message, DeadLetters.PROCESSING_FAILED));
    }

    /**
     * Runs {@code work} until it succeeds (ack), retrying transient failures for as long as it takes
     * (with backoff up to 5 s) and unexpected ones up to {@code maxUnexpected} times (then nack, so
     * the record is dead-lettered with the reason). While the service stops, a record whose work has
     * not succeeded is neither acked nor nacked: its offset is not committed and it comes again.
     */
    static CompletionStage<Void> process(Message<?> message, Runnable work, BooleanSupplier stopping, Sleeper sleeper,
                                         int maxUnexpected) {
        return process(message, work, stopping, sleeper, maxUnexpected, () -> { });
    }

    /** As above; {@code onDeadLetter} runs right before the record is nacked to the dead-letter topic (to count it). */
    static CompletionStage<Void> process(Message<?> message, Runnable work, BooleanSupplier stopping, Sleeper sleeper,
                                         int maxUnexpected, Runnable onDeadLetter) {
        long backoffMs = 100;
        int unexpected = 0;
        while (true) {
            try {
                work.run();
                return message.ack();
            } catch (RuntimeException e) {
                if (TransientFailures.isTransient(e)) {
                    Log.warnf("Transient failure processing %s, retrying in %d ms: %s", where(message), backoffMs, ErrorSummary.of(e));
                } else if (++unexpected >= maxUnexpected) {
                    Log.errorf("Record %s failed %d times (%s); sending it to the dead-letter topic", where(message), unexpected,
                            ErrorSummary.of(e));
                    onDeadLetter.run();
                    return message.nack(new PoisonEventException("processing failed " + unexpected + " times: " + Logs.rootMessage(e)));
                } else {
                    Log.warnf("Failure %d processing %s, retrying in %d ms: %s", unexpected, where(message), backoffMs, ErrorSummary.of(e));
                }
            }
            if (stopping.getAsBoolean()) {
                Log.infof("Stopping: record %s left unacknowledged, it will be consumed again", where(message));
                return new CompletableFuture<>();
            }
            try {
                sleeper.sleep(Duration.ofMillis(backoffMs));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return new CompletableFuture<>();
            }
            backoffMs = Math.min(backoffMs * 2, 5_000);
        }
    }

    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    private static String where(Message<?> message) {
        return message.getMetadata(io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset())
                .orElse("(no Kafka metadata)");
    }
}
