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

    /** Records an event id; false when it was already recorded (a redelivery). */
    public boolean markProcessed(UUID eventId, String type, Instant now) {
        return update("INSERT INTO processed_event (event_id, type, processed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                eventId, type, now) == 1;
    }

    public boolean isWithdrawn(UUID escalationId) {
        return exists("SELECT 1 FROM withdrawn_escalation WHERE escalation_id = ?", escalationId);
    }

    public void markWithdrawn(UUID escalationId, Instant at) {
        update("INSERT INTO withdrawn_escalation (escalation_id, withdrawn_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                escalationId, at);
    }

    /** Inserts the delivery unless one exists for the same escalation and recipient; true when inserted. */
    public boolean insert(NewDelivery d, Instant now) {
        return update("""
                INSERT INTO delivery (id, escalation_id, event_id, patient_id, recipient, audience, level, rule, reason,
                                      raised_at, status, attempts, not_before, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT DO NOTHING""",
                UUID.randomUUID(), d.escalationId(), d.eventId(), d.patientId(), d.recipient(),
                d.audience() == null ? null : d.audience().name(), d.level().name(), d.rule(), d.reason(), d.raisedAt(),
                d.status().name(), d.notBefore(), now, now) == 1;
    }

    /** PENDING deliveries of the escalation become CANCELLED; returns how many. */
    public int cancelPending(UUID escalationId, Instant now) {
        return update("UPDATE delivery SET status = 'CANCELLED', updated_at = ? WHERE escalation_id = ? AND status = 'PENDING'",
                now, escalationId);
    }

    /**
     * Claims up to {@code limit} due deliveries: PENDING → SENDING with one more attempt counted and
     * the Message-ID fixed. Rows another sender holds are skipped ({@code FOR UPDATE SKIP LOCKED}).
     */
    public List<ClaimedDelivery> claimDue(Instant now, int limit, String messageIdDomain) {
        String sql = """
                WITH due AS (
                    SELECT id FROM delivery WHERE status = 'PENDING' AND not_before <= ?
                    ORDER BY not_before, id LIMIT ? FOR UPDATE SKIP LOCKED)
                UPDATE delivery d SET status = 'SENDING', attempts = d.attempts + 1, claimed_at = ?, updated_at = ?,
                       smtp_message_id = '<' || d.id::text || '@' || ? || '>'
                FROM due WHERE d.id = due.id
                RETURNING d.id, d.escalation_id, d.patient_id, d.recipient, d.audience, d.level, d.rule, d.reason,
                          d.raised_at, d.attempts, d.smtp_message_id""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, now, limit, now, now, messageIdDomain);
            List<ClaimedDelivery> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ClaimedDelivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), Audience.valueOf(rs.getString(5)), Level.valueOf(rs.getString(6)),
                            rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getInt(10), rs.getString(11)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim deliveries", e);
        }
    }

    /** SENDING → SENT. False when the row was no longer SENDING. */
    public boolean markSent(UUID id, Instant at) {
        return update("UPDATE delivery SET status = 'SENT', sent_at = ?, updated_at = ?, last_error = NULL "
                + "WHERE id = ? AND status = 'SENDING'", at, at, id) == 1;
    }

    /** SENDING → PENDING again (due at {@code retryAt}), or FAILED when {@code retryAt} is null. */
    public boolean markAttemptFailed(UUID id, String error, Instant retryAt, Instant now) {
        if (retryAt == null) {
            return update("UPDATE delivery SET status = 'FAILED', last_error = ?, updated_at = ? WHERE id = ? AND status = 'SENDING'",
                    error, now, id) == 1;
        }
        return update("UPDATE delivery SET status = 'PENDING', last_error = ?, not_before = ?, updated_at = ? "
                + "WHERE id = ? AND status = 'SENDING'", error, retryAt, now, id) == 1;
    }

    /**
     * SENDING rows claimed before {@code claimedBefore} belong to a sender that died mid-send: whether
     * the server took the message is unknown, so they become FAILED rather than being sent again.
     */
    public int failAbandoned(Instant claimedBefore, Instant now, String error) {
        return update("UPDATE delivery SET status = 'FAILED', last_error = ?, updated_at = ? "
                + "WHERE status = 'SENDING' AND claimed_at < ?", error, now, claimedBefore);
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
            } else if (p instanceof Instant instant) {
                ps.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
