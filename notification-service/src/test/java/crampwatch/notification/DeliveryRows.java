package crampwatch.notification;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Direct reads (and a few test-only nudges) of the delivery table. */
public final class DeliveryRows {
    private DeliveryRows() {
    }

    public record Row(UUID id, String recipient, String audience, String level, String status, int attempts, String lastError,
                      Instant sentAt, String messageId) {
    }

    public static List<Row> forEscalation(AgroalDataSource ds, UUID escalationId) {
        return query(ds, "WHERE escalation_id = ? ORDER BY recipient", escalationId);
    }

    public static List<Row> forPatient(AgroalDataSource ds, String patientId) {
        return query(ds, "WHERE patient_id = ? ORDER BY created_at, recipient", patientId);
    }

    public static Row byId(AgroalDataSource ds, UUID id) {
        return query(ds, "WHERE id = ?", id).get(0);
    }

    public static int update(AgroalDataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Row> query(AgroalDataSource ds, String where, Object param) {
        String sql = "SELECT id, recipient, audience, level, status, attempts, last_error, sent_at, smtp_message_id FROM delivery "
                + where;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp sent = rs.getTimestamp(8);
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7), sent == null ? null : sent.toInstant(), rs.getString(9)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
