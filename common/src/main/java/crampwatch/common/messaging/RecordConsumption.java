package crampwatch.common.messaging;

import crampwatch.common.dlq.DeadLetters;
import crampwatch.common.health.Worker;
import crampwatch.common.health.Workers;
import io.quarkus.logging.Log;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The one way our consumers take a Kafka record, whatever the event: parse it, send poison to the dead-letter topic,
 * skip an event type the service does not handle, and hand a good event to the service with {@link RetryInPlace}
 * (infrastructure faults retried for as long as they last, other failures dead-lettered after the policy's attempts).
 * The consumer's {@link Worker} heartbeat tells liveness whether the work is moving. A consumer bean builds one in its
 * {@code @PostConstruct}, calls {@link #consume} from its {@code @Incoming} method and {@link #stop} on shutdown.
 * <p>
 * Outcomes go to {@code outcomes} (a metrics counter, say): {@code poison}, {@code ignored}, {@code failed}, and
 * whatever the handler returns for a processed event (e.g. {@code processed} or {@code duplicate}; {@code null}
 * counts nothing). Logs name the record by topic, partition and offset only.
 *
 * @param <T> the parsed event
 */
public final class RecordConsumption<T> {

    /** Reads a record's payload: empty for an event type the service does not handle, an exception for poison. */
    @FunctionalInterface
    public interface Parser<T> {
        Optional<T> parse(String payload) throws PoisonMessageException;
    }

    private final Worker heartbeat;
    private final DeadLetters deadLetters;
    private final RetryInPlace.Policy policy;
    private final Parser<T> parser;
    private final Function<T, String> handler;
    private final Consumer<String> outcomes;
    private volatile boolean stopping;

    private RecordConsumption(Worker heartbeat, DeadLetters deadLetters, RetryInPlace.Policy policy, Parser<T> parser,
                              Function<T, String> handler, Consumer<String> outcomes) {
        this.heartbeat = heartbeat;
        this.deadLetters = deadLetters;
        this.policy = policy;
        this.parser = parser;
        this.handler = handler;
        this.outcomes = outcomes;
    }

    /**
     * @param worker   the heartbeat's name in the liveness report
     * @param handler  applies one event (in its own transaction) and returns the outcome to count, or null
     * @param outcomes counts outcomes; may do nothing
     */
    public static <T> RecordConsumption<T> of(String worker, Workers workers, DeadLetters deadLetters,
                                              RetryInPlace.Policy policy, Parser<T> parser, Function<T, String> handler,
                                              Consumer<String> outcomes) {
        return new RecordConsumption<>(workers.register(worker), Objects.requireNonNull(deadLetters),
                Objects.requireNonNull(policy), Objects.requireNonNull(parser), Objects.requireNonNull(handler),
                Objects.requireNonNull(outcomes));
    }

    public CompletionStage<Void> consume(Message<String> message) {
        heartbeat.busy();
        try {
            return consumeOne(message);
        } finally {
            heartbeat.idle();
        }
    }

    /** The service stops: a record not yet done is neither acked nor nacked (it comes again after the restart). */
    public void stop() {
        stopping = true;
        heartbeat.stopped();
    }

    private CompletionStage<Void> consumeOne(Message<String> message) {
        Optional<T> parsed;
        try {
            parsed = parser.parse(message.getPayload());
        } catch (PoisonMessageException poison) {
            // The reason travels in the DLQ record's dead-letter-reason header; it may quote the payload, so it is not logged.
            Log.warnf("Poison record %s goes to the dead-letter topic", RetryInPlace.where(message));
            outcomes.accept("poison");
            deadLetters.counted(message, DeadLetters.MALFORMED);
            return message.nack(poison);
        }
        if (parsed.isEmpty()) {
            Log.debugf("Record %s has an event type this service does not handle; skipped", RetryInPlace.where(message));
            outcomes.accept("ignored");
            return message.ack();
        }
        T event = parsed.get();
        return RetryInPlace.process(message, () -> {
            heartbeat.progress(); // each attempt is progress: an outage retried for an hour is not a stall
            String outcome = handler.apply(event);
            if (outcome != null) {
                outcomes.accept(outcome);
            }
        }, () -> stopping, policy, () -> {
            outcomes.accept("failed");
            deadLetters.counted(message, DeadLetters.PROCESSING_FAILED);
        });
    }
}
