package crampwatch.advice.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code advice_level}: the advice level last announced for a patient (AdviceChanged). */
@Entity
@Table(name = "advice_level")
public class AdviceLevelEntity {

    @Id
    @Column(name = "patient_id")
    public String patientId;

    @Column(nullable = false)
    public String level;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
