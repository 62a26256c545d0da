package crampwatch.notification.persistence;

import crampwatch.notification.domain.Audience;
import crampwatch.notification.domain.ClaimedDelivery;
import crampwatch.notification.domain.DeliveryBacklog;
import crampwatch.notification.domain.DeliveryRecord;
import crampwatch.notification.domain.DeliveryState;
import crampwatch.notification.domain.DeliveryStatus;
import crampwatch.notification.domain.EscalationDelivery;
import crampwatch.notification.domain.Level;
import crampwatch.notification.domain.NewDelivery;
import crampwatch.notification.domain.ReleasedDelivery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/**
 * The delivery table ({@code delivery}), in the caller's transaction and Hibernate session. Reads and the simple
 * updates are Panache/HQL; native SQL where it is the right tool: the insert that yields to an existing delivery
 * ({@code ON CONFLICT}), the claims ({@code FOR UPDATE SKIP LOCKED} with the group's leader rule), the lease sweep,
 * and the updates of a claim's rows that must say "only if still ours" and report which rows they changed
 * ({@code RETURNING}). A claimed group is renewed and recorded in one statement under its claim token.
 * Every result is a domain value; entities never leave this package.
 */
@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<DeliveryEntity, UUID> {

    /** A group member's rank: a higher level leads the email; among equals, the lowest id. */
    private static final String RANK = "CASE %s.level WHEN 'URGENT' THEN 2 ELSE 1 END";

    /**
     * Inserts the delivery unless one exists for the same escalation, step and recipient (the unique index on
     * {@code (escalation_id, step, lower(recipient))} decides, whoever comes first); returns the new row's id, or null.
     */
    public UUID insert(NewDelivery d, Instant now) {
        UUID id = UUID.randomUUID();
        int inserted = nativeSql("""
                        INSERT INTO delivery (id, escalation_id, event_id, patient_id, recipient, audience, level, rule, reason,
                                              raised_at, episode_started_at, episode_started_offset_secs, status, attempts,
                                              not_before, created_at, updated_at, triggered_by, step, quiet_until)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0, ?14, ?15, ?15, ?16, ?17, ?18)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, id).setParameter(2, d.escalationId()).setParameter(3, d.eventId())
                .setParameter(4, d.patientId()).setParameter(5, d.recipient(), String.class)
                .setParameter(6, d.audience() == null ? null : d.audience().name(), String.class)
                .setParameter(7, d.level().name()).setParameter(8, d.rule()).setParameter(9, d.reason())
                .setParameter(10, d.raisedAt())
                .setParameter(11, d.episodeStartedAt() == null ? null : d.episodeStartedAt().toInstant(), Instant.class)
                .setParameter(12, d.episodeStartedAt() == null ? null : d.episodeStartedAt().getOffset().getTotalSeconds(),
                        Integer.class)
                .setParameter(13, d.status().name()).setParameter(14, d.notBefore()).setParameter(15, now)
                .setParameter(16, d.triggeredBy(), UUID.class).setParameter(17, d.step())
                .setParameter(18, d.quietUntil(), Instant.class)
                .executeUpdate();
        return inserted == 1 ? id : null;
    }

    /**
     * How many of the given escalations this service has seen raised (they have a delivery row of any status: every
     * EscalationRaised writes at least one, NO_RECIPIENT when nobody wants it).
     */
    public int seenOf(Collection<UUID> escalationIds) {
        if (escalationIds.isEmpty()) {
            return 0;
        }
        return getEntityManager()
                .createQuery("select count(distinct d.escalationId) from DeliveryEntity d where d.escalationId in ?1", Long.class)
                .setParameter(1, escalationIds).getSingleResult().intValue();
    }

    /**
     * The last escalation an episode's arrival raised has been seen: its group's PENDING deliveries that were held
     * for it become due at {@code due}, never before the end of the patient's quiet hours they wait for
     * ({@code quiet_until}). Returns how many.
     */
    public int releaseGroup(String patientId, UUID triggeredBy, Instant due) {
        return nativeSql("""
                        UPDATE delivery SET not_before = GREATEST(?1, COALESCE(quiet_until, ?1)), updated_at = ?1
                        WHERE patient_id = ?2 AND triggered_by = ?3 AND status = 'PENDING'
                          AND not_before > GREATEST(?1, COALESCE(quiet_until, ?1))""")
                .setParameter(1, due).setParameter(2, patientId).setParameter(3, triggeredBy).executeUpdate();
    }

    /**
     * PENDING deliveries of the escalation become CANCELLED, and so do those owed to a digest (DIGEST) that has not been
     * sent yet (a digest lists only what is still open when it goes out); returns their ids.
     */
    public List<UUID> cancelPending(UUID escalationId, Instant now) {
        return ids(nativeSql("""
                        UPDATE delivery SET status = 'CANCELLED', updated_at = ?1 WHERE escalation_id = ?2 AND status IN ('PENDING', 'DIGEST')
                        RETURNING id""")
                .setParameter(1, now).setParameter(2, escalationId));
    }

    /**
     * The escalation's deliveries still owed to a clinician's daily digest ({@code DIGEST}, not yet sent) become
     * CANCELLED: an acknowledged escalation is no longer open, so no digest lists it. Returns their ids.
     */
    public List<UUID> cancelOwedToDigest(UUID escalationId, Instant now) {
        return ids(nativeSql("""
                        UPDATE delivery SET status = 'CANCELLED', updated_at = ?1 WHERE escalation_id = ?2 AND status = 'DIGEST'
                        RETURNING id""")
                .setParameter(1, now).setParameter(2, escalationId));
    }

    /** PENDING deliveries of the escalation's chain steps (step 1 and later) become CANCELLED; returns their ids. */
    public List<UUID> cancelPendingSteps(UUID escalationId, Instant now) {
        return ids(nativeSql("""
                        UPDATE delivery SET status = 'CANCELLED', updated_at = ?1
                        WHERE escalation_id = ?2 AND status = 'PENDING' AND step > 0
                        RETURNING id""")
                .setParameter(1, now).setParameter(2, escalationId));
    }

    /**
     * Claims the next due delivery, if any: PENDING → SENDING with one more attempt counted, the Message-ID fixed, a
     * fresh claim token and a lease until {@code leaseUntil}. Rows another sender is claiming are skipped
     * ({@code FOR UPDATE SKIP LOCKED}). One email per claim, so a lease starts when its own turn comes, never while it
     * waits behind others in a batch.
     *
     * <p>One email per episode: a delivery with {@code triggered_by} is claimable only as its group's leader (no
     * PENDING or SENDING delivery of the same patient, episode, audience and recipient ranks above it), and its claim
     * takes the group's other PENDING deliveries with it, under the same token, lease and Message-ID. Another sender
     * never claims a member on its own: while the leader is PENDING (or SENDING) the member is not a leader.
     */
    public Optional<ClaimedDelivery> claimNext(Instant now, Instant leaseUntil, String messageIdDomain) {
        String sql = """
                WITH due AS (
                    SELECT d0.id FROM delivery d0 WHERE d0.status = 'PENDING' AND d0.not_before <= ?1
                      AND (d0.triggered_by IS NULL OR NOT EXISTS (
                          SELECT 1 FROM delivery s
                          WHERE s.patient_id = d0.patient_id AND s.triggered_by = d0.triggered_by
                            AND s.audience = d0.audience AND lower(s.recipient) = lower(d0.recipient) AND s.id <> d0.id
                            AND s.status IN ('PENDING', 'SENDING')
                            AND (%1$s > %2$s OR (%1$s = %2$s AND s.id < d0.id))))
                    ORDER BY d0.not_before, d0.id LIMIT 1 FOR UPDATE SKIP LOCKED)
                UPDATE delivery d SET status = 'SENDING', attempts = d.attempts + 1, claimed_at = ?1, updated_at = ?1,
                       claim_token = ?2, lease_until = ?3, smtp_message_id = '<' || d.id::text || '@' || ?4 || '>'
                FROM due WHERE d.id = due.id
                RETURNING d.id, d.claim_token, d.escalation_id, d.patient_id, d.recipient, d.audience, d.level, d.rule,
                          d.reason, d.raised_at, d.attempts, d.smtp_message_id, d.episode_started_at,
                          d.episode_started_offset_secs, d.triggered_by, d.step""".formatted(RANK.formatted("s"), RANK.formatted("d0"));
        List<Object[]> found = rows(nativeSql(sql)
                .setParameter(1, now).setParameter(2, UUID.randomUUID()).setParameter(3, leaseUntil).setParameter(4, messageIdDomain)
                .addScalar("id", UUID.class).addScalar("claim_token", UUID.class).addScalar("escalation_id", UUID.class)
                .addScalar("patient_id", String.class).addScalar("recipient", String.class).addScalar("audience", String.class)
                .addScalar("level", String.class).addScalar("rule", String.class).addScalar("reason", String.class)
                .addScalar("raised_at", Instant.class).addScalar("attempts", Integer.class)
                .addScalar("smtp_message_id", String.class).addScalar("episode_started_at", Instant.class)
                .addScalar("episode_started_offset_secs", Integer.class).addScalar("triggered_by", UUID.class)
                .addScalar("step", Integer.class));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = found.get(0);
        ClaimedDelivery leader = new ClaimedDelivery((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4],
                Audience.valueOf((String) r[5]), Level.valueOf((String) r[6]), (String) r[7], (String) r[8], (Instant) r[9],
                DeliveryEntity.episodeStart((Instant) r[12], (Integer) r[13]), (Integer) r[10], (String) r[11], List.of(),
                (Integer) r[15]);
        UUID triggeredBy = (UUID) r[14];
        return Optional.of(triggeredBy == null ? leader : leader.withOthers(claimGroup(leader, triggeredBy, now, leaseUntil)));
    }

    /** The rest of the leader's group, PENDING → SENDING under the leader's token, lease and Message-ID, in one statement. */
    private List<ClaimedDelivery.Part> claimGroup(ClaimedDelivery leader, UUID triggeredBy, Instant now, Instant leaseUntil) {
        List<Object[]> found = rows(nativeSql("""
                        UPDATE delivery SET status = 'SENDING', attempts = attempts + 1, claimed_at = ?1, updated_at = ?1,
                               claim_token = ?2, lease_until = ?3, smtp_message_id = ?4
                        WHERE patient_id = ?5 AND triggered_by = ?6 AND audience = ?7 AND lower(recipient) = lower(?8)
                          AND status = 'PENDING' AND id <> ?9
                        RETURNING id, escalation_id, level, rule, reason, episode_started_at, episode_started_offset_secs""")
                .setParameter(1, now).setParameter(2, leader.claimToken()).setParameter(3, leaseUntil)
                .setParameter(4, leader.messageId()).setParameter(5, leader.patientId()).setParameter(6, triggeredBy)
                .setParameter(7, leader.audience().name()).setParameter(8, leader.recipient()).setParameter(9, leader.id())
                .addScalar("id", UUID.class).addScalar("escalation_id", UUID.class).addScalar("level", String.class)
                .addScalar("rule", String.class).addScalar("reason", String.class)
                .addScalar("episode_started_at", Instant.class).addScalar("episode_started_offset_secs", Integer.class));
        List<ClaimedDelivery.Part> parts = new ArrayList<>(found.size());
        for (Object[] r : found) {
            parts.add(new ClaimedDelivery.Part((UUID) r[0], (UUID) r[1], Level.valueOf((String) r[2]), (String) r[3],
                    (String) r[4], DeliveryEntity.episodeStart((Instant) r[5], (Integer) r[6])));
        }
        return parts;
    }

    /**
     * Extends the lease of every delivery of a claim that is still ours, right before the message is handed to SMTP:
     * the leader if it is SENDING under this token, and then, in the same statement, the claim's other rows still
     * SENDING under it. False when the leader is no longer ours: then nothing is renewed and the email must not be sent.
     */
    public boolean renewClaim(ClaimedDelivery claim, Instant leaseUntil, Instant now) {
        return ids(nativeSql("""
                        WITH leader AS (
                            UPDATE delivery SET lease_until = ?1, updated_at = ?2
                            WHERE id = ?3 AND status = 'SENDING' AND claim_token = ?4 RETURNING id),
                        members AS (
                            UPDATE delivery SET lease_until = ?1, updated_at = ?2
                            WHERE claim_token = ?4 AND status = 'SENDING' AND id <> ?3 AND EXISTS (SELECT 1 FROM leader)
                            RETURNING id)
                        SELECT id FROM leader UNION ALL SELECT id FROM members""")
                .setParameter(1, leaseUntil).setParameter(2, now).setParameter(3, claim.id()).setParameter(4, claim.claimToken()))
                .contains(claim.id());
    }

    /** The rows a claim's outcome was recorded on, and whether the claim was still ours (its leader among them). */
    public record Recorded(boolean ours, List<UUID> ids) {
    }

    /**
     * The server accepted the message: every delivery of the claim is SENT, in one statement. Under our own claim as a
     * rule; and also a row whose lease had been taken away in the meantime and that waits as PENDING or FAILED again —
     * the mail is out, and recording it keeps it from being sent a second time. Not a row SENT already, or claimed by
     * another sender since (that sender records its own outcome). {@code ours}: the leader was recorded.
     */
    public Recorded markSent(ClaimedDelivery claim, Instant at) {
        List<UUID> sent = ids(nativeSql("""
                        UPDATE delivery SET status = 'SENT', sent_at = ?1, updated_at = ?1, last_error = NULL, claim_token = NULL,
                               lease_until = NULL
                        WHERE id IN (?2) AND ((status = 'SENDING' AND claim_token = ?3) OR status IN ('PENDING', 'FAILED'))
                        RETURNING id""")
                .setParameter(1, at).setParameter(2, claim.ids()).setParameter(3, claim.claimToken()));
        return new Recorded(sent.contains(claim.id()), sent);
    }

    /**
     * The attempt failed: every delivery of the claim goes SENDING → PENDING again (due at {@code retryAt}), or to FAILED
     * when {@code retryAt} is null, in one statement; only while the leader is ours (SENDING under this token), and then
     * only the rows still under the token. {@code ours} false: the claim had been released (by the lease sweep) and
     * nothing changed.
     */
    public Recorded markAttemptFailed(ClaimedDelivery claim, String error, Instant retryAt, Instant now) {
        String status = retryAt == null ? "FAILED" : "PENDING";
        List<UUID> changed = ids(nativeSql("""
                        WITH leader AS (
                            UPDATE delivery SET status = ?1, last_error = ?2, not_before = COALESCE(?3, not_before), updated_at = ?4,
                                   claim_token = NULL, lease_until = NULL
                            WHERE id = ?5 AND status = 'SENDING' AND claim_token = ?6 RETURNING id),
                        members AS (
                            UPDATE delivery SET status = ?1, last_error = ?2, not_before = COALESCE(?3, not_before), updated_at = ?4,
                                   claim_token = NULL, lease_until = NULL
                            WHERE claim_token = ?6 AND status = 'SENDING' AND id <> ?5 AND EXISTS (SELECT 1 FROM leader)
                            RETURNING id)
                        SELECT id FROM leader UNION ALL SELECT id FROM members""")
                .setParameter(1, status).setParameter(2, error).setParameter(3, retryAt, Instant.class).setParameter(4, now)
                .setParameter(5, claim.id()).setParameter(6, claim.claimToken()));
        return new Recorded(changed.contains(claim.id()), changed);
    }

    /**
     * SENDING rows past their lease: their sender stopped or stalled. The attempt stays counted; the row goes back to
     * PENDING (due now, same Message-ID) or, with no attempts left, to FAILED. Rows claimed by an instance that predates
     * leases (no {@code lease_until}) expire {@code defaultLease} after their claim. {@code FOR UPDATE SKIP LOCKED}: a
     * sender renewing or recording the row right now wins.
     */
    public List<ReleasedDelivery> releaseExpired(Instant now, Duration defaultLease, int maxAttempts, String error) {
        List<Object[]> found = rows(nativeSql("""
                        WITH expired AS (
                            SELECT id FROM delivery
                            WHERE status = 'SENDING' AND COALESCE(lease_until, claimed_at + make_interval(secs => ?1)) < ?2
                            FOR UPDATE SKIP LOCKED)
                        UPDATE delivery d SET status = CASE WHEN d.attempts >= ?3 THEN 'FAILED' ELSE 'PENDING' END,
                               last_error = 'attempt ' || d.attempts || ': ' || ?4, not_before = ?2, updated_at = ?2,
                               claim_token = NULL, lease_until = NULL
                        FROM expired WHERE d.id = expired.id
                        RETURNING d.id, d.escalation_id, d.level, d.status, d.attempts""")
                .setParameter(1, (double) defaultLease.toMillis() / 1000.0).setParameter(2, now).setParameter(3, maxAttempts)
                .setParameter(4, error)
                .addScalar("id", UUID.class).addScalar("escalation_id", UUID.class).addScalar("level", String.class)
                .addScalar("status", String.class).addScalar("attempts", Integer.class));
        List<ReleasedDelivery> out = new ArrayList<>(found.size());
        for (Object[] r : found) {
            out.add(new ReleasedDelivery((UUID) r[0], (UUID) r[1], Level.valueOf((String) r[2]), DeliveryStatus.valueOf((String) r[3]),
                    (Integer) r[4]));
        }
        return out;
    }

    /** Every delivery of one escalation's first email (step 0; for a resend), oldest first. */
    public List<EscalationDelivery> ofEscalation(UUID escalationId) {
        return find("escalationId = ?1 and step = 0 order by createdAt, id", escalationId).stream()
                .map(d -> new EscalationDelivery(d.id, d.eventId, d.patientId, d.recipient, d.status, d.level, d.rule, d.reason,
                        d.raisedAt, d.episodeStart()))
                .toList();
    }

    /** FAILED → PENDING, due now, attempts reset, audience as routed now. False when it was no longer FAILED. */
    public boolean requeueFailed(UUID id, Audience audience, Instant now) {
        return update("status = ?1, attempts = 0, notBefore = ?2, updatedAt = ?2, audience = ?3, claimToken = null, leaseUntil = null "
                + "where id = ?4 and status = ?5", DeliveryStatus.PENDING, now, audience, id, DeliveryStatus.FAILED) == 1;
    }

    /**
     * Gives each of these deliveries a new state version (sequence {@code delivery_state_version}) and returns their
     * states to publish with it (ids not found are skipped).
     */
    public List<DeliveryState> newStateVersions(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object[]> found = rows(nativeSql("""
                        UPDATE delivery SET state_version = nextval('delivery_state_version') WHERE id IN (?1)
                        RETURNING id, escalation_id, patient_id, audience, level, status, attempts, state_version, step""")
                .setParameter(1, ids)
                .addScalar("id", UUID.class).addScalar("escalation_id", UUID.class).addScalar("patient_id", String.class)
                .addScalar("audience", String.class).addScalar("level", String.class).addScalar("status", String.class)
                .addScalar("attempts", Integer.class).addScalar("state_version", Long.class).addScalar("step", Integer.class));
        List<DeliveryState> out = new ArrayList<>(found.size());
        for (Object[] r : found) {
            out.add(new DeliveryState((UUID) r[0], (UUID) r[1], (String) r[2], r[3] == null ? null : Audience.valueOf((String) r[3]),
                    Level.valueOf((String) r[4]), DeliveryStatus.valueOf((String) r[5]), (Integer) r[6], (Long) r[7], (Integer) r[8]));
        }
        return out;
    }

    /** Count of deliveries not yet resolved (PENDING or SENDING) and the creation time of the oldest. */
    public DeliveryBacklog backlog() {
        Object[] r = getEntityManager()
                .createQuery("select count(d), min(d.createdAt) from DeliveryEntity d where d.status in ?1", Object[].class)
                .setParameter(1, List.of(DeliveryStatus.PENDING, DeliveryStatus.SENDING)).getSingleResult();
        return new DeliveryBacklog(((Number) r[0]).longValue(), (Instant) r[1]);
    }

    /** The given deliveries as the log shows them. */
    public List<DeliveryRecord> byIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return page(null, null, null, null, Integer.MAX_VALUE, ids);
    }

    /** One page of the log, newest first, after the keyset ({@code afterCreatedAt}, {@code afterId}) when given. */
    public List<DeliveryRecord> page(String patientId, DeliveryStatus status, Instant afterCreatedAt, UUID afterId, int limit) {
        return page(patientId, status, afterCreatedAt, afterId, limit, null);
    }

    /**
     * The log's rows as scalar columns, never as managed entities: a read right after one of the native updates above
     * (a resend answers with the rows it requeued) must see the rows as they are now, not as the session loaded them.
     */
    private List<DeliveryRecord> page(String patientId, DeliveryStatus status, Instant afterCreatedAt, UUID afterId, int limit,
                                      Collection<UUID> ids) {
        StringBuilder hql = new StringBuilder("""
                select d.id, d.escalationId, d.patientId, d.recipient, d.audience, d.level, d.rule, d.status, d.attempts,
                       d.lastError, d.notBefore, d.createdAt, d.sentAt, d.smtpMessageId, d.step
                from DeliveryEntity d where 1 = 1""");
        if (patientId != null) {
            hql.append(" and d.patientId = :patientId");
        }
        if (status != null) {
            hql.append(" and d.status = :status");
        }
        if (ids != null) {
            hql.append(" and d.id in :ids");
        }
        if (afterCreatedAt != null) {
            hql.append(" and (d.createdAt, d.id) < (:afterCreatedAt, :afterId)"); // the keyset, on index delivery_log
        }
        hql.append(" order by d.createdAt desc, d.id desc");
        TypedQuery<Object[]> query = getEntityManager().createQuery(hql.toString(), Object[].class);
        if (patientId != null) {
            query.setParameter("patientId", patientId);
        }
        if (status != null) {
            query.setParameter("status", status);
        }
        if (ids != null) {
            query.setParameter("ids", ids);
        }
        if (afterCreatedAt != null) {
            query.setParameter("afterCreatedAt", afterCreatedAt).setParameter("afterId", afterId);
        }
        if (limit < Integer.MAX_VALUE) {
            query.setMaxResults(limit);
        }
        return query.getResultStream().map(r -> {
            DeliveryStatus st = (DeliveryStatus) r[7];
            return new DeliveryRecord((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (Audience) r[4], (Level) r[5],
                    (String) r[6], st, (Integer) r[8], (String) r[9], st == DeliveryStatus.PENDING ? (Instant) r[10] : null,
                    (Instant) r[11], (Instant) r[12], (String) r[13], (Integer) r[14]);
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private NativeQuery<Object> nativeSql(String sql) {
        return getEntityManager().createNativeQuery(sql).unwrap(NativeQuery.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(NativeQuery<Object> query) {
        return (List<Object[]>) (List<?>) query.getResultList();
    }

    /** The ids a one-column {@code RETURNING id} (or {@code SELECT id}) statement gave back. */
    private static List<UUID> ids(NativeQuery<Object> query) {
        return query.addScalar("id", UUID.class).getResultList().stream().map(UUID.class::cast).toList();
    }
}
