package crampwatch.common.outbox;

import crampwatch.common.tx.AfterCommit;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The write side of the transactional outbox: an event is a row in {@code outbox_event}, inserted in
 * the caller's transaction, so it commits (or rolls back) together with the business change. Right
 * after the commit the relay is woken to publish it; its poller catches up on anything left.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxRelay relay;

    /** One event for the outbox: its topic, key (the patient), id and JSON payload. */
    public record Event(String topic, String key, UUID eventId, String payloadJson) {
    }

    /** Must run inside the business transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String topic, String key, UUID eventId, String payloadJson) {
        enqueueAll(List.of(new Event(topic, key, eventId, payloadJson)));
    }

    /**
     * Several events in one round trip (a JDBC batch), in this order; must run inside the business transaction.
     * An event id already waiting in the outbox is the same event (escalation event ids are deterministic): kept once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueAll(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO outbox_event (event_id, topic, msg_key, payload) VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
            for (Event e : events) {
                ps.setObject(1, e.eventId());
                ps.setString(2, e.topic());
                ps.setString(3, e.key());
                ps.setString(4, e.payloadJson());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the outbox rows", e);
        }
        AfterCommit.run(transactions, relay::wakeUp);
    }
}
