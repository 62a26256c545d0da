package crampwatch.common.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** The audit trail's table. */
@ApplicationScoped
public class AuditRepository implements PanacheRepository<AuditEntry> {
}
