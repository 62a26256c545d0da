package crampwatch.common.events;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * The event ids a consumer has already applied (table {@code processed_event}, in each consuming service's own
 * migrations), marked in the same transaction as the change the event caused. Native SQL in the session: the mark
 * must be atomic against a concurrent redelivery ({@code ON CONFLICT DO NOTHING}), which {@code persist} cannot say.
 */
@ApplicationScoped
public class ProcessedEvents {

    /** True the first time an event id is seen; false for a redelivery or replay (then change nothing). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(UUID eventId, String type) {
        return Panache.getEntityManager()
                .createNativeQuery("INSERT INTO processed_event (event_id, type, processed_at) VALUES (?1, ?2, now()) ON CONFLICT DO NOTHING")
                .setParameter(1, eventId).setParameter(2, type).executeUpdate() == 1;
    }
}
