package crampwatch.notification.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads the delivery log, newest first, in keyset pages. */
@ApplicationScoped
@Transactional
public class DeliveryLog {

    @Inject
    Deliveries deliveries;

    /** {@code limit + 1} rows are read so the caller knows whether another page follows. */
    public List<DeliveryRecord> page(String patientId, DeliveryStatus status, Instant afterCreatedAt, UUID afterId, int limit) {
        return deliveries.page(patientId, status, afterCreatedAt, afterId, limit + 1);
    }
}
