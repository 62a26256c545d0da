package crampwatch.advice.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A run PERSISTENT_OVER_TWO_WEEKS has raised for ({@code persistent_run}): the span of reported start times seen so
 * far, linked to the escalation that covers it.
 */
@Entity
@Table(name = "persistent_run")
public class PersistentRunEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "first_at", nullable = false)
    public Instant firstAt;

    @Column(name = "last_at", nullable = false)
    public Instant lastAt;

    @Column(name = "escalation_id", nullable = false)
    public UUID escalationId;
}
