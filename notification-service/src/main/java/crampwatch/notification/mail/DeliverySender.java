package crampwatch.notification.mail;

import crampwatch.common.health.Worker;
import crampwatch.common.health.Workers;
import crampwatch.notification.config.DeliveryConfig;
import crampwatch.notification.domain.Backoff;
import crampwatch.notification.domain.ClaimedDelivery;
import crampwatch.notification.domain.DeliveryBacklog;
import crampwatch.notification.domain.DeliveryStatus;
import crampwatch.notification.domain.EmailAddresses;
import crampwatch.notification.domain.ErrorSummary;
import crampwatch.notification.domain.ReleasedDelivery;
import crampwatch.notification.service.DeliveriesDue;
import crampwatch.notification.service.DeliveryClaims;
import crampwatch.notification.service.DeliveryMetrics;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Works PENDING deliveries off, one claim at a time. Each round:
 * <ol>
 * <li>the lease sweep: SENDING rows past their lease (their sender stopped or stalled) go back to
 * PENDING with their attempt counted, or to FAILED when no attempt is left;</li>
 * <li>then, up to {@code batch-size} times: claim the next due delivery in a short transaction
 * (PENDING → SENDING, attempt counted, Message-ID fixed, a fresh claim token, a lease of
 * {@code sending-lease}) with {@code FOR UPDATE SKIP LOCKED}; render it; renew the lease under the
 * token — if the row is no longer ours, skip it; hand it to SMTP; record SENT, or PENDING with
 * backoff, or FAILED when the attempts are used up, again only under the token.</li>
 * </ol>
 * The lease covers one SMTP conversation, which the mailer bounds ({@code quarkus.mailer.timeout});
 * the lease must be at least twice that, checked at start. So a lease can only run out under a sender
 * that died or froze, never under one still working through a slow relay, and the token keeps a
 * sender that lost its lease from overwriting the row. A crash leaves a row PENDING (never handed to
 * SMTP: sent later) or SENDING (outcome unknown: retried after the lease with the same Message-ID —
 * at least once at the relay boundary, see docs/notifications.md).
 */
@ApplicationScoped
public class DeliverySender {

    static final String LEASE_EXPIRED = "the sender stopped or stalled mid-send (lease expired); whether the mail server "
            + "accepted the message is unknown, so it is tried again with the same Message-ID";

    @Inject
    DeliveryClaims claims;

    @Inject
    EmailComposer composer;

    @Inject
    Mailer mailer;

    @Inject
    DeliveryConfig config;

    @Inject
    DeliveryMetrics metrics;

    @Inject
    Workers workers;

    private Worker heartbeat;

    @ConfigProperty(name = "quarkus.mailer.timeout", defaultValue = "30s")
    Duration mailerTimeout;

    Clock clock = Clock.systemUTC();

    private volatile boolean stopping;

    /** Sends new deliveries right after the transaction that wrote them commits, instead of at the next poll. */
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "delivery-wake-up");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();

    /**
     * Liveness: a round must start at least every few poll intervals (the scheduler runs it), and no send may hang
     * past crampwatch.health.stall-after (each SMTP conversation is bounded by quarkus.mailer.timeout).
     */
    @PostConstruct
    void registerHeartbeat() {
        heartbeat = workers.register("delivery-sender").expectBeatsEvery(config.pollInterval().multipliedBy(10));
    }

    /** A lease shorter than two SMTP conversations could run out under a sender that is still working. */
    void checkLease(@Observes StartupEvent event) {
        if (mailerTimeout.isZero() || mailerTimeout.isNegative()) {
            throw new IllegalStateException("quarkus.mailer.timeout must be set (> 0): the sending lease must outlast every SMTP conversation");
        }
        if (config.sendingLease().compareTo(mailerTimeout.multipliedBy(2)) < 0) {
            throw new IllegalStateException("crampwatch.delivery.sending-lease (" + config.sendingLease()
                    + ") must be at least twice quarkus.mailer.timeout (" + mailerTimeout + ")");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        heartbeat.stopped();
        waker.shutdown();
    }

    /** A use case committed deliveries that are due now ({@link DeliveriesDue}, fired after the commit). */
    void onDue(@Observes DeliveriesDue event) {
        wakeUp();
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
                heartbeat.busy();
                try {
                    int claimed;
                    do {
                        claimed = sendBatch();
                    } while (claimed == config.batchSize() && !stopping);
                } catch (RuntimeException e) {
                    Log.debugf("Immediate delivery round failed (the scheduled round retries): %s", ErrorSummary.of(e));
                } finally {
                    heartbeat.idle();
                }
            });
        } catch (RejectedExecutionException e) {
            wakeUpQueued.set(false);
        }
    }

    @Scheduled(every = "${crampwatch.delivery.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "delivery-sender")
    void round() {
        heartbeat.busy();
        try {
            releaseExpired();
            int claimed;
            do {
                claimed = sendBatch();
            } while (claimed == config.batchSize() && !stopping);
            DeliveryBacklog backlog = claims.backlog();
            metrics.backlog(backlog.pending(), backlog.oldestCreatedAt());
        } catch (RuntimeException e) {
            Log.warnf("Delivery round failed (retried next round): %s", ErrorSummary.of(e));
        } finally {
            heartbeat.idle();
        }
    }

    private void releaseExpired() {
        Instant now = clock.instant();
        List<ReleasedDelivery> released = claims.releaseExpired(now, LEASE_EXPIRED);
        for (ReleasedDelivery r : released) {
            if (r.status() == DeliveryStatus.FAILED) {
                metrics.failed(r.level());
                Log.errorf("Delivery %s (escalation %s) FAILED: its lease expired on attempt %d, the last one", r.id(),
                        r.escalationId(), r.attempts());
            } else {
                metrics.attemptFailed();
                Log.warnf("Delivery %s (escalation %s): lease expired on attempt %d (sender stopped or stalled); PENDING again",
                        r.id(), r.escalationId(), r.attempts());
            }
        }
    }

    /** Claims and sends due deliveries one at a time, at most {@code batch-size}; returns how many were claimed. */
    public int sendBatch() {
        int claimed = 0;
        while (claimed < config.batchSize() && !stopping) {
            Instant now = clock.instant();
            Optional<ClaimedDelivery> next = claims.claimNext(now);
            if (next.isEmpty()) {
                break;
            }
            claimed++;
            heartbeat.progress();
            send(next.get());
        }
        return claimed;
    }

    private void send(ClaimedDelivery d) {
        String undeliverable = EmailAddresses.problem(d.recipient());
        if (undeliverable != null) {
            refuseAddress(d, undeliverable);
            return;
        }
        ClaimedSend.Outcome outcome = ClaimedSend.send(mailer, d.recipient(), d.messageId(),
                () -> composer.compose(d.audience(), d.patientId(), alerts(d), d.raisedAt(), clock.instant(), d.step()),
                () -> claims.renew(d, clock.instant()));
        if (outcome.result() == ClaimedSend.Result.NOT_OURS) {
            Log.warnf("Delivery %s is no longer claimed by this sender; not sending it", d.id());
            return;
        }
        Instant now = clock.instant();
        if (outcome.result() == ClaimedSend.Result.SENT) {
            recordSent(d, now);
            return;
        }
        String error = outcome.error();
        String logged = outcome.logged();
        boolean last = d.attempts() >= config.maxAttempts();
        Instant retryAt = last ? null : now.plus(Backoff.after(d.attempts(), config.initialBackoff(), config.maxBackoff()));
        String stored = truncate("attempt " + d.attempts() + ": " + error, 1000);
        DeliveryClaims.Failure recorded = record(d, () -> claims.recordFailure(d, stored, retryAt, now)); // FAILED is published
        if (recorded == null) {
            return;
        }
        if (!recorded.ours()) {
            Log.warnf("Delivery %s attempt %d failed after its claim was released; the row's current state stands", d.id(),
                    d.attempts());
            return;
        }
        metrics.attemptFailed();
        if (last) {
            d.parts().forEach(p -> metrics.failed(p.level()));
            Log.errorf("Delivery %s (escalation %s, %s) FAILED after %d attempts: %s", d.id(), d.escalationId(), d.audience(),
                    d.attempts(), logged);
        } else {
            Log.warnf("Delivery %s (escalation %s) attempt %d failed, next at %s: %s", d.id(), d.escalationId(), d.attempts(),
                    recorded.retryAt(), logged);
        }
    }

    /** What the email says: every escalation the claim covers, the leader (highest level) first. */
    private static List<EmailComposer.Alert> alerts(ClaimedDelivery d) {
        return d.parts().stream().map(p -> new EmailComposer.Alert(p.level(), p.rule(), p.reason(), p.episodeStartedAt())).toList();
    }

    /**
     * The address breaks the rule the contacts API applies ({@link EmailAddresses}; stored before that rule existed):
     * no relay would take it, so retrying only delays the alert's failure. It fails now, without an SMTP conversation,
     * and shows in the delivery log (and the failed metric) so a clinician fixes the contacts and resends.
     */
    private void refuseAddress(ClaimedDelivery d, String reason) {
        Instant now = clock.instant();
        String stored = truncate("attempt " + d.attempts() + ": not a deliverable address (" + reason + "); not sent", 1000);
        DeliveryClaims.Failure recorded = record(d, () -> claims.recordFailure(d, stored, null, now));
        if (recorded == null || !recorded.ours()) {
            return;
        }
        metrics.attemptFailed();
        d.parts().forEach(p -> metrics.failed(p.level()));
        Log.errorf("Delivery %s (escalation %s, %s) FAILED without sending: the recipient is not a deliverable address (%s)",
                d.id(), d.escalationId(), d.audience(), reason);
    }

    private void recordSent(ClaimedDelivery d, Instant at) {
        Boolean recorded = record(d, () -> claims.recordSent(d, at));
        if (recorded == null) {
            return;
        }
        if (recorded) {
            d.parts().forEach(p -> metrics.sent());
            if (d.others().isEmpty()) {
                Log.infof("Delivery %s (escalation %s, patient %s, %s) SENT as %s", d.id(), d.escalationId(), d.patientId(),
                        d.audience(), d.messageId());
            } else {
                Log.infof("Delivery %s (escalation %s, patient %s, %s) SENT as %s, in one email with deliveries %s", d.id(),
                        d.escalationId(), d.patientId(), d.audience(), d.messageId(),
                        d.others().stream().map(p -> p.id().toString()).toList());
            }
        } else {
            Log.errorf("Delivery %s went out as %s, but another sender has claimed it since (this sender's lease had expired); "
                    + "the recipient may get it twice", d.id(), d.messageId());
        }
    }

    /**
     * Records an attempt's outcome (the update's answer: whether the row was still ours), insisting for a
     * while if the database hiccups. Null if it could not: the row stays SENDING until its lease runs out
     * and is then tried again with the same Message-ID.
     */
    private <T> T record(ClaimedDelivery d, Supplier<T> update) {
        for (int attempt = 1; ; attempt++) {
            try {
                return update.get(); // one transaction per call (DeliveryClaims)
            } catch (RuntimeException e) {
                if (attempt >= 20 || stopping) {
                    Log.errorf("The outcome of delivery %s could not be recorded (%s); it stays SENDING until its lease "
                            + "expires, then it is tried again", d.id(), ErrorSummary.of(e));
                    return null;
                }
                try {
                    Thread.sleep(Math.min(5_000, 100L << Math.min(attempt, 6)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
