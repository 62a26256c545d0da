package crampwatch.notification.service;

import crampwatch.notification.config.DeliveryConfig;
import crampwatch.notification.domain.ClaimedDelivery;
import crampwatch.notification.domain.DeliveryBacklog;
import crampwatch.notification.domain.DeliveryStatus;
import crampwatch.notification.domain.ReleasedDelivery;
import crampwatch.notification.messaging.DeliveryStatePublisher;
import crampwatch.notification.persistence.DeliveryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The sender's steps, each a short transaction of its own (never one around an SMTP conversation): the lease sweep,
 * a claim, the lease renewal right before SMTP, the outcome. Every step on a claim acts on all its deliveries at once
 * (the leader and the rest of its episode group) and only while the claim is ours (its token); a visible status change
 * goes to the outbox in the same transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class DeliveryClaims {

    @Inject
    DeliveryRepository deliveries;

    @Inject
    DeliveryStatePublisher states;

    @Inject
    DeliveryConfig config;

    @Inject
    PatientQuietHours quietHours;

    /**
     * SENDING rows past their lease go back to PENDING (attempt counted) or, with no attempt left, to FAILED (published:
     * the work list shows it).
     */
    public List<ReleasedDelivery> releaseExpired(Instant now, String error) {
        List<ReleasedDelivery> expired = deliveries.releaseExpired(now, config.sendingLease(), config.maxAttempts(), error);
        publish(expired.stream().filter(r -> r.status() == DeliveryStatus.FAILED).map(ReleasedDelivery::id).toList());
        return expired;
    }

    /** The next due delivery (with the rest of its group), now SENDING under a fresh token and a lease of sending-lease. */
    public Optional<ClaimedDelivery> claimNext(Instant now) {
        return deliveries.claimNext(now, now.plus(config.sendingLease()), config.messageIdDomain());
    }

    /** A fresh lease for one SMTP conversation; false when the claim is no longer ours (then it must not be sent). */
    public boolean renew(ClaimedDelivery claim, Instant now) {
        return deliveries.renewClaim(claim, now.plus(config.sendingLease()), now);
    }

    /** The server accepted the message: SENT (published). True when the claim was still ours. */
    public boolean recordSent(ClaimedDelivery claim, Instant at) {
        DeliveryRepository.Recorded sent = deliveries.markSent(claim, at);
        publish(sent.ids());
        return sent.ours();
    }

    /** A failed attempt as recorded: {@code ours} false when the claim had been released (nothing changed). */
    public record Failure(boolean ours, Instant retryAt) {
    }

    /**
     * The attempt failed: PENDING again, due at {@code retryAt} — for a patient's non-URGENT mail never inside the
     * patient's quiet hours as they are now, so a retry cannot slip into the night the first email waited out — or
     * FAILED with {@code retryAt} null (published). Returns whether the claim was still ours, and when the next attempt is
     * due.
     */
    public Failure recordFailure(ClaimedDelivery claim, String error, Instant retryAt, Instant now) {
        Instant due = retryAt == null ? null : quietHours.releaseOf(claim.patientId(), claim.audience(), claim.level(), retryAt);
        DeliveryRepository.Recorded failed = deliveries.markAttemptFailed(claim, error, due, now);
        if (failed.ours() && due == null) {
            publish(failed.ids());
        }
        return new Failure(failed.ours(), due);
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public DeliveryBacklog backlog() {
        return deliveries.backlog();
    }

    private void publish(Collection<UUID> ids) {
        states.publish(deliveries.newStateVersions(ids));
    }
}
