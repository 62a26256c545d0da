package crampwatch.advice.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The deliveries of each escalation as last reported (table {@code escalation_delivery}). */
@ApplicationScoped
public class DeliveryStateStore {

    @Inject
    AgroalDataSource dataSource;

    /** Keeps {@code state} unless a later version of the same delivery is already stored; true when stored. */
    @Transactional
    public boolean apply(DeliveryState state) {
        String sql = """
                INSERT INTO escalation_delivery (delivery_id, escalation_id, patient_id, audience, status, attempts, version, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (delivery_id) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
                    audience = excluded.audience, version = excluded.version, updated_at = excluded.updated_at
                WHERE escalation_delivery.version < excluded.version""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, state.deliveryId());
            ps.setObject(2, state.escalationId());
            ps.setString(3, state.patientId());
            ps.setString(4, state.audience());
            ps.setString(5, state.status().name());
            ps.setInt(6, state.attempts());
            ps.setLong(7, state.version());
            ps.setTimestamp(8, Timestamp.from(state.at()));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the delivery state", e);
        }
    }

    /** Per escalation, the count of its deliveries by status (escalations with none are absent). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, DeliverySummary> summaries(Collection<UUID> escalationIds) {
        Map<UUID, DeliverySummary> out = new HashMap<>();
        if (escalationIds.isEmpty()) {
            return out;
        }
        String sql = """
                SELECT escalation_id, count(*) FILTER (WHERE status = 'SENT'), count(*) FILTER (WHERE status = 'PENDING'),
                       count(*) FILTER (WHERE status = 'FAILED')
                FROM escalation_delivery WHERE escalation_id = ANY (?) GROUP BY escalation_id""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Array ids = c.createArrayOf("uuid", escalationIds.toArray());
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), new DeliverySummary(rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the delivery states", e);
        }
    }
}
