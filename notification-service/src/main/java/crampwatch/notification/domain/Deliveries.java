package crampwatch.notification.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery table and its companions (processed events, withdrawn escalations), in plain SQL.
 * Every method runs in the caller's transaction; the sender opens one short transaction per step.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Deliveries {

    @Inject
    AgroalDataSource dataSource;

    public boolean isWithdrawn(UUID escalationId) {
        return exists("SELECT 1 FROM withdrawn_escalation WHERE escalation_id = ?", escalationId);
    }

    public void markWithdrawn(UUID escalationId, Instant at) {
        update("INSERT INTO withdrawn_escalation (escalation_id, withdrawn_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                escalationId, at);
    }

    /** Inserts the delivery unless one exists for the same escalation and recipient; true when inserted. */
    public boolean insert(NewDelivery d, Instant now) {
        return insertReturningId(d, now) != null;
    }

    /** As {@link #insert}, returning the new row's id, or null when a delivery for this escalation and recipient exists. */
    public UUID insertReturningId(NewDelivery d, Instant now) {
        UUID id = UUID.randomUUID();
        boolean inserted = update("""
                INSERT INTO delivery (id, escalation_id, event_id, patient_id, recipient, audience, level, rule, reason,
                                      raised_at, episode_started_at, episode_started_offset_secs, status, attempts,
                                      not_before, created_at, updated_at, triggered_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS timestamptz), CAST(? AS integer), ?, 0, ?, ?, ?, CAST(? AS uuid))
                ON CONFLICT DO NOTHING""",
                id, d.escalationId(), d.eventId(), d.patientId(), d.recipient(),
                d.audience() == null ? null : d.audience().name(), d.level().name(), d.rule(), d.reason(), d.raisedAt(),
                d.episodeStartedAt() == null ? null : d.episodeStartedAt().toInstant(),
                d.episodeStartedAt() == null ? null : d.episodeStartedAt().getOffset().getTotalSeconds(),
                d.status().name(), d.notBefore(), now, now, d.triggeredBy()) == 1;
        return inserted ? id : null;
    }

    /**
     * How many of the given escalations this service has seen raised (they have a delivery row of any status: every
     * EscalationRaised writes at least one, NO_RECIPIENT when nobody wants it).
     */
    public int seenOf(List<UUID> escalationIds) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(DISTINCT escalation_id) FROM delivery WHERE escalation_id = ANY (?)")) {
            bind(ps, (Object) escalationIds.toArray(new UUID[0]));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the escalations seen", e);
        }
    }

    /**
     * The last escalation an episode's arrival raised has been seen: its group's PENDING deliveries that were held
     * for it become due now. Returns how many.
     */
    public int releaseGroup(String patientId, UUID triggeredBy, Instant now) {
        return update("UPDATE delivery SET not_before = ?, updated_at = ? WHERE patient_id = ? AND triggered_by = ? "
                + "AND status = 'PENDING' AND not_before > ?", now, now, patientId, triggeredBy, now);
    }

    /** PENDING deliveries of the escalation become CANCELLED; returns their ids. */
    public List<UUID> cancelPending(UUID escalationId, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE delivery SET status = 'CANCELLED', updated_at = ? WHERE escalation_id = ? AND status = 'PENDING' RETURNING id")) {
            bind(ps, now, escalationId);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("could not cancel the pending deliveries", e);
        }
    }

    /** A group member's rank: a higher level leads the email; among equals, the lowest id. */
    private static final String RANK = "CASE %s.level WHEN 'URGENT' THEN 2 ELSE 1 END";

    /**
     * Claims the next due delivery, if any: PENDING → SENDING with one more attempt counted, the
     * Message-ID fixed, a fresh claim token and a lease until {@code leaseUntil}. Rows another sender
     * is claiming are skipped ({@code FOR UPDATE SKIP LOCKED}). One email per claim, so a lease starts
     * when its own turn comes, never while it waits behind others in a batch.
     *
     * <p>One email per episode: a delivery with {@code triggered_by} is claimable only as its group's leader (no
     * PENDING or SENDING delivery of the same patient, episode, audience and recipient ranks above it), and its
     * claim takes the group's other PENDING deliveries with it, under the same token, lease and Message-ID. Another
     * sender never claims a member on its own: while the leader is PENDING (or SENDING) the member is not a leader.
     */
    public Optional<ClaimedDelivery> claimNext(Instant now, Instant leaseUntil, String messageIdDomain) {
        String sql = """
                WITH due AS (
                    SELECT d0.id FROM delivery d0 WHERE d0.status = 'PENDING' AND d0.not_before <= ?
                      AND (d0.triggered_by IS NULL OR NOT EXISTS (
                          SELECT 1 FROM delivery s
                          WHERE s.patient_id = d0.patient_id AND s.triggered_by = d0.triggered_by
                            AND s.audience = d0.audience AND lower(s.recipient) = lower(d0.recipient) AND s.id <> d0.id
                            AND s.status IN ('PENDING', 'SENDING')
                            AND (%1$s > %2$s OR (%1$s = %2$s AND s.id < d0.id))))
                    ORDER BY d0.not_before, d0.id LIMIT 1 FOR UPDATE SKIP LOCKED)
                UPDATE delivery d SET status = 'SENDING', attempts = d.attempts + 1, claimed_at = ?, updated_at = ?,
                       claim_token = ?, lease_until = ?, smtp_message_id = '<' || d.id::text || '@' || ? || '>'
                FROM due WHERE d.id = due.id
                RETURNING d.id, d.claim_token, d.escalation_id, d.patient_id, d.recipient, d.audience, d.level, d.rule,
                          d.reason, d.raised_at, d.attempts, d.smtp_message_id, d.episode_started_at,
                          d.episode_started_offset_secs, d.triggered_by""".formatted(RANK.formatted("s"), RANK.formatted("d0"));
        ClaimedDelivery leader;
        UUID triggeredBy;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, now, now, now, UUID.randomUUID(), leaseUntil, messageIdDomain);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                leader = new ClaimedDelivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), Audience.valueOf(rs.getString(6)),
                        Level.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(),
                        episodeStart(rs, 13, 14), rs.getInt(11), rs.getString(12), List.of());
                triggeredBy = rs.getObject(15, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim a delivery", e);
        }
        return Optional.of(triggeredBy == null ? leader : leader.withOthers(claimGroup(leader, triggeredBy, now, leaseUntil)));
    }

    /** The rest of the leader's group, PENDING → SENDING under the leader's token, lease and Message-ID. */
    private List<ClaimedDelivery.Part> claimGroup(ClaimedDelivery leader, UUID triggeredBy, Instant now, Instant leaseUntil) {
        String sql = """
                UPDATE delivery SET status = 'SENDING', attempts = attempts + 1, claimed_at = ?, updated_at = ?,
                       claim_token = ?, lease_until = ?, smtp_message_id = ?
                WHERE patient_id = ? AND triggered_by = ? AND audience = ? AND lower(recipient) = lower(?)
                  AND status = 'PENDING' AND id <> ?
                RETURNING id, escalation_id, level, rule, reason, episode_started_at, episode_started_offset_secs""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, now, now, leader.claimToken(), leaseUntil, leader.messageId(), leader.patientId(), triggeredBy,
                    leader.audience().name(), leader.recipient(), leader.id());
            List<ClaimedDelivery.Part> parts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parts.add(new ClaimedDelivery.Part(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            Level.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), episodeStart(rs, 6, 7)));
                }
            }
            return parts;
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim the rest of a delivery group", e);
        }
    }

    /**
     * Extends the lease of a claim that is still ours (SENDING under this token), right before the
     * message is handed to SMTP. False when the row is no longer ours: then it must not be sent.
     */
    public boolean renewLease(UUID id, UUID claimToken, Instant leaseUntil, Instant now) {
        return update("UPDATE delivery SET lease_until = ?, updated_at = ? WHERE id = ? AND status = 'SENDING' AND claim_token = ?",
                leaseUntil, now, id, claimToken) == 1;
    }

    /**
     * The server accepted the message: SENT. Under our own claim as a rule; and also when our lease had
     * been taken away in the meantime and the row waits as PENDING or FAILED again — the mail is out,
     * and recording it keeps it from being sent a second time. False when the row is SENT already, or
     * another sender has claimed it since (that sender records its own outcome).
     */
    public boolean markSent(UUID id, UUID claimToken, Instant at) {
        return update("UPDATE delivery SET status = 'SENT', sent_at = ?, updated_at = ?, last_error = NULL, claim_token = NULL, "
                + "lease_until = NULL WHERE id = ? AND ((status = 'SENDING' AND claim_token = ?) OR status IN ('PENDING', 'FAILED'))",
                at, at, id, claimToken) == 1;
    }

    /**
     * SENDING → PENDING again (due at {@code retryAt}), or FAILED when {@code retryAt} is null; only
     * under our own claim. False when the claim was no longer ours (the sweep has released it).
     */
    public boolean markAttemptFailed(UUID id, UUID claimToken, String error, Instant retryAt, Instant now) {
        if (retryAt == null) {
            return update("UPDATE delivery SET status = 'FAILED', last_error = ?, updated_at = ?, claim_token = NULL, lease_until = NULL "
                    + "WHERE id = ? AND status = 'SENDING' AND claim_token = ?", error, now, id, claimToken) == 1;
        }
        return update("UPDATE delivery SET status = 'PENDING', last_error = ?, not_before = ?, updated_at = ?, claim_token = NULL, "
                + "lease_until = NULL WHERE id = ? AND status = 'SENDING' AND claim_token = ?", error, retryAt, now, id, claimToken) == 1;
    }

    /** A SENDING row whose lease ran out, as the sweep left it. */
    public record Released(UUID id, UUID escalationId, Level level, DeliveryStatus status, int attempts) {
    }

    /**
     * SENDING rows past their lease: their sender stopped or stalled. The attempt stays counted; the row
     * goes back to PENDING (due now, same Message-ID) or, with no attempts left, to FAILED. Rows claimed
     * by an instance that predates leases (no {@code lease_until}) expire {@code defaultLease} after their
     * claim. {@code FOR UPDATE SKIP LOCKED}: a sender renewing or recording the row right now wins.
     */
    public List<Released> releaseExpired(Instant now, java.time.Duration defaultLease, int maxAttempts, String error) {
        String sql = """
                WITH expired AS (
                    SELECT id FROM delivery
                    WHERE status = 'SENDING' AND COALESCE(lease_until, claimed_at + make_interval(secs => ?)) < ?
                    FOR UPDATE SKIP LOCKED)
                UPDATE delivery d SET status = CASE WHEN d.attempts >= ? THEN 'FAILED' ELSE 'PENDING' END,
                       last_error = 'attempt ' || d.attempts || ': ' || ?, not_before = ?, updated_at = ?,
                       claim_token = NULL, lease_until = NULL
                FROM expired WHERE d.id = expired.id
                RETURNING d.id, d.escalation_id, d.level, d.status, d.attempts""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, (double) defaultLease.toMillis() / 1000.0, now, maxAttempts, error, now, now);
            List<Released> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Released(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), Level.valueOf(rs.getString(3)),
                            DeliveryStatus.valueOf(rs.getString(4)), rs.getInt(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not release expired claims", e);
        }
    }

    /** Every delivery of one escalation (for a resend), oldest first. */
    public List<EscalationDelivery> ofEscalation(UUID escalationId) {
        String sql = """
                SELECT id, event_id, patient_id, recipient, status, level, rule, reason, raised_at, episode_started_at,
                       episode_started_offset_secs
                FROM delivery WHERE escalation_id = ? ORDER BY created_at, id""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, escalationId);
            List<EscalationDelivery> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EscalationDelivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), DeliveryStatus.valueOf(rs.getString(5)), Level.valueOf(rs.getString(6)),
                            rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant(), episodeStart(rs, 10, 11)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the deliveries of an escalation", e);
        }
    }

    /** One delivery of an escalation, with what a resend needs to write another for the same escalation. */
    public record EscalationDelivery(UUID id, UUID eventId, String patientId, String recipient, DeliveryStatus status,
                                     Level level, String rule, String reason, Instant raisedAt, OffsetDateTime episodeStartedAt) {
    }

    /** The episode's reported start (instant and offset), or null when the event did not carry it. */
    private static OffsetDateTime episodeStart(ResultSet rs, int at, int offsetSecs) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(at);
        int offset = rs.getInt(offsetSecs);
        return t == null || rs.wasNull() ? null : t.toInstant().atOffset(ZoneOffset.ofTotalSeconds(offset));
    }

    /** FAILED → PENDING, due now, attempts reset, audience as routed now. False when it was no longer FAILED. */
    public boolean requeueFailed(UUID id, Audience audience, Instant now) {
        return update("UPDATE delivery SET status = 'PENDING', attempts = 0, not_before = ?, updated_at = ?, audience = ?, "
                + "claim_token = NULL, lease_until = NULL WHERE id = ? AND status = 'FAILED'", now, now, audience.name(), id) == 1;
    }

    /** The given deliveries as the log shows them. */
    public List<DeliveryRecord> byIds(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return page(null, null, null, null, Integer.MAX_VALUE, ids);
    }

    /** Count of deliveries not yet resolved (PENDING or SENDING) and the creation time of the oldest. */
    public Backlog backlog() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*), min(created_at) FROM delivery WHERE status IN ('PENDING', 'SENDING')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp oldest = rs.getTimestamp(2);
            return new Backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant());
        } catch (SQLException e) {
            throw new IllegalStateException("could not count pending deliveries", e);
        }
    }

    public record Backlog(long pending, Instant oldestCreatedAt) {
    }

    /** One page of the log, newest first, after the keyset ({@code afterCreatedAt}, {@code afterId}) when given. */
    public List<DeliveryRecord> page(String patientId, DeliveryStatus status, Instant afterCreatedAt, UUID afterId, int limit) {
        return page(patientId, status, afterCreatedAt, afterId, limit, null);
    }

    private List<DeliveryRecord> page(String patientId, DeliveryStatus status, Instant afterCreatedAt, UUID afterId, int limit,
                                      List<UUID> ids) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, escalation_id, patient_id, recipient, audience, level, rule, status, attempts, last_error,
                       not_before, created_at, sent_at, smtp_message_id FROM delivery WHERE true""");
        List<Object> params = new ArrayList<>();
        if (patientId != null) {
            sql.append(" AND patient_id = ?");
            params.add(patientId);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.name());
        }
        if (ids != null) {
            sql.append(" AND id = ANY (?)");
            params.add(ids.toArray(new UUID[0]));
        }
        if (afterCreatedAt != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            params.add(afterCreatedAt);
            params.add(afterId);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        params.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params.toArray());
            List<DeliveryRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String audience = rs.getString(5);
                    DeliveryStatus st = DeliveryStatus.valueOf(rs.getString(8));
                    out.add(new DeliveryRecord(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), audience == null ? null : Audience.valueOf(audience), Level.valueOf(rs.getString(6)),
                            rs.getString(7), st, rs.getInt(9), rs.getString(10),
                            st == DeliveryStatus.PENDING ? instant(rs.getTimestamp(11)) : null, instant(rs.getTimestamp(12)),
                            instant(rs.getTimestamp(13)), rs.getString(14)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the delivery log", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("delivery store update failed", e);
        }
    }

    private boolean exists(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("delivery store query failed", e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else if (p instanceof UUID[] uuids) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("uuid", uuids));
            } else if (p instanceof Instant instant) {
                ps.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
