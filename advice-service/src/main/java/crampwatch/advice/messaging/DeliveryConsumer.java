package crampwatch.advice.messaging;

import crampwatch.common.messaging.PoisonMessageException;
import crampwatch.common.messaging.RetryInPlace;
import crampwatch.advice.domain.escalation.DeliveryState;
import crampwatch.advice.service.EscalationService;
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
 * Consumes {@code cramp-deliveries} (DeliveryStatusChanged from notification-service) into
 * {@code escalation_delivery}, so the work list shows whether each escalation's emails went out. Applying
 * an event is idempotent (the highest version per delivery wins), so a redelivery changes nothing. Poison
 * goes to {@code cramp-deliveries.dlq}; an infrastructure fault is retried in place for as long as it lasts.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // created at start, so its heartbeat is in the liveness report before the first record
public class DeliveryConsumer {


    @Inject
    EscalationService escalations;

    @Inject
    MeterRegistry metrics;

    @Inject
    crampwatch.common.dlq.DeadLetters deadLetters;

    @Inject
    crampwatch.common.health.Workers workers;

    private crampwatch.common.health.Worker heartbeat;

    private volatile boolean stopping;

    @jakarta.annotation.PostConstruct
    void registerHeartbeat() {
        heartbeat = workers.register("deliveries-consumer");
    }

    @Incoming("deliveries")
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
        Optional<DeliveryState> parsed;
        try {
            parsed = DeliveryEvent.parse(message.getPayload());
        } catch (PoisonMessageException poison) {
            Log.warn("Poison delivery event sent to the dead-letter topic");
            count("poison");
            deadLetters.counted(message, crampwatch.common.dlq.DeadLetters.MALFORMED);
            return message.nack(poison);
        }
        if (parsed.isEmpty()) {
            count("ignored");
            return message.ack();
        }
        DeliveryState state = parsed.get();
        return RetryInPlace.process(message, () -> {
            heartbeat.progress(); // each attempt is progress: an outage retried for an hour is not a stall
            count(escalations.deliveryReported(state) ? "processed" : "stale");
        }, () -> stopping, EpisodeConsumer.RETRY, () -> {
            count("failed");
            deadLetters.counted(message, crampwatch.common.dlq.DeadLetters.PROCESSING_FAILED);
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        heartbeat.stopped();
    }

    private void count(String outcome) {
        metrics.counter("crampwatch.delivery.events.consumed", "outcome", outcome).increment();
    }
}
