package crampwatch.notification.messaging;

import crampwatch.notification.domain.EscalationEvent;
import crampwatch.common.messaging.RecordConsumption;
import crampwatch.common.messaging.RetryInPlace;
import crampwatch.common.dlq.DeadLetters;
import crampwatch.common.health.Workers;
import crampwatch.common.tx.TransientFailures;
import crampwatch.notification.service.EscalationIntakeService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
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
 * the channel during a long outage. This class only parses, validates and delegates: what an event does is
 * {@link EscalationIntakeService#apply}, in one transaction.
 */
@ApplicationScoped
@Startup // created at start, so its heartbeat is in the liveness report before the first record
public class EscalationConsumer {

    /** Unexpected (non-transient) failures of one record tolerated before it is dead-lettered. */
    static final int MAX_UNEXPECTED_FAILURES = 5;

    /** 100 ms doubling to 5 s between attempts (common's RetryInPlace does the retrying). */
    static final RetryInPlace.Policy RETRY = new RetryInPlace.Policy(Duration.ofMillis(100), Duration.ofSeconds(5),
            MAX_UNEXPECTED_FAILURES);

    @Inject
    EscalationIntakeService intake;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Workers workers;

    private RecordConsumption<EscalationEvent> records;

    @PostConstruct
    void start() {
        records = RecordConsumption.of("escalations-consumer", workers, deadLetters, RETRY, EventParser::parse, event -> {
            intake.apply(event);
            return null;
        }, outcome -> { });
    }

    @Incoming("escalations")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return records.consume(message);
    }

    void stop(@Observes ShutdownEvent event) {
        records.stop();
    }
}
