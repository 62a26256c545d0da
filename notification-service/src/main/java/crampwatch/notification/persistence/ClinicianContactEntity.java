package crampwatch.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A row of {@code clinician_contact}: one clinician told about a patient, at its place in the given order. */
@Entity
@Table(name = "clinician_contact")
public class ClinicianContactEntity {

    /** The patient and the clinician's place in the list. */
    @Embeddable
    public record Id(@Column(name = "patient_id") String patientId, @Column(name = "position") int position) {
    }

    @EmbeddedId
    public Id id;

    @Column(nullable = false)
    public String email;

    @Column(name = "min_level", nullable = false)
    public String minLevel;

    /** IMMEDIATE or DAILY_DIGEST (V9): how this clinician gets SEE_DOCTOR alerts. */
    @Column(name = "see_doctor_delivery", nullable = false)
    public String seeDoctorDelivery = "IMMEDIATE";
}
