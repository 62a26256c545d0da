package crampwatch.common.audit;

import crampwatch.common.logging.Logs;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
    AuditRepository entries;

    Clock clock = Clock.systemUTC();

    public void record(String actor, String patientId, String action, String outcome) {
        AuditEntry entry = new AuditEntry();
        entry.actor = actor;
        entry.patientId = patientId;
        entry.action = action;
        entry.outcome = outcome;
        entry.at = clock.instant();
        try {
            QuarkusTransaction.requiringNew().run(() -> entries.persist(entry));
        } catch (RuntimeException e) {
            Log.errorf(Logs.redacted(e), "Could not write the audit row for %s %s on patient %s", Logs.safe(actor), action,
                    Logs.safe(patientId));
            throw e;
        }
    }
}
