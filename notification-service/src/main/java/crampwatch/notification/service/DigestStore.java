package crampwatch.notification.service;

import crampwatch.notification.config.DeliveryConfig;
import crampwatch.notification.domain.ClaimedDigest;
import crampwatch.notification.domain.DigestItem;
import crampwatch.notification.domain.DigestSchedule;
import crampwatch.notification.messaging.DeliveryStatePublisher;
import crampwatch.notification.persistence.DeliveryRepository;
import crampwatch.notification.persistence.DigestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The digest worker's steps, each a short transaction of its own (never one around an SMTP conversation), like
 * {@link DeliveryClaims}: building one address's digest, the lease sweep, a claim, the lease renewal, the outcome. The
 * deliveries a digest's outcome changes are published (DeliveryStatusChanged) in the same transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class DigestStore {

    @Inject
    DigestRepository digests;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    DeliveryStatePublisher states;

    @Inject
    DeliveryConfig config;

    @Transactional(Transactional.TxType.REQUIRED)
    public List<DigestRepository.Owed> owed(Instant cutoff) {
        return digests.owedBefore(cutoff);
    }

    /**
     * The address's digest for the day, with what it owes from before the cut-off, unless that day's digest exists
     * already (made by another instance or an earlier run): then nothing changes and the answer is empty.
     */
    public Optional<UUID> build(DigestRepository.Owed owed, DigestSchedule.Due due, Instant now) {
        UUID id = digests.create(owed, due.date(), now);
        if (id == null) {
            return Optional.empty();
        }
        digests.take(id, owed.key(), due.cutoff(), now);
        return Optional.of(id);
    }

    public int releaseExpired(Instant now, String error) {
        return digests.releaseExpired(now, config.maxAttempts(), error);
    }

    public Optional<ClaimedDigest> claimNext(Instant now) {
        return digests.claimNext(now, now.plus(config.sendingLease()), config.messageIdDomain());
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public List<DigestItem> items(UUID digestId) {
        return digests.items(digestId);
    }

    public boolean renew(ClaimedDigest d, Instant now) {
        return digests.renew(d, now.plus(config.sendingLease()), now);
    }

    public boolean cancel(ClaimedDigest d, Instant now) {
        return digests.cancel(d, now);
    }

    /** SENT, with its deliveries (published). False when the digest was no longer ours. */
    public boolean recordSent(ClaimedDigest d, Instant at) {
        List<UUID> members = digests.markSent(d, at);
        if (members == null) {
            return false;
        }
        publish(members);
        return true;
    }

    /** PENDING again at {@code retryAt}, or FAILED with its deliveries (published). False when no longer ours. */
    public boolean recordFailure(ClaimedDigest d, String error, Instant retryAt, Instant now) {
        List<UUID> members = digests.markFailed(d, error, retryAt, now);
        if (members == null) {
            return false;
        }
        publish(members);
        return true;
    }

    private void publish(Collection<UUID> ids) {
        states.publish(deliveries.newStateVersions(ids));
    }
}
