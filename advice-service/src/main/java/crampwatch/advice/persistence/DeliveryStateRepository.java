package crampwatch.advice.persistence;

import crampwatch.advice.domain.escalation.DeliveryState;
import crampwatch.advice.domain.escalation.DeliverySummary;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The deliveries of each escalation as last reported ({@code escalation_delivery}). */
@ApplicationScoped
public class DeliveryStateRepository implements PanacheRepositoryBase<DeliveryStateEntity, UUID> {

    /**
     * Keeps {@code state} unless a later version of the same delivery is already stored; true when stored. Native SQL in
     * the session: an upsert guarded by the version, atomic against a concurrent report of the same delivery.
     */
    public boolean apply(DeliveryState state) {
        return getEntityManager().createNativeQuery("""
                        INSERT INTO escalation_delivery (delivery_id, escalation_id, patient_id, audience, status, attempts, version, updated_at, step)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                        ON CONFLICT (delivery_id) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
                            audience = excluded.audience, version = excluded.version, updated_at = excluded.updated_at,
                            step = excluded.step
                        WHERE escalation_delivery.version < excluded.version""")
                .setParameter(1, state.deliveryId()).setParameter(2, state.escalationId()).setParameter(3, state.patientId())
                .setParameter(4, state.audience()).setParameter(5, state.status().name()).setParameter(6, state.attempts())
                .setParameter(7, state.version()).setParameter(8, state.at()).setParameter(9, state.step()).executeUpdate() == 1;
    }

    /** Per escalation, the count of its deliveries by status (escalations with none are absent). */
    public Map<UUID, DeliverySummary> summaries(Collection<UUID> escalationIds) {
        Map<UUID, DeliverySummary> out = new HashMap<>();
        if (escalationIds.isEmpty()) {
            return out;
        }
        getEntityManager().createQuery("""
                        select d.escalationId, sum(case when d.status = 'SENT' then 1 else 0 end),
                               sum(case when d.status = 'PENDING' then 1 else 0 end), sum(case when d.status = 'FAILED' then 1 else 0 end),
                               max(case when d.status = 'SENT' then d.step else 0 end)
                        from DeliveryStateEntity d where d.escalationId in ?1 group by d.escalationId""", Object[].class)
                .setParameter(1, escalationIds).getResultStream()
                .forEach(r -> out.put((UUID) r[0], new DeliverySummary(((Number) r[1]).intValue(), ((Number) r[2]).intValue(),
                        ((Number) r[3]).intValue(), ((Number) r[4]).intValue())));
        return out;
    }
}
