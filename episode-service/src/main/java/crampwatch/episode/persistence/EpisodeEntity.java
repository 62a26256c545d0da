package crampwatch.episode.persistence;

import crampwatch.episode.domain.Episode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code episode} (Flyway's V1): the instant an episode started and, beside it, the UTC offset the patient
 * reported it in. The id is assigned by the service, so inserts batch.
 */
@Entity
@Table(name = "episode")
public class EpisodeEntity {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "started_offset_seconds", nullable = false)
    public int startedOffsetSeconds;

    @Column(name = "duration_seconds", nullable = false)
    public int durationSeconds;

    @Column(nullable = false)
    public String site;

    @Column(nullable = false)
    public String side;

    @Column(name = "pain_score", nullable = false)
    @JdbcTypeCode(SqlTypes.SMALLINT)
    public int painScore;

    @Column(name = "woke_from_sleep", nullable = false)
    public boolean wokeFromSleep;

    @Column(name = "relieved_by", nullable = false)
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> relievedBy;

    @Column(nullable = false)
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> symptoms;

    @Column(nullable = false)
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> exposures;

    public String notes;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public static EpisodeEntity of(Episode e) {
        EpisodeEntity row = new EpisodeEntity();
        row.id = e.id();
        row.patientId = e.patientId();
        row.startedAt = e.startedAt().toInstant();
        row.startedOffsetSeconds = e.startedAt().getOffset().getTotalSeconds();
        row.durationSeconds = e.durationSeconds();
        row.site = e.site();
        row.side = e.side();
        row.painScore = e.painScore();
        row.wokeFromSleep = e.wokeFromSleep();
        row.relievedBy = e.relievedBy();
        row.symptoms = e.symptoms();
        row.exposures = e.exposures();
        row.notes = e.notes();
        row.recordedAt = e.recordedAt();
        return row;
    }

    public Episode toEpisode() {
        return new Episode(id, patientId, startedAt.atOffset(ZoneOffset.ofTotalSeconds(startedOffsetSeconds)), durationSeconds, site,
                side, painScore, wokeFromSleep, List.copyOf(relievedBy), List.copyOf(symptoms), List.copyOf(exposures), notes,
                recordedAt);
    }
}
