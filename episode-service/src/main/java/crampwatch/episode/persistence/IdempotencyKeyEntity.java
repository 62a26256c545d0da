package crampwatch.episode.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A remembered Idempotency-Key ({@code idempotency_key}): which episode it created, and a hash of the request that
 * created it. It outlives a retracted episode, so a late retry of a deleted entry does not bring it back.
 */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyKeyEntity {

    /** One key per patient. */
    @Embeddable
    public record Id(@Column(name = "patient_id") String patientId, @Column(name = "key") String key) {
    }

    @EmbeddedId
    public Id id;

    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    @Column(name = "episode_id", nullable = false)
    public UUID episodeId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
