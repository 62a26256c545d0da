package crampwatch.common.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.SQLInsert;
import org.hibernate.jdbc.Expectation;

/**
 * A row of {@code outbox_event} as the business transaction writes it. The surrogate {@code id} (bigserial, the
 * relay's publishing order) and {@code created_at} are filled in by PostgreSQL and not mapped, so the entity's id is
 * the event id: its inserts batch (no identity round trip). An event id already waiting is the same event (escalation
 * event ids are deterministic) and is kept once: {@code ON CONFLICT DO NOTHING}, so a skipped row is no error.
 * The relay reads, deletes and parks rows with native SQL ({@code FOR UPDATE SKIP LOCKED}) in {@link OutboxRelay}.
 */
@Entity
@Table(name = "outbox_event")
// Hibernate binds the columns in the order of its own insert: the attributes by name, then the id.
@SQLInsert(sql = "INSERT INTO outbox_event (msg_key, payload, topic, event_id) VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
        verify = Expectation.None.class)
public class OutboxEvent {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "topic", nullable = false)
    public String topic;

    @Column(name = "msg_key", nullable = false)
    public String msgKey;

    @Column(name = "payload", nullable = false)
    public String payload;

    public static OutboxEvent of(Outbox.Event e) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = e.eventId();
        row.topic = e.topic();
        row.msgKey = e.key();
        row.payload = e.payloadJson();
        return row;
    }
}
