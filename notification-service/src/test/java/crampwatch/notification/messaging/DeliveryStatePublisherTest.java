package crampwatch.notification.messaging;

import crampwatch.common.events.EventSchemas;
import crampwatch.notification.domain.Audience;
import crampwatch.notification.domain.DeliveryState;
import crampwatch.notification.domain.DeliveryStatus;
import crampwatch.notification.domain.Level;
import crampwatch.testsupport.EventAssert;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The DeliveryStatusChanged payload keeps to its schema at any instant (OffsetDateTime.toString() drops ":00" seconds). */
class DeliveryStatePublisherTest {

    @Test
    void aWholeMinuteIsStillAnRfc3339DateTime() {
        for (String at : new String[] {"2026-12-03T08:26:00Z", "2026-12-03T08:26:00.000000001Z", "2026-12-03T08:26:17.5Z"}) {
            EventAssert.assertValid(EventSchemas.DELIVERY_EVENT, DeliveryStatePublisher.payload(UUID.randomUUID(), Instant.parse(at),
                    new DeliveryState(UUID.randomUUID(), UUID.randomUUID(), "p-1", Audience.CLINICIAN, Level.URGENT,
                            DeliveryStatus.SENDING, 1, 7, 2)));
            EventAssert.assertValid(EventSchemas.DELIVERY_EVENT, DeliveryStatePublisher.payload(UUID.randomUUID(), Instant.parse(at),
                    new DeliveryState(UUID.randomUUID(), UUID.randomUUID(), "p-1", null, Level.SEE_DOCTOR,
                            DeliveryStatus.NO_RECIPIENT, 0, 8, 0)));
        }
    }
}
