package crampwatch.advice.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One email delivery of an escalation as notification-service last reported it ({@code escalation_delivery}); no address. */
@Entity
@Table(name = "escalation_delivery")
public class DeliveryStateEntity {

    @Id
    @Column(name = "delivery_id")
    public UUID deliveryId;

    @Column(name = "escalation_id", nullable = false)
    public UUID escalationId;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    public String audience;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** 0: the escalation's first email; 1..: a reminder of the URGENT escalation chain (V6). */
    @Column(nullable = false)
    public int step;
}
