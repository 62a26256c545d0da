package crampwatch.common.audit;

import io.agroal.api.AgroalDataSource;
import crampwatch.common.logging.Logs;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * Writes the audit trail (table {@code audit_log}, created by each service's migrations): who read or
 * changed which patient's data, what they did, when, and whether it was allowed. The row is written in
 * its own transaction, so it stays even when the business transaction rolls back.
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    AgroalDataSource dataSource;

    Clock clock = Clock.systemUTC();

    public void record(String actor, String patientId, String action, String outcome) {
        Instant now = clock.instant();
        try {
            QuarkusTransaction.requiringNew().run(() -> insert(actor, patientId, action, outcome, now));
        } catch (RuntimeException e) {
            Log.errorf(Logs.redacted(e), "Could not write the audit row for %s %s on patient %s", Logs.safe(actor), action,
                    Logs.safe(patientId));
            throw e;
        }
    }

    private void insert(String actor, String patientId, String action, String outcome, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO audit_log (actor, patient_id, action, outcome, at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, actor);
            ps.setString(2, patientId);
            ps.setString(3, action);
            ps.setString(4, outcome);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("audit insert failed", e);
        }
    }
}
