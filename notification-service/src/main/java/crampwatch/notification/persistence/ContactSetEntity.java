package crampwatch.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalTime;

/** A row of {@code contact_set}: a patient's own address (optional) and who changed the list last. */
@Entity
@Table(name = "contact_set")
public class ContactSetEntity {

    @Id
    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "patient_email")
    public String patientEmail;

    @Column(name = "patient_min_level")
    public String patientMinLevel;

    /** The patient's quiet hours (V9), local times in the patient's time zone; both or neither. */
    @Column(name = "patient_quiet_start")
    public LocalTime patientQuietStart;

    @Column(name = "patient_quiet_end")
    public LocalTime patientQuietEnd;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
