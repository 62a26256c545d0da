package crampwatch.advice.persistence;

import crampwatch.advice.domain.escalation.Level;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;

/** The advice level last announced per patient ({@code advice_level}). */
@ApplicationScoped
public class AdviceLevelRepository implements PanacheRepositoryBase<AdviceLevelEntity, String> {

    /**
     * The patient's row, locked for this transaction (created as SELF_CARE first if absent: {@code ON CONFLICT DO NOTHING}
     * waits for a concurrent creator, so both end up locking the one row).
     */
    public AdviceLevelEntity lock(String patientId, Instant now) {
        getEntityManager().createNativeQuery("INSERT INTO advice_level (patient_id, level, changed_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, patientId).setParameter(2, Level.SELF_CARE.name()).setParameter(3, now).executeUpdate();
        return findById(patientId, LockModeType.PESSIMISTIC_WRITE);
    }
}
