package crampwatch.episode.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The {@code idempotency_key} table, in the caller's transaction. */
@ApplicationScoped
public class IdempotencyKeyRepository implements PanacheRepositoryBase<IdempotencyKeyEntity, IdempotencyKeyEntity.Id> {

    /**
     * Claims a key for a new episode; false if the patient used the key before. Native SQL in the session: the claim
     * must be atomic against a concurrent retry ({@code ON CONFLICT DO NOTHING}), which {@code persist} cannot say.
     */
    public boolean claim(String patientId, String key, String requestHash, UUID episodeId, Instant at) {
        return getEntityManager().createNativeQuery("""
                        INSERT INTO idempotency_key (patient_id, key, request_hash, episode_id, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING""")
                .setParameter(1, patientId).setParameter(2, key).setParameter(3, requestHash).setParameter(4, episodeId)
                .setParameter(5, at).executeUpdate() == 1;
    }

    public Optional<IdempotencyKeyEntity> claimed(String patientId, String key) {
        return findByIdOptional(new IdempotencyKeyEntity.Id(patientId, key));
    }
}
