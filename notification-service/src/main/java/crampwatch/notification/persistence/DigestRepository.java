package crampwatch.notification.persistence;

import crampwatch.notification.domain.ClaimedDigest;
import crampwatch.notification.domain.DigestItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/**
 * The digests ({@code digest}) and the deliveries owed to them (status DIGEST), in the caller's transaction; native SQL
 * throughout. One digest per (lower-cased address, local date): the unique key decides, whichever instance inserts
 * first ({@code ON CONFLICT DO NOTHING}). A digest is claimed and recorded like a delivery: {@code FOR UPDATE SKIP
 * LOCKED}, a claim token, a lease, a fixed Message-ID, "only if still ours".
 */
@ApplicationScoped
public class DigestRepository {

    @Inject
    EntityManager em;

    /** An address that is owed a digest: its lower-cased key and one spelling of it. */
    public record Owed(String key, String recipient) {
    }

    /** The addresses with deliveries owed to a digest written before {@code cutoff} and not yet in one. */
    public List<Owed> owedBefore(Instant cutoff) {
        List<Object[]> found = rows(sql("""
                        SELECT lower(recipient) AS k, min(recipient) AS r FROM delivery
                        WHERE status = 'DIGEST' AND digest_id IS NULL AND created_at < ?1
                        GROUP BY lower(recipient) ORDER BY 1""")
                .setParameter(1, cutoff).addScalar("k", String.class).addScalar("r", String.class));
        return found.stream().map(r -> new Owed((String) r[0], (String) r[1])).toList();
    }

    /**
     * Creates the address's digest for {@code date}, due at {@code now}, unless it exists (then null: another instance,
     * or an earlier run, made it). Waits for a concurrent insert of the same key to commit or roll back.
     */
    public UUID create(Owed owed, LocalDate date, Instant now) {
        UUID id = UUID.randomUUID();
        int inserted = sql("""
                        INSERT INTO digest (id, recipient_key, local_date, recipient, status, not_before, created_at, updated_at)
                        VALUES (?1, ?2, ?3, ?4, 'PENDING', ?5, ?5, ?5) ON CONFLICT (recipient_key, local_date) DO NOTHING""")
                .setParameter(1, id).setParameter(2, owed.key()).setParameter(3, date).setParameter(4, owed.recipient())
                .setParameter(5, now).executeUpdate();
        return inserted == 1 ? id : null;
    }

    /** The address's owed deliveries written before {@code cutoff} join the digest; returns how many. */
    public int take(UUID digestId, String key, Instant cutoff, Instant now) {
        return sql("""
                        UPDATE delivery SET digest_id = ?1, updated_at = ?4
                        WHERE status = 'DIGEST' AND digest_id IS NULL AND lower(recipient) = ?2 AND created_at < ?3""")
                .setParameter(1, digestId).setParameter(2, key).setParameter(3, cutoff).setParameter(4, now).executeUpdate();
    }

    /** Claims the next due digest: PENDING → SENDING, one more attempt, a fresh token and lease, the Message-ID fixed. */
    public Optional<ClaimedDigest> claimNext(Instant now, Instant leaseUntil, String messageIdDomain) {
        List<Object[]> found = rows(sql("""
                        WITH due AS (
                            SELECT id FROM digest WHERE status = 'PENDING' AND not_before <= ?1
                            ORDER BY not_before, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                        UPDATE digest g SET status = 'SENDING', attempts = g.attempts + 1, claimed_at = ?1, updated_at = ?1,
                               claim_token = ?2, lease_until = ?3,
                               smtp_message_id = '<digest-' || g.id::text || '@' || ?4 || '>'
                        FROM due WHERE g.id = due.id
                        RETURNING g.id, g.claim_token, g.recipient, g.local_date, g.attempts, g.smtp_message_id""")
                .setParameter(1, now).setParameter(2, UUID.randomUUID()).setParameter(3, leaseUntil).setParameter(4, messageIdDomain)
                .addScalar("id", UUID.class).addScalar("claim_token", UUID.class).addScalar("recipient", String.class)
                .addScalar("local_date", LocalDate.class).addScalar("attempts", Integer.class)
                .addScalar("smtp_message_id", String.class));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = found.get(0);
        return Optional.of(new ClaimedDigest((UUID) r[0], (UUID) r[1], (String) r[2], (LocalDate) r[3], (Integer) r[4], (String) r[5]));
    }

    /** What the digest lists: its deliveries still owed (not withdrawn since), oldest first. */
    public List<DigestItem> items(UUID digestId) {
        List<Object[]> found = rows(sql("""
                        SELECT id, escalation_id, patient_id, rule, reason, raised_at FROM delivery
                        WHERE digest_id = ?1 AND status = 'DIGEST' ORDER BY raised_at, id""")
                .setParameter(1, digestId)
                .addScalar("id", UUID.class).addScalar("escalation_id", UUID.class).addScalar("patient_id", String.class)
                .addScalar("rule", String.class).addScalar("reason", String.class).addScalar("raised_at", Instant.class));
        List<DigestItem> out = new ArrayList<>(found.size());
        for (Object[] r : found) {
            out.add(new DigestItem((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4], (Instant) r[5]));
        }
        return out;
    }

    /** A fresh lease right before SMTP; false when the claim is no longer ours. */
    public boolean renew(ClaimedDigest d, Instant leaseUntil, Instant now) {
        return sql("UPDATE digest SET lease_until = ?1, updated_at = ?2 WHERE id = ?3 AND status = 'SENDING' AND claim_token = ?4")
                .setParameter(1, leaseUntil).setParameter(2, now).setParameter(3, d.id()).setParameter(4, d.claimToken())
                .executeUpdate() == 1;
    }

    /**
     * The server accepted the digest: SENT (under our claim, or waiting again after a lost lease: the mail is out), and
     * its listed deliveries SENT with its Message-ID. Returns the deliveries' ids, or null when the digest was not ours.
     */
    public List<UUID> markSent(ClaimedDigest d, Instant at) {
        int changed = sql("""
                        UPDATE digest SET status = 'SENT', sent_at = ?1, updated_at = ?1, last_error = NULL, claim_token = NULL,
                               lease_until = NULL
                        WHERE id = ?2 AND ((status = 'SENDING' AND claim_token = ?3) OR status IN ('PENDING', 'FAILED'))""")
                .setParameter(1, at).setParameter(2, d.id()).setParameter(3, d.claimToken()).executeUpdate();
        if (changed == 0) {
            return null;
        }
        return members(d, "SENT", at, null);
    }

    /**
     * The attempt failed: PENDING again due at {@code retryAt}, or FAILED with {@code retryAt} null (then its deliveries
     * FAILED too; returned). Null when the claim was no longer ours (nothing changed).
     */
    public List<UUID> markFailed(ClaimedDigest d, String error, Instant retryAt, Instant now) {
        int changed = sql("""
                        UPDATE digest SET status = ?1, last_error = ?2, not_before = COALESCE(?3, not_before), updated_at = ?4,
                               claim_token = NULL, lease_until = NULL
                        WHERE id = ?5 AND status = 'SENDING' AND claim_token = ?6""")
                .setParameter(1, retryAt == null ? "FAILED" : "PENDING").setParameter(2, error).setParameter(3, retryAt, Instant.class)
                .setParameter(4, now).setParameter(5, d.id()).setParameter(6, d.claimToken()).executeUpdate();
        if (changed == 0) {
            return null;
        }
        return retryAt == null ? members(d, "FAILED", now, error) : List.of();
    }

    /** Nothing left to list (every escalation withdrawn since): CANCELLED, no email. False when not ours. */
    public boolean cancel(ClaimedDigest d, Instant now) {
        return sql("""
                        UPDATE digest SET status = 'CANCELLED', updated_at = ?1, claim_token = NULL, lease_until = NULL
                        WHERE id = ?2 AND status = 'SENDING' AND claim_token = ?3""")
                .setParameter(1, now).setParameter(2, d.id()).setParameter(3, d.claimToken()).executeUpdate() == 1;
    }

    /** SENDING digests past their lease go back to PENDING (due now) or, with no attempt left, to FAILED; returns how many. */
    public int releaseExpired(Instant now, int maxAttempts, String error) {
        return sql("""
                        WITH expired AS (
                            SELECT id FROM digest WHERE status = 'SENDING' AND lease_until < ?1 FOR UPDATE SKIP LOCKED)
                        UPDATE digest g SET status = CASE WHEN g.attempts >= ?2 THEN 'FAILED' ELSE 'PENDING' END,
                               last_error = 'attempt ' || g.attempts || ': ' || ?3, not_before = ?1, updated_at = ?1,
                               claim_token = NULL, lease_until = NULL
                        FROM expired WHERE g.id = expired.id""")
                .setParameter(1, now).setParameter(2, maxAttempts).setParameter(3, error).executeUpdate();
    }

    /** The digest's deliveries still DIGEST take the digest's outcome (and Message-ID); returns their ids. */
    private List<UUID> members(ClaimedDigest d, String status, Instant at, String error) {
        return sql("""
                        UPDATE delivery SET status = ?1, updated_at = ?2, sent_at = ?7,
                               smtp_message_id = ?3, attempts = ?4, last_error = ?5
                        WHERE digest_id = ?6 AND status = 'DIGEST' RETURNING id""")
                .setParameter(1, status).setParameter(2, at).setParameter(3, d.messageId()).setParameter(4, d.attempts())
                .setParameter(5, error, String.class).setParameter(6, d.id())
                .setParameter(7, "SENT".equals(status) ? at : null, Instant.class)
                .addScalar("id", UUID.class).getResultList().stream().map(UUID.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    private NativeQuery<Object> sql(String sql) {
        return em.createNativeQuery(sql).unwrap(NativeQuery.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(NativeQuery<Object> query) {
        return (List<Object[]>) (List<?>) query.getResultList();
    }
}
