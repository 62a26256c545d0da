package crampwatch.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code withdrawn_escalation}: an escalation withdrawn before or after it was raised here. */
@Entity
@Table(name = "withdrawn_escalation")
public class WithdrawnEscalationEntity {

    @Id
    @Column(name = "escalation_id")
    public UUID escalationId;

    @Column(name = "withdrawn_at", nullable = false)
    public Instant withdrawnAt;
}
