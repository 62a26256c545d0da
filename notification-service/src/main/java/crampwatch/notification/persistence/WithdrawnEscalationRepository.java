package crampwatch.notification.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * The escalations withdrawn here ({@code withdrawn_escalation}): a late EscalationRaised for one of them writes no mail.
 * In the caller's transaction.
 */
@ApplicationScoped
public class WithdrawnEscalationRepository implements PanacheRepositoryBase<WithdrawnEscalationEntity, UUID> {

    public boolean isWithdrawn(UUID escalationId) {
        return count("escalationId", escalationId) > 0;
    }

    /**
     * Remembers the withdrawal. Native {@code INSERT … ON CONFLICT DO NOTHING}: a redelivered or concurrent withdrawal of
     * the same escalation keeps the first row instead of failing the transaction on the key.
     */
    public void markWithdrawn(UUID escalationId, Instant at) {
        getEntityManager().createNativeQuery(
                        "INSERT INTO withdrawn_escalation (escalation_id, withdrawn_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, escalationId).setParameter(2, at).executeUpdate();
    }
}
