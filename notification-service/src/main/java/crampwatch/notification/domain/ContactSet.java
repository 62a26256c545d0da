package crampwatch.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A patient's contacts: their own address (optional) and the clinicians told about them. */
@Entity
@Table(name = "contact_set")
public class ContactSet extends PanacheEntityBase {

    @Id
    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "patient_email")
    public String patientEmail;

    @Enumerated(EnumType.STRING)
    @Column(name = "patient_min_level")
    public Level patientMinLevel;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "clinician_contact", joinColumns = @JoinColumn(name = "patient_id"))
    @OrderColumn(name = "position")
    public List<ClinicianContact> clinicians = new ArrayList<>();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    public Contact patient() {
        return patientEmail == null ? null : new Contact(patientEmail, patientMinLevel);
    }

    public List<Contact> clinicianContacts() {
        return clinicians.stream().map(c -> new Contact(c.email, c.minLevel)).toList();
    }
}
