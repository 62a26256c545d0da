package crampwatch.notification.service;

import crampwatch.notification.domain.Level;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prometheus metrics of the delivery pipeline: {@code crampwatch_deliveries_sent_total},
 * {@code _failed_total{level}} (deliveries that ended FAILED, by escalation level; both levels are
 * registered at start so an alert can watch {@code level="URGENT"} from zero), {@code _resent_total}
 * (FAILED deliveries put back by a clinician's resend), {@code _no_recipient_total}, {@code _attempt_failures_total},
 * {@code crampwatch_deliveries_pending} and {@code crampwatch_deliveries_oldest_pending_age_seconds}
 * (the two gauges as of the sender's last round).
 */
@ApplicationScoped
public class DeliveryMetrics {

    @Inject
    MeterRegistry registry;

    private Counter sent;
    private final Map<Level, Counter> failed = new EnumMap<>(Level.class);
    private Counter resent;
    private Counter noRecipient;
    private Counter attemptFailures;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<Instant> oldestPending = new AtomicReference<>();

    void register(@Observes StartupEvent event) {
        sent = Counter.builder("crampwatch.deliveries.sent").description("Emails accepted by the SMTP server").register(registry);
        for (Level level : Level.values()) {
            failed.put(level, Counter.builder("crampwatch.deliveries.failed").tag("level", level.name())
                    .description("Deliveries that ended FAILED (attempts used up), by escalation level").register(registry));
        }
        resent = Counter.builder("crampwatch.deliveries.resent")
                .description("FAILED deliveries put back to PENDING by a clinician's resend").register(registry);
        noRecipient = Counter.builder("crampwatch.deliveries.no.recipient")
                .description("Escalations no contact wanted to hear about").register(registry);
        attemptFailures = Counter.builder("crampwatch.deliveries.attempt.failures")
                .description("Sending attempts that failed and were scheduled again").register(registry);
        Gauge.builder("crampwatch.deliveries.pending", pending, AtomicLong::get)
                .description("Deliveries waiting to be sent").register(registry);
        Gauge.builder("crampwatch.deliveries.oldest.pending.age.seconds", oldestPending, ref -> {
            Instant oldest = ref.get();
            return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
        }).description("Age of the oldest delivery still waiting to be sent").register(registry);
    }

    public void sent() {
        sent.increment();
    }

    public void failed(Level level) {
        failed.get(level).increment();
    }

    public void resent(int count) {
        resent.increment(count);
    }

    public void noRecipient() {
        noRecipient.increment();
    }

    public void attemptFailed() {
        attemptFailures.increment();
    }

    public void backlog(long pendingCount, Instant oldestCreatedAt) {
        pending.set(pendingCount);
        oldestPending.set(oldestCreatedAt);
    }
}
