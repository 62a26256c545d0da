package crampwatch.episode.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A stored cramp episode. Never leaves the service: the API answers with {@code EpisodeView}. */
@Entity
@Table(name = "episode")
public class Episode extends PanacheEntityBase {

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
    public short painScore;

    @Column(name = "woke_from_sleep", nullable = false)
    public boolean wokeFromSleep;

    @Column(name = "relieved_by", nullable = false)
    public String[] relievedBy;

    @Column(nullable = false)
    public String[] symptoms;

    @Column(nullable = false)
    public String[] exposures;

    public String notes;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** The start as the patient reported it, with its offset. */
    public OffsetDateTime startedAtWithOffset() {
        return startedAt.atOffset(ZoneOffset.ofTotalSeconds(startedOffsetSeconds));
    }
}
