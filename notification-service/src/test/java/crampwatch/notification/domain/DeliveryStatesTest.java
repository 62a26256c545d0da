package crampwatch.notification.domain;

import crampwatch.common.events.EventSchemas;
import crampwatch.testsupport.EventAssert;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The DeliveryStatusChanged payload keeps to its schema at any instant (OffsetDateTime.toString() drops ":00" seconds). */
class DeliveryStatesTest {

    @Test
    void aWholeMinuteIsStillAnRfc3339DateTime() {
        for (String at : new String[] {"2026-12-03T08:26:00Z", "2026-12-03T08:26:00.000000001Z", "2026-12-03T08:26:17.5Z"}) {
            EventAssert.assertValid(EventSchemas.DELIVERY_EVENT, DeliveryStates.payload(UUID.randomUUID(), Instant.parse(at), "p-1",
                    UUID.randomUUID(), UUID.randomUUID(), "CLINICIAN", "URGENT", "SENDING", 1, 7));
            EventAssert.assertValid(EventSchemas.DELIVERY_EVENT, DeliveryStates.payload(UUID.randomUUID(), Instant.parse(at), "p-1",
                    UUID.randomUUID(), UUID.randomUUID(), null, "SEE_DOCTOR", "NO_RECIPIENT", 0, 8));
        }
    }
}
