package crampwatch.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Where an alert's time goes, hop by hop, from the timestamps the services store themselves (same
 * machine, same clock): episode {@code recorded_at} (episode-service) → escalation {@code raised_at}
 * (advice-service) → delivery {@code created_at} (notification-service consumed it) → {@code claimed_at}
 * (the delivery sender picked it up) → {@code sent_at} (SMTP done).
 */
final class Hops {

    private Hops() {
    }

    /** Histograms (ns) per hop for the alert patients whose id starts with {@code prefix}. */
    static Map<String, Histogram> measure(String user, String episodesUrl, String adviceUrl, String notificationsUrl, String prefix)
            throws SQLException {
        Map<String, Timestamp> recorded = times(episodesUrl, user,
                "SELECT patient_id, min(recorded_at) FROM episode WHERE patient_id LIKE ? GROUP BY patient_id", prefix);
        Map<String, Timestamp> raised = times(adviceUrl, user,
                "SELECT patient_id, min(raised_at) FROM escalation WHERE patient_id LIKE ? AND level = 'URGENT' GROUP BY patient_id", prefix);
        Map<String, Timestamp> created = times(notificationsUrl, user,
                "SELECT patient_id, min(created_at) FROM delivery WHERE patient_id LIKE ? AND recipient IS NOT NULL GROUP BY patient_id", prefix);
        Map<String, Timestamp> claimed = times(notificationsUrl, user,
                "SELECT patient_id, min(claimed_at) FROM delivery WHERE patient_id LIKE ? AND recipient IS NOT NULL GROUP BY patient_id", prefix);
        Map<String, Timestamp> sent = times(notificationsUrl, user,
                "SELECT patient_id, min(sent_at) FROM delivery WHERE patient_id LIKE ? AND recipient IS NOT NULL GROUP BY patient_id", prefix);
        Map<String, Histogram> out = new LinkedHashMap<>();
        out.put("episode stored → escalation raised (Kafka hop 1 + advice-service)", between(recorded, raised));
        out.put("escalation raised → delivery stored (Kafka hop 2 + notification-service)", between(raised, created));
        out.put("delivery stored → picked up by the sender (poll wait)", between(created, claimed));
        out.put("picked up → sent (render + SMTP)", between(claimed, sent));
        return out;
    }

    private static Histogram between(Map<String, Timestamp> from, Map<String, Timestamp> to) {
        Histogram h = new Histogram(3);
        from.forEach((patient, a) -> {
            Timestamp b = to.get(patient);
            if (a != null && b != null) {
                long ns = (b.getTime() - a.getTime()) * 1_000_000L + (b.getNanos() % 1_000_000 - a.getNanos() % 1_000_000);
                h.recordValue(Math.max(0, ns));
            }
        });
        return h;
    }

    private static Map<String, Timestamp> times(String url, String user, String sql, String prefix) throws SQLException {
        Map<String, Timestamp> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, ""); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getTimestamp(2));
                }
            }
        }
        return out;
    }
}
