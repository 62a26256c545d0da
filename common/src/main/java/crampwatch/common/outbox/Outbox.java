package crampwatch.common.outbox;

import crampwatch.common.tx.AfterCommit;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * The write side of the transactional outbox: an event is a row in {@code outbox_event}, inserted in
 * the caller's transaction and Hibernate session ({@link OutboxEvent}), so it commits (or rolls back) together with
 * the business change and its inserts join the session's JDBC batches. Right
 * after the commit the relay is woken to publish it; its poller catches up on anything left.
 */
@ApplicationScoped
public class Outbox {

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
     * Several events in one round trip (Hibernate's JDBC batch at flush), in this order; must run inside the business transaction.
     * An event id already waiting in the outbox is the same event (escalation event ids are deterministic): kept once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueAll(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        var session = Panache.getSession();
        java.util.Set<UUID> seen = new java.util.HashSet<>();
        for (Event e : events) {
            if (seen.add(e.eventId())) {
                session.persist(OutboxEvent.of(e));
            }
        }
        AfterCommit.run(transactions, relay::wakeUp);
    }
}
