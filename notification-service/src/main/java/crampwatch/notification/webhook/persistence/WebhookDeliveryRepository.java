package crampwatch.notification.webhook.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Webhook deliveries ({@code webhook_delivery}): written by the consumer, claimed and settled by the webhook sender. */
@ApplicationScoped
public class WebhookDeliveryRepository implements PanacheRepositoryBase<WebhookDeliveryEntity, UUID> {

    /** A claimed delivery with what the request needs. {@code attempt}: this attempt's number (1 = first). */
    public record Claimed(UUID id, UUID subscriptionId, UUID eventId, String eventType, String patientId, String body, int attempt,
                          String url, String secret, String previousSecret, Instant previousSecretUntil) {
    }

    /** A new PENDING delivery, due now; an event already queued for the subscription is kept once. */
    public void insert(UUID subscriptionId, UUID eventId, String eventType, String patientId, String body, Instant now) {
        getEntityManager().createNativeQuery("""
                        INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, patient_id, body, status, attempts,
                                                      next_attempt_at, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'PENDING', 0, ?7, ?7) ON CONFLICT (subscription_id, event_id) DO NOTHING""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, subscriptionId).setParameter(3, eventId).setParameter(4, eventType)
                .setParameter(5, patientId).setParameter(6, body).setParameter(7, now).executeUpdate();
    }

    /**
     * Claims the oldest due delivery of an ACTIVE subscription not in {@code busySubscriptions}: PENDING and due, or
     * SENDING with its lease run out (its sender died). A delivery is due only when no older delivery of the same
     * subscription and patient is still PENDING or SENDING (per-patient order). {@code FOR UPDATE SKIP LOCKED}: concurrent
     * senders (threads, instances) never claim one row twice; the claim (SENDING, lease, attempt + 1) commits before the
     * request is made.
     */
    @SuppressWarnings("unchecked")
    public Optional<Claimed> claimOne(Collection<UUID> busySubscriptions, Instant now, Instant leaseUntil) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        WITH due AS (
                          SELECT d.id FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
                          WHERE s.status = 'ACTIVE' AND d.next_attempt_at <= ?1
                            AND (d.status = 'PENDING' OR (d.status = 'SENDING' AND d.lease_until < ?1))
                            AND NOT (d.subscription_id = ANY (CAST(string_to_array(?2, ',') AS uuid[])))
                            AND NOT EXISTS (SELECT 1 FROM webhook_delivery e WHERE e.subscription_id = d.subscription_id
                                            AND e.patient_id = d.patient_id AND e.seq < d.seq AND e.status IN ('PENDING', 'SENDING'))
                          ORDER BY d.seq LIMIT 1
                          FOR UPDATE OF d SKIP LOCKED)
                        UPDATE webhook_delivery w SET status = 'SENDING', lease_until = ?3, attempts = w.attempts + 1, last_attempt_at = ?1
                        FROM due, webhook_subscription s WHERE w.id = due.id AND s.id = w.subscription_id
                        RETURNING w.id, w.subscription_id, w.event_id, w.event_type, w.patient_id, w.body, w.attempts,
                                  s.url, s.secret, s.previous_secret, s.previous_secret_until""")
                .setParameter(1, now).setParameter(2, String.join(",", busySubscriptions.stream().map(UUID::toString).toList()))
                .setParameter(3, leaseUntil).getResultList();
        return rows.stream().findFirst().map(r -> new Claimed((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4],
                (String) r[5], ((Number) r[6]).intValue(), (String) r[7], (String) r[8], (String) r[9],
                instant(r[10])));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    /** The claimed attempt's outcome; nothing when the claim is no longer this attempt's (its lease ran out and another took it). */
    public boolean settle(UUID id, int attempt, String status, Integer responseCode, String error, Instant nextAttemptAt, Instant now) {
        return update("status = :status, lastResponseCode = :code, lastError = :error, nextAttemptAt = :next, leaseUntil = null, "
                        + "deliveredAt = :delivered where id = :id and status = 'SENDING' and attempts = :attempt",
                Parameters.with("status", status).and("code", responseCode).and("error", error).and("next", nextAttemptAt)
                        .and("delivered", "SENT".equals(status) ? now : null).and("id", id).and("attempt", attempt)) == 1;
    }

    /** One page of a subscription's delivery log, newest first, optionally one status, before {@code beforeSeq} when given. */
    public List<WebhookDeliveryEntity> page(UUID subscriptionId, String status, Long beforeSeq, int limit) {
        StringBuilder q = new StringBuilder("subscriptionId = :sub");
        Parameters p = Parameters.with("sub", subscriptionId);
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        if (beforeSeq != null) {
            q.append(" and seq < :before");
            p.and("before", beforeSeq);
        }
        return find(q.toString(), Sort.descending("seq"), p).range(0, limit - 1).list();
    }

    public Optional<WebhookDeliveryEntity> of(UUID subscriptionId, UUID id) {
        return find("id = ?1 and subscriptionId = ?2", id, subscriptionId).firstResultOptional();
    }
}
