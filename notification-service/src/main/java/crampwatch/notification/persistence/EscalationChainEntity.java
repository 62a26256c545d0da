package crampwatch.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code escalation_chain}: an URGENT escalation's chain, its state and its next step. Written and moved on by
 * {@link EscalationChainRepository}'s native statements (the {@code ON CONFLICT} inserts, the {@code SKIP LOCKED} claim);
 * the entity maps the row for reads.
 */
@Entity
@Table(name = "escalation_chain")
public class EscalationChainEntity {

    @Id
    @Column(name = "escalation_id")
    public UUID escalationId;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(nullable = false)
    public String rule;

    @Column(nullable = false)
    public String reason;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(name = "episode_started_at")
    public Instant episodeStartedAt;

    @Column(name = "episode_started_offset_secs")
    public Integer episodeStartedOffsetSecs;

    /** ACTIVE, ACKNOWLEDGED, WITHDRAWN or COMPLETED. */
    @Column(nullable = false)
    public String state;

    @Column(name = "next_step", nullable = false)
    public int nextStep;

    @Column(name = "next_step_at", nullable = false)
    public Instant nextStepAt;

    @Column(name = "stopped_at")
    public Instant stoppedAt;

    @Column(name = "stopped_by")
    public String stoppedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
