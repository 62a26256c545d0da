package crampwatch.advice.persistence;

import crampwatch.advice.domain.escalation.Escalation;
import crampwatch.advice.domain.escalation.EscalationStatus;
import crampwatch.advice.domain.escalation.Level;
import crampwatch.advice.domain.escalation.RuleId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code escalation}: a rule that fired for a patient, its evidence (episode ids) and what the clinic did. */
@Entity
@Table(name = "escalation")
public class EscalationEntity {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(nullable = false)
    public String rule;

    @Column(nullable = false)
    public String level;

    @Column(name = "level_rank", nullable = false)
    public int levelRank;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String reason;

    /** The evidence: the episodes the escalation rests on ({@code uuid[]}). */
    @Column(name = "episode_ids", nullable = false)
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<UUID> episodeIds;

    /** URGENT per-episode rules: the offending episode (one escalation per episode and rule). */
    @Column(name = "trigger_episode")
    public UUID triggerEpisode;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "acknowledge_note")
    public String acknowledgeNote;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    public Escalation toEscalation() {
        return new Escalation(id, patientId, RuleId.valueOf(rule), Level.valueOf(level), EscalationStatus.valueOf(status), reason,
                episodeIds, raisedAt, acknowledgedAt, acknowledgedBy, acknowledgeNote, withdrawnAt);
    }
}
