package crampwatch.common.dlq;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Counts what a consumer sends to its dead-letter topic (issue 11 F8): {@code crampwatch_dead_letters_total} with
 * the topic the record came from and a short reason of our own ({@link #MALFORMED} or {@link #PROCESSING_FAILED}),
 * never the free text of the {@code dead-letter-reason} header (it can quote the payload and is unbounded). Alert on
 * any increase; {@code bin/dlq-replay} re-publishes chosen records once the cause is fixed (docs/operations.md).
 */
@ApplicationScoped
public class DeadLetters {

    /** Not JSON, not the event schema, or empty: the record itself is wrong. */
    public static final String MALFORMED = "malformed";
    /** A well-formed record that kept failing for a reason that is not the infrastructure (a bug). */
    public static final String PROCESSING_FAILED = "processing-failed";

    @Inject
    MeterRegistry metrics;

    /** Call right before nacking {@code message} to its dead-letter topic. */
    public void counted(Message<?> message, String reason) {
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("unknown");
        Counter.builder("crampwatch.dead.letters").description("Records sent to a dead-letter topic, by source topic and reason")
                .tag("topic", topic).tag("reason", reason).register(metrics).increment();
    }
}
