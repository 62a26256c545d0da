package crampwatch.common.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code audit_log}: who read or changed which patient's data, what, when, and whether it was allowed. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String actor;

    @Column(name = "patient_id")
    public String patientId;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String outcome;

    @Column(nullable = false)
    public Instant at;
}
