package crampwatch.notification.mail;

import crampwatch.notification.config.DeliveryConfig;
import crampwatch.notification.domain.Backoff;
import crampwatch.notification.domain.ClaimedDelivery;
import crampwatch.notification.domain.Deliveries;
import crampwatch.notification.domain.DeliveryMetrics;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Works PENDING deliveries off. Each round:
 * <ol>
 * <li>deliveries left in SENDING longer than the lease (their sender died mid-send) become FAILED —
 * whether the server took the message is unknown, and sending again could mail a second copy;</li>
 * <li>due deliveries are claimed in a short transaction that commits PENDING → SENDING (attempt
 * counted, Message-ID fixed) with {@code FOR UPDATE SKIP LOCKED}, so no other sender can take them;</li>
 * <li>each claimed delivery is sent over SMTP, then SENDING → SENT (time and Message-ID), or back to
 * PENDING with exponential backoff, or FAILED when the attempts are used up.</li>
 * </ol>
 * A crash therefore leaves a delivery either PENDING (never handed to SMTP: sent later) or SENDING
 * (outcome unknown: FAILED and visible, never sent twice).
 */
@ApplicationScoped
public class DeliverySender {

    static final String ABANDONED = "Sending was interrupted (the service stopped during the SMTP conversation); "
            + "whether the mail server accepted the message is unknown, so it is not sent again automatically";

    @Inject
    Deliveries deliveries;

    @Inject
    EmailComposer composer;

    @Inject
    Mailer mailer;

    @Inject
    DeliveryConfig config;

    @Inject
    DeliveryMetrics metrics;

    Clock clock = Clock.systemUTC();

    private volatile boolean stopping;

    /** Sends new deliveries right after the transaction that wrote them commits, instead of at the next poll. */
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "delivery-wake-up");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        waker.shutdown();
    }

    /**
     * Called after a commit that wrote PENDING deliveries due now: works them off at once on a thread of its
     * own. Wake-ups coalesce (at most one queued), and rows are claimed with SKIP LOCKED, so this and the
     * scheduled round never send the same delivery.
     */
    public void wakeUp() {
        if (stopping || !wakeUpQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            waker.execute(() -> {
                wakeUpQueued.set(false);
                try {
                    int claimed;
                    do {
                        claimed = sendBatch();
                    } while (claimed == config.batchSize() && !stopping);
                } catch (RuntimeException e) {
                    Log.debugf("Immediate delivery round failed (the scheduled round retries): %s", rootMessage(e));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            wakeUpQueued.set(false);
        }
    }

    @Scheduled(every = "${crampwatch.delivery.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "delivery-sender")
    void round() {
        try {
            recoverAbandoned();
            int claimed;
            do {
                claimed = sendBatch();
            } while (claimed == config.batchSize() && !stopping);
            Deliveries.Backlog backlog = tx(deliveries::backlog);
            metrics.backlog(backlog.pending(), backlog.oldestCreatedAt());
        } catch (RuntimeException e) {
            Log.warnf("Delivery round failed (retried next round): %s", rootMessage(e));
        }
    }

    private void recoverAbandoned() {
        Instant now = clock.instant();
        int failed = tx(() -> deliveries.failAbandoned(now.minus(config.sendingLease()), now, ABANDONED));
        if (failed > 0) {
            metrics.failed(failed);
            Log.errorf("%d deliveries were abandoned mid-send by a stopped sender; marked FAILED (not resent)", failed);
        }
    }

    /** Claims and sends one batch; returns how many were claimed. */
    public int sendBatch() {
        Instant now = clock.instant();
        List<ClaimedDelivery> batch = tx(() -> deliveries.claimDue(now, config.batchSize(), config.messageIdDomain()));
        for (ClaimedDelivery d : batch) {
            send(d);
        }
        return batch.size();
    }

    private void send(ClaimedDelivery d) {
        String error;
        try {
            RenderedEmail email = composer.compose(d.audience(), d.level(), d.patientId(), d.rule(), d.reason(), d.raisedAt());
            Mail mail = Mail.withText(d.recipient(), email.subject(), email.text()).setHtml(email.html());
            mail.addHeader("Message-ID", d.messageId());
            mailer.send(mail);
            error = null;
        } catch (RuntimeException e) {
            error = rootMessage(e);
        }
        Instant now = clock.instant();
        if (error == null) {
            recordSent(d, now);
            return;
        }
        metrics.attemptFailed();
        boolean last = d.attempts() >= config.maxAttempts();
        Instant retryAt = last ? null : now.plus(Backoff.after(d.attempts(), config.initialBackoff(), config.maxBackoff()));
        String stored = truncate("attempt " + d.attempts() + ": " + error, 1000);
        if (!record(d, () -> deliveries.markAttemptFailed(d.id(), stored, retryAt, now))) {
            return;
        }
        if (last) {
            metrics.failed(1);
            Log.errorf("Delivery %s (escalation %s, %s) FAILED after %d attempts: %s", d.id(), d.escalationId(), d.audience(),
                    d.attempts(), error);
        } else {
            Log.warnf("Delivery %s (escalation %s) attempt %d failed, next at %s: %s", d.id(), d.escalationId(), d.attempts(),
                    retryAt, error);
        }
    }

    private void recordSent(ClaimedDelivery d, Instant at) {
        if (record(d, () -> deliveries.markSent(d.id(), at))) {
            metrics.sent();
            Log.infof("Delivery %s (escalation %s, patient %s, %s) SENT as %s", d.id(), d.escalationId(), d.patientId(),
                    d.audience(), d.messageId());
        }
    }

    /**
     * Records an attempt's outcome, insisting for a while if the database hiccups. If it cannot, the
     * row stays SENDING and is later marked FAILED with an unknown outcome, never resent.
     */
    private boolean record(ClaimedDelivery d, Supplier<Boolean> update) {
        for (int attempt = 1; ; attempt++) {
            try {
                tx(update);
                return true;
            } catch (RuntimeException e) {
                if (attempt >= 20 || stopping) {
                    Log.errorf("The outcome of delivery %s could not be recorded (%s); it stays SENDING and will be "
                            + "marked FAILED with an unknown outcome, never resent", d.id(), rootMessage(e));
                    return false;
                }
                try {
                    Thread.sleep(Math.min(5_000, 100L << Math.min(attempt, 6)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private static <T> T tx(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().strip();
        return t.getClass().getSimpleName() + message;
    }
}
