package crampwatch.advice.messaging;

import crampwatch.advice.domain.escalation.DeliveryState;
import crampwatch.advice.service.EscalationService;
import crampwatch.common.logging.Logs;
import crampwatch.common.tx.TransientFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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

    static final int MAX_ATTEMPTS = 3;
    private static final long MAX_BACKOFF_MS = 10_000;

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
        long backoff = 200;
        int failures = 0;
        while (true) {
            heartbeat.progress(); // each attempt is progress: an outage retried for an hour is not a stall
            try {
                count(escalations.deliveryReported(state) ? "processed" : "stale");
                return message.ack();
            } catch (RuntimeException e) {
                if (!TransientFailures.isTransient(e) && ++failures >= MAX_ATTEMPTS) {
                    Log.errorf("Delivery event for delivery %s failed %d times (%s); sent to the dead-letter topic",
                            state.deliveryId(), failures, Logs.failure(e));
                    count("failed");
                    deadLetters.counted(message, crampwatch.common.dlq.DeadLetters.PROCESSING_FAILED);
                    return message.nack(new IllegalStateException("processing failed: " + Logs.failure(e)));
                }
                Log.warnf("Delivery event for delivery %s could not be stored now (%s); retrying in %d ms", state.deliveryId(),
                        Logs.failure(e), backoff);
            }
            if (!pause(backoff)) {
                return new CompletableFuture<>(); // shutting down: consumed again after the restart
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
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
        metrics.counter("crampwatch.delivery.events.consumed", "outcome", outcome).increment();
    }
}
