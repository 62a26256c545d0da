package crampwatch.advice.messaging;

import static crampwatch.advice.EpisodeEvents.episode;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import crampwatch.advice.AdviceDb;
import crampwatch.common.events.EventSchemas;
import crampwatch.testsupport.DevTokens;
import crampwatch.testsupport.EventAssert;
import crampwatch.testsupport.KafkaTopic;
import crampwatch.testsupport.TestRun;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, finding 9: the work list shows whether an escalation's emails went out. notification-service
 * reports each delivery's status on {@code cramp-deliveries}; this service keeps per delivery the
 * latest version and shows a summary on every escalation, filterable by {@code deliveryState}.
 */
@QuarkusTest
class DeliveryStateTest {

    static final String DELIVERIES = TestRun.topic("cramp-deliveries-advice-test");
    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AdviceDb db;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static String event(String patient, UUID escalation, UUID delivery, String status, long version) {
        return """
                {"eventId":"%s","type":"DeliveryStatusChanged","schemaVersion":1,"occurredAt":"%s","patientId":"%s",
                 "delivery":{"id":"%s","escalationId":"%s","audience":"CLINICIAN","level":"URGENT","status":"%s","attempts":1,"version":%d}}"""
                .formatted(UUID.randomUUID(), Instant.now(), patient, delivery, escalation, status, version).replace("\n", "");
    }

    static JsonPath workList(String patient, String clinician, String deliveryState) {
        var request = given().auth().oauth2(DevTokens.clinician(clinician)).queryParam("patientId", patient);
        if (deliveryState != null) {
            request.queryParam("deliveryState", deliveryState);
        }
        return request.get("/escalations").then().statusCode(200).extract().jsonPath();
    }

    /** Sends a 12-minute cramp of {@code patient} and returns the LONG_CRAMP escalation advice-service raised for it. */
    UUID urgentEscalation(String patient) {
        KafkaTopic.send(TestRun.topic("cramp-episodes-advice-test"), patient, episode().lasting(720).logged(patient));
        await().atMost(WAIT).until(() -> db.escalations(patient).stream().anyMatch(r -> "LONG_CRAMP".equals(r.get("rule"))));
        return (UUID) db.escalations(patient).stream().filter(r -> "LONG_CRAMP".equals(r.get("rule"))).findFirst()
                .orElseThrow().get("id");
    }

    @Test
    void theWorkListShowsTheLatestDeliveryStateOfEachEscalation() {
        String patient = "p-" + UUID.randomUUID();
        String clinician = "c-" + UUID.randomUUID();
        UUID escalation = urgentEscalation(patient);
        JsonPath before = workList(patient, clinician, null);
        assertThat(before.getString("items[0].deliveries.state")).isEqualTo("NONE");

        UUID toPatient = UUID.randomUUID();
        UUID toDoctor = UUID.randomUUID();
        String first = event(patient, escalation, toPatient, "PENDING", 1);
        EventAssert.assertValid(EventSchemas.DELIVERY_EVENT, first);
        KafkaTopic.send(DELIVERIES, patient, first, event(patient, escalation, toDoctor, "PENDING", 2));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath list = workList(patient, clinician, null);
            assertThat(list.getString("items[0].deliveries.state")).isEqualTo("PENDING");
            assertThat(list.getInt("items[0].deliveries.pending")).isEqualTo(2);
        });

        // The doctor's mail failed for good (version 5); an older PENDING (version 4) arriving late changes nothing.
        KafkaTopic.send(DELIVERIES, patient, event(patient, escalation, toPatient, "SENT", 3),
                event(patient, escalation, toDoctor, "FAILED", 5), event(patient, escalation, toDoctor, "PENDING", 4));
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> d = workList(patient, clinician, null).getMap("items[0].deliveries");
            assertThat(d).containsEntry("state", "FAILED").containsEntry("sent", 1).containsEntry("pending", 0)
                    .containsEntry("failed", 1);
        });
        // A redelivery of the same events changes nothing either.
        KafkaTopic.send(DELIVERIES, patient, event(patient, escalation, toDoctor, "FAILED", 5));

        assertThat(workList(patient, clinician, "FAILED").getList("items.id")).containsExactly(escalation.toString());
        assertThat(workList(patient, clinician, "SENT").getList("items")).isEmpty();
        assertThat(workList(patient, clinician, "PENDING").getList("items")).isEmpty();
        given().auth().oauth2(DevTokens.clinician(clinician)).get("/escalations/{id}", escalation).then().statusCode(200)
                .body("deliveries.state", equalTo("FAILED"));
        given().auth().oauth2(DevTokens.clinician(clinician)).queryParam("deliveryState", "LOST").get("/escalations")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("deliveryState"));

        // A clinician resent it and it went out (version 6): the escalation is SENT.
        KafkaTopic.send(DELIVERIES, patient, event(patient, escalation, toDoctor, "SENT", 6));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(workList(patient, clinician, null).getString("items[0].deliveries.state")).isEqualTo("SENT"));
        assertThat(db.rows("SELECT version FROM escalation_delivery WHERE delivery_id = ?", toDoctor))
                .singleElement().satisfies(r -> assertThat(r.get("version")).isEqualTo(6L));
    }

    /** An event of a step of the URGENT escalation chain (a reminder nobody acknowledged); {@link #event} has no step. */
    static String stepEvent(String patient, UUID escalation, UUID delivery, String status, long version, int step) {
        return event(patient, escalation, delivery, status, version).replace("\"version\":" + version + "}",
                "\"version\":" + version + ",\"step\":" + step + "}");
    }

    @Test
    void theWorkListShowsTheHighestReminderOfTheEscalationChainThatWentOut() {
        String patient = "p-" + UUID.randomUUID();
        String clinician = "c-" + UUID.randomUUID();
        UUID escalation = urgentEscalation(patient);

        // The first email (no step: as before issue 16) went out; reminder 1 went out; reminder 2 is still to go.
        UUID first = UUID.randomUUID();
        UUID reminder1 = UUID.randomUUID();
        UUID reminder2 = UUID.randomUUID();
        String withStep = stepEvent(patient, escalation, reminder1, "SENT", 2, 1);
        EventAssert.assertValid(EventSchemas.DELIVERY_EVENT, withStep);
        KafkaTopic.send(DELIVERIES, patient, event(patient, escalation, first, "SENT", 1), withStep,
                stepEvent(patient, escalation, reminder2, "PENDING", 3, 2));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath list = workList(patient, clinician, null);
            assertThat(list.getInt("items[0].deliveries.sent")).isEqualTo(2);
            assertThat(list.getInt("items[0].deliveries.pending")).isEqualTo(1);
            assertThat(list.getInt("items[0].deliveries.reminderSent")).isEqualTo(1);
        });

        // Reminder 2 went out.
        KafkaTopic.send(DELIVERIES, patient, stepEvent(patient, escalation, reminder2, "SENT", 4, 2));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(workList(patient, clinician, null).getInt("items[0].deliveries.reminderSent")).isEqualTo(2));
        assertThat(db.rows("SELECT step FROM escalation_delivery WHERE delivery_id = ?", first))
                .singleElement().satisfies(r -> assertThat(r.get("step")).isEqualTo(0));
    }

    @Test
    void theConsumerIsInTheLivenessReport() {
        given().get("/q/health/live").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("deliveries-consumer"));
    }

    @Test
    void aDeliveryEventOffTheContractIsDeadLetteredAndTheNextOneApplied() {
        String patient = "p-" + UUID.randomUUID();
        UUID escalation = UUID.randomUUID();
        UUID delivery = UUID.randomUUID();
        try (KafkaTopic dlq = KafkaTopic.fromNow(DELIVERIES + ".dlq")) {
            // An address must never travel on this topic: the contract has no field for it.
            String withStatusUnknown = event(patient, escalation, delivery, "BOUNCED", 1);
            KafkaTopic.send(DELIVERIES, patient, "not json", withStatusUnknown, event(patient, escalation, delivery, "SENT", 2));
            List<ConsumerRecord<String, String>> dead = dlq.awaitRecords(KafkaTopic.keyed(patient), 2, WAIT);
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly("not json", withStatusUnknown);
            await().atMost(WAIT).until(() -> !db.rows("SELECT status FROM escalation_delivery WHERE delivery_id = ?", delivery).isEmpty());
            assertThat(db.rows("SELECT status FROM escalation_delivery WHERE delivery_id = ?", delivery))
                    .singleElement().satisfies(r -> assertThat(r.get("status")).isEqualTo("SENT"));
        }
    }
}
