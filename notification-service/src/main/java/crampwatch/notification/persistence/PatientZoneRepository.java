package crampwatch.notification.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code patient_time_zone}: the latest time zone advice-service reported for a patient (EscalationRaised's optional
 * {@code escalation.patientTimeZone}), in the caller's transaction. A report older than the stored one changes nothing.
 */
@ApplicationScoped
public class PatientZoneRepository {

    @Inject
    EntityManager em;

    public void remember(String patientId, String zone, Instant seenAt) {
        em.createNativeQuery("""
                        INSERT INTO patient_time_zone (patient_id, zone, seen_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT (patient_id) DO UPDATE SET zone = EXCLUDED.zone, seen_at = EXCLUDED.seen_at
                        WHERE patient_time_zone.seen_at <= EXCLUDED.seen_at""")
                .setParameter(1, patientId).setParameter(2, zone).setParameter(3, seenAt).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public Optional<String> zoneOf(String patientId) {
        List<String> found = em.createNativeQuery("SELECT zone FROM patient_time_zone WHERE patient_id = ?1", String.class)
                .setParameter(1, patientId).getResultList();
        return found.stream().findFirst();
    }
}
