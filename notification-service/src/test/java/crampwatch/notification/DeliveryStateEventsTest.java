package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.common.events.EventSchemas;
import crampwatch.testsupport.EventAssert;
import crampwatch.testsupport.KafkaTopic;
import crampwatch.testsupport.TestRun;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, finding 9 (notification-service's half): every visible status of a delivery — written
 * (PENDING, CANCELLED, NO_RECIPIENT), SENT, FAILED, PENDING again after a resend — is published as a
 * DeliveryStatusChanged event on {@code cramp-deliveries} through the outbox, with a version that grows,
 * and without the address or the reason. Two attempts per delivery here, so FAILED comes quickly.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
@TestProfile(DeliveryStateEventsTest.TwoAttempts.class)
class DeliveryStateEventsTest {

    public static class TwoAttempts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crampwatch.delivery.max-attempts", "2");
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(60);
    KafkaTopic deliveries;

    @BeforeEach
    void read() {
        deliveries = KafkaTopic.fromNow(TestRun.topic("cramp-deliveries-notification-test"));
    }

    @AfterEach
    void close() {
        deliveries.close();
        if (!GreenMailResource.smtp().isRunning()) {
            GreenMailResource.smtp().start();
        }
    }

    static String addr(String who) {
        return Mailbox.newAddress(who);
    }

    /** The delivery part of each event for this patient, in the order read, after checking each against the contract. */
    List<JsonNode> await(String patientId, int count) {
        List<ConsumerRecord<String, String>> records = deliveries.awaitRecords(KafkaTopic.keyed(patientId), count, WAIT);
        return records.stream().map(r -> {
            EventAssert.assertValid(EventSchemas.DELIVERY_EVENT, r.value());
            assertThat(r.value()).doesNotContain("@example.org").doesNotContain("lasted");
            try {
                JsonNode event = JSON.readTree(r.value());
                assertThat(event.get("type").asText()).isEqualTo("DeliveryStatusChanged");
                return event.get("delivery");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    static List<String> statuses(List<JsonNode> events, String audience) {
        return events.stream().filter(d -> audience.equals(d.get("audience").asText())).map(d -> d.get("status").asText()).toList();
    }

    static void assertVersionsGrowPerDelivery(List<JsonNode> events) {
        Map<String, List<Long>> byDelivery = new java.util.HashMap<>();
        events.forEach(d -> byDelivery.computeIfAbsent(d.get("id").asText(), k -> new java.util.ArrayList<>()).add(d.get("version").asLong()));
        byDelivery.values().forEach(versions -> assertThat(versions).isSorted().doesNotHaveDuplicates());
    }

    @Test
    void writtenThenSentIsPublishedForEachRecipient() {
        String patientId = "p-" + UUID.randomUUID();
        UUID escalation = UUID.randomUUID();
        Api.putContacts(patientId, addr("patient"), "URGENT", addr("doctor"), "URGENT");
        Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, escalation));

        List<JsonNode> events = await(patientId, 4);
        assertThat(statuses(events, "PATIENT")).containsExactly("PENDING", "SENT");
        assertThat(statuses(events, "CLINICIAN")).containsExactly("PENDING", "SENT");
        assertThat(events).allSatisfy(d -> {
            assertThat(d.get("escalationId").asText()).isEqualTo(escalation.toString());
            assertThat(d.get("level").asText()).isEqualTo("URGENT");
        });
        assertVersionsGrowPerDelivery(events);
    }

    @Test
    void aDeliveryThatFailsForGoodIsPublishedAsFailedAndAResendAsPendingThenSent() {
        String patientId = "p-" + UUID.randomUUID();
        UUID escalation = UUID.randomUUID();
        Api.putContacts(patientId, null, null, addr("doctor"), "URGENT");
        GreenMailResource.smtp().stop();
        Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, escalation));
        List<JsonNode> failed = await(patientId, 2);
        assertThat(failed).extracting(d -> d.get("status").asText()).containsExactly("PENDING", "FAILED");
        assertThat(failed.get(1).get("attempts").asInt()).isEqualTo(2);

        GreenMailResource.smtp().start();
        Api.asClinician().post("/notifications/escalations/{id}/resend", escalation).then().statusCode(202);
        List<JsonNode> all = await(patientId, 4);
        assertThat(all).extracting(d -> d.get("status").asText()).containsExactly("PENDING", "FAILED", "PENDING", "SENT");
        assertThat(all).extracting(d -> d.get("id").asText()).containsOnly(failed.get(0).get("id").asText());
        assertVersionsGrowPerDelivery(all);
    }

    @Test
    void deliveriesOfAnEscalationWithdrawnBeforeItArrivedAreCancelledAndNobodyWantedIsNoRecipient() {
        String patientId = "p-" + UUID.randomUUID();
        UUID withdrawnFirst = UUID.randomUUID();
        Api.putContacts(patientId, null, null, addr("doctor"), "URGENT");
        Events.send(patientId,
                Events.withdrawn(UUID.randomUUID(), patientId, withdrawnFirst, "URGENT", "LONG_CRAMP", "Withdrawn before it was raised."),
                Events.urgentLongCramp(UUID.randomUUID(), patientId, withdrawnFirst),
                // The doctor wants URGENT only: a SEE_DOCTOR escalation reaches nobody.
                Events.seeDoctorPain(UUID.randomUUID(), patientId, UUID.randomUUID()));
        List<JsonNode> events = await(patientId, 2);
        assertThat(events).extracting(d -> d.get("status").asText()).containsExactly("CANCELLED", "NO_RECIPIENT");
        assertThat(events.get(1).get("audience").isNull()).isTrue();
    }
}
