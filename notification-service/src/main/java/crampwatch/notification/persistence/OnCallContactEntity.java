package crampwatch.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code on_call_contact}: one of the clinic's on-call addresses, at its place in the given order. */
@Entity
@Table(name = "on_call_contact")
public class OnCallContactEntity {

    @Id
    public int position;

    @Column(nullable = false)
    public String email;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
