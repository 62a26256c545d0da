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

    /** Must run inside the business transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String topic, String key, UUID eventId, String payloadJson) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO outbox_event (event_id, topic, msg_key, payload) VALUES (?, ?, ?, ?)")) {
            ps.setObject(1, eventId);
            ps.setString(2, topic);
            ps.setString(3, key);
            ps.setString(4, payloadJson);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the outbox row", e);
        }
        AfterCommit.run(transactions, relay::wakeUp);
    }
}
