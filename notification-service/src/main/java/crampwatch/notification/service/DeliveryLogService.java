package crampwatch.notification.service;

import crampwatch.notification.domain.DeliveryRecord;
import crampwatch.notification.domain.DeliveryStatus;
import crampwatch.notification.persistence.DeliveryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads the delivery log, newest first, in keyset pages. */
@ApplicationScoped
@Transactional
public class DeliveryLogService {

    @Inject
    DeliveryRepository deliveries;

    /** {@code limit + 1} rows are read so the caller knows whether another page follows. */
    public List<DeliveryRecord> page(String patientId, DeliveryStatus status, Instant afterCreatedAt, UUID afterId, int limit) {
        return deliveries.page(patientId, status, afterCreatedAt, afterId, limit + 1);
    }
}
