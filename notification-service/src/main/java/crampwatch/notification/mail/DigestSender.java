package crampwatch.notification.mail;

import crampwatch.common.health.Worker;
import crampwatch.common.health.Workers;
import crampwatch.notification.config.DeliveryConfig;
import crampwatch.notification.config.DigestConfig;
import crampwatch.notification.domain.Backoff;
import crampwatch.notification.domain.ClaimedDigest;
import crampwatch.notification.domain.DigestItem;
import crampwatch.notification.domain.DigestSchedule;
import crampwatch.notification.domain.EmailAddresses;
import crampwatch.notification.domain.ErrorSummary;
import crampwatch.notification.persistence.DigestRepository;
import crampwatch.notification.service.DigestStore;
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
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The clinicians' daily SEE_DOCTOR digest (docs/notifications.md, "Daily digest"). Each round, at {@code now}:
 * <ol>
 * <li>once the day's digest hour has come (crampwatch.digest.hour in crampwatch.digest.time-zone), every address owed
 * deliveries (status DIGEST) written before that day's cut-off gets that day's digest — one row per (address, local
 * date), inserted {@code ON CONFLICT DO NOTHING}, so two instances or a restart never make a second one;</li>
 * <li>then due digests are sent the way {@link DeliverySender} sends deliveries: claimed with {@code FOR UPDATE SKIP
 * LOCKED} under a token and a lease, a fixed Message-ID, the lease renewed right before SMTP, the outcome recorded only
 * while still ours, retried with the same backoff and attempts, a lapsed lease swept back to PENDING.</li>
 * </ol>
 * A digest lists what is still open when it goes out: a withdrawn escalation is left out, and a digest with nothing
 * left is CANCELLED without an email.
 */
@ApplicationScoped
public class DigestSender {

    static final String LEASE_EXPIRED = "the sender stopped or stalled mid-send (lease expired); whether the mail server "
            + "accepted the digest is unknown, so it is tried again with the same Message-ID";

    @Inject
    DigestStore store;

    @Inject
    EmailComposer composer;

    @Inject
    Mailer mailer;

    @Inject
    DeliveryConfig delivery;

    @Inject
    DigestConfig config;

    @Inject
    Workers workers;

    Clock clock = Clock.systemUTC();

    private DigestSchedule schedule;
    private volatile boolean stopping;
    /** Liveness: a round busy without progress for crampwatch.health.stall-after (a digest stuck in SMTP) is DOWN. */
    private Worker heartbeat;

    @PostConstruct
    void init() {
        schedule = new DigestSchedule(config.hour(), ZoneId.of(config.timeZone()));
        heartbeat = workers.register("digest-sender");
    }

    /** A bad crampwatch.digest.hour or time-zone stops the start instead of surfacing at the first digest. */
    void checkConfig(@Observes StartupEvent event) {
        new DigestSchedule(config.hour(), ZoneId.of(config.timeZone()));
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        heartbeat.stopped();
    }

    @Scheduled(every = "${crampwatch.digest.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "digest-sender")
    void scheduled() {
        heartbeat.busy();
        try {
            runAt(clock.instant());
        } catch (RuntimeException e) {
            Log.warnf("Digest round failed (retried next round): %s", ErrorSummary.of(e));
        } finally {
            heartbeat.idle();
        }
    }

    /** One round as of {@code now} (tests pass a time of their choosing): build the day's due digests, then send. */
    public void runAt(Instant now) {
        buildDue(now);
        store.releaseExpired(now, LEASE_EXPIRED);
        while (!stopping) {
            Optional<ClaimedDigest> next = store.claimNext(now);
            if (next.isEmpty()) {
                break;
            }
            send(next.get(), now);
            heartbeat.progress();
        }
    }

    /** Makes the day's digests that are due at {@code now}; returns how many this call made. */
    int buildDue(Instant now) {
        Optional<DigestSchedule.Due> due = schedule.dueAt(now);
        if (due.isEmpty()) {
            return 0;
        }
        int made = 0;
        for (DigestRepository.Owed owed : store.owed(due.get().cutoff())) {
            Optional<java.util.UUID> id = store.build(owed, due.get(), now);
            if (id.isPresent()) {
                made++;
                Log.infof("Digest %s for %s built", id.get(), due.get().date());
            }
        }
        return made;
    }

    private void send(ClaimedDigest d, Instant now) {
        List<DigestItem> items = store.items(d.id());
        if (items.isEmpty()) {
            store.cancel(d, now);
            Log.infof("Digest %s CANCELLED: every escalation it listed was withdrawn or acknowledged", d.id());
            return;
        }
        String undeliverable = EmailAddresses.problem(d.recipient());
        String error;
        String logged = null;
        if (undeliverable != null) {
            error = "not a deliverable address (" + undeliverable + "); not sent";
        } else {
            ClaimedSend.Outcome outcome = ClaimedSend.send(mailer, d.recipient(), d.messageId(),
                    () -> composer.composeDigest(d.localDate(), items), () -> store.renew(d, now));
            if (outcome.result() == ClaimedSend.Result.NOT_OURS) {
                Log.warnf("Digest %s is no longer claimed by this sender; not sending it", d.id());
                return;
            }
            if (outcome.result() == ClaimedSend.Result.SENT) {
                if (store.recordSent(d, now)) {
                    Log.infof("Digest %s (%d escalations) SENT as %s", d.id(), items.size(), d.messageId());
                } else {
                    Log.errorf("Digest %s went out as %s after its claim was taken away; the recipient may get it twice", d.id(),
                            d.messageId());
                }
                return;
            }
            error = outcome.error();
            logged = outcome.logged();
        }
        boolean last = undeliverable != null || d.attempts() >= delivery.maxAttempts();
        Instant retryAt = last ? null : now.plus(Backoff.after(d.attempts(), delivery.initialBackoff(), delivery.maxBackoff()));
        String stored = "attempt " + d.attempts() + ": " + error;
        store.recordFailure(d, stored.length() <= 1000 ? stored : stored.substring(0, 1000), retryAt, now);
        if (last) {
            Log.errorf("Digest %s FAILED after %d attempts: %s", d.id(), d.attempts(), logged == null ? "undeliverable address" : logged);
        } else {
            Log.warnf("Digest %s attempt %d failed, next at %s: %s", d.id(), d.attempts(), retryAt, logged);
        }
    }
}
