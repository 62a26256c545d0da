package crampwatch.advice.messaging;

import crampwatch.advice.domain.escalation.DeliveryState;
import crampwatch.advice.service.EscalationService;
import crampwatch.common.dlq.DeadLetters;
import crampwatch.common.health.Workers;
import crampwatch.common.messaging.RecordConsumption;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
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
@Startup // created at start, so its heartbeat is in the liveness report before the first record
public class DeliveryConsumer {

    @Inject
    EscalationService escalations;

    @Inject
    MeterRegistry metrics;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Workers workers;

    private RecordConsumption<DeliveryState> records;

    @PostConstruct
    void start() {
        records = RecordConsumption.of("deliveries-consumer", workers, deadLetters, EpisodeConsumer.RETRY,
                DeliveryEvent::parse, state -> escalations.deliveryReported(state) ? "processed" : "stale",
                outcome -> metrics.counter("crampwatch.delivery.events.consumed", "outcome", outcome).increment());
    }

    @Incoming("deliveries")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return records.consume(message);
    }

    void stop(@Observes ShutdownEvent event) {
        records.stop();
    }
}
