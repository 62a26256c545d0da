package crampwatch.advice.persistence;

import crampwatch.advice.domain.profile.Profile;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;

/** Patient profiles ({@code patient_profile}). */
@ApplicationScoped
public class ProfileRepository implements PanacheRepositoryBase<ProfileEntity, String> {

    public Optional<Profile> profileOf(String patientId) {
        return findByIdOptional(patientId).map(ProfileEntity::toProfile);
    }

    /**
     * Creates or replaces the patient's profile. Two first saves of one patient may race: the row is made to exist
     * first (native {@code INSERT … ON CONFLICT DO NOTHING}, so the second waits for the first instead of failing on the
     * key), then locked and written through the entity.
     */
    public void save(Profile p, String by, Instant at) {
        getEntityManager().createNativeQuery("""
                        INSERT INTO patient_profile (patient_id, pregnant, conditions, medicines, updated_at, updated_by)
                        VALUES (?1, false, '{}', '{}', ?2, ?3) ON CONFLICT (patient_id) DO NOTHING""")
                .setParameter(1, p.patientId()).setParameter(2, at).setParameter(3, by).executeUpdate();
        findById(p.patientId(), LockModeType.PESSIMISTIC_WRITE).set(p, at, by);
    }
}
