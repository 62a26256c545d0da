package crampwatch.common.messaging;

import crampwatch.common.logging.Logs;
import crampwatch.common.tx.TransientFailures;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * How every consumer of ours handles one well-formed record (issue 11, "infrastructure faults are not poison"): the
 * work is tried in place, holding the partition, until it succeeds (ack).
 * <ul>
 * <li>a transient failure (database read-only or unreachable, a lost connection, a timed-out or failed commit:
 * {@link TransientFailures}) is retried with backoff for as long as the fault lasts; a good record never goes to
 * the dead-letter topic for that;</li>
 * <li>any other failure is retried up to {@link Policy#maxUnexpected()} times in all, then {@code onDeadLetter} runs
 * (to count it) and the record is nacked, so the connector's dead-letter strategy writes it with the reason;</li>
 * <li>while the service stops, a record whose work has not succeeded is neither acked nor nacked: its offset is not
 * committed and it is consumed again after the restart.</li>
 * </ul>
 * Logs name the record by topic, partition and offset only (never the payload).
 */
public final class RetryInPlace {

    private RetryInPlace() {
    }

    /** Backoff from {@code firstBackoff}, doubled after each failure up to {@code maxBackoff}. */
    public record Policy(Duration firstBackoff, Duration maxBackoff, int maxUnexpected) {
        public Policy {
            if (maxUnexpected < 1 || firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
                throw new IllegalArgumentException("invalid retry policy");
            }
        }
    }

    /** Waits between two attempts; may return early when the service stops. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The nack cause: the record is dead-lettered with this message as its reason (the root cause's class and message). */
    public static final class ProcessingFailedException extends RuntimeException {
        public ProcessingFailedException(String message) {
            super(message);
        }
    }

    /** As {@link #process(Message, Runnable, BooleanSupplier, Sleeper, Policy, Runnable)}, sleeping in 100 ms steps that end early when stopping. */
    public static CompletionStage<Void> process(Message<?> message, Runnable work, BooleanSupplier stopping, Policy policy,
                                                Runnable onDeadLetter) {
        return process(message, work, stopping, d -> pause(d, stopping), policy, onDeadLetter);
    }

    public static CompletionStage<Void> process(Message<?> message, Runnable work, BooleanSupplier stopping, Sleeper sleeper,
                                                Policy policy, Runnable onDeadLetter) {
        long backoffMs = policy.firstBackoff().toMillis();
        int unexpected = 0;
        while (true) {
            try {
                work.run();
                return message.ack();
            } catch (RuntimeException e) {
                if (TransientFailures.isTransient(e)) {
                    Log.warnf("Record %s could not be processed now (%s); retrying in %d ms", where(message), Logs.failure(e), backoffMs);
                } else if (++unexpected >= policy.maxUnexpected()) {
                    Log.errorf("Record %s failed %d times (%s); sending it to the dead-letter topic", where(message), unexpected,
                            Logs.failure(e));
                    onDeadLetter.run();
                    return message.nack(new ProcessingFailedException("processing failed " + unexpected + " times: " + Logs.rootMessage(e)));
                } else {
                    Log.warnf("Record %s failed (%s); attempt %d of %d, retrying in %d ms", where(message), Logs.failure(e), unexpected,
                            policy.maxUnexpected(), backoffMs);
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
            if (stopping.getAsBoolean()) {
                Log.infof("Stopping: record %s left unacknowledged, it will be consumed again", where(message));
                return new CompletableFuture<>();
            }
            backoffMs = Math.min(backoffMs * 2, policy.maxBackoff().toMillis());
        }
    }

    /** "topic-partition@offset", or a placeholder for a message without Kafka metadata. */
    public static String where(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset())
                .orElse("(no Kafka metadata)");
    }

    private static void pause(Duration d, BooleanSupplier stopping) throws InterruptedException {
        long end = System.currentTimeMillis() + d.toMillis();
        while (!stopping.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(Math.min(100, Math.max(1, end - System.currentTimeMillis())));
        }
    }

}
