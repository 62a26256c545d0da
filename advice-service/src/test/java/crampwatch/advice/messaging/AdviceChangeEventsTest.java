package crampwatch.advice.messaging;

import static crampwatch.advice.EpisodeEvents.episode;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import crampwatch.advice.EpisodeEvents;
import crampwatch.common.events.EventSchemas;
import crampwatch.testsupport.DevTokens;
import crampwatch.testsupport.EventAssert;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EscalationAcknowledged and AdviceChanged as they reach the real broker through the outbox, validated against the
 * escalation-event schema: raise, withdraw and acknowledge move the advice level, and each move is announced once, after
 * the escalation event that caused it, on the patient's key.
 */
@QuarkusTest
class AdviceChangeEventsTest extends EscalationEventsTestBase {

    String clinician;

    @BeforeEach
    void newClinician() {
        clinician = "c-" + UUID.randomUUID();
    }

    /** This patient's events in the order they arrived, every one valid against the schema. */
    private List<JsonNode> awaitPatientEvents(int n) {
        return escalations.awaitRecords(r -> patient.equals(r.key()), n, WAIT).stream().map(ConsumerRecord::value).map(v -> {
            EventAssert.assertValid(EventSchemas.ESCALATION_EVENT, v);
            return read(v);
        }).toList();
    }

    private String acknowledge(String escalationId, String note) {
        return given().auth().oauth2(DevTokens.clinician(clinician)).contentType(ContentType.JSON)
                .body("{\"note\":\"" + note + "\"}").post("/escalations/{id}/acknowledge", escalationId)
                .then().statusCode(200).extract().asString();
    }

    @Test
    void raisingAndWithdrawingAnUrgentEscalationAnnouncesTheLevelGoingUpAndDownAgain() {
        EpisodeEvents.Ep ep = episode().lasting(845);
        send(ep.logged(patient));
        List<JsonNode> events = awaitPatientEvents(2);
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("EscalationRaised", "AdviceChanged");
        String escalationId = events.get(0).at("/escalation/id").asText();
        JsonNode changed = events.get(1);
        assertThat(changed.at("/advice/previousLevel").asText()).isEqualTo("SELF_CARE");
        assertThat(changed.at("/advice/level").asText()).isEqualTo("URGENT");
        assertThat(changed.at("/advice/patientId").asText()).isEqualTo(patient);
        assertThat(changed.at("/advice/causeEscalationIds").toString()).isEqualTo("[\"" + escalationId + "\"]");

        send(ep.retracted(patient));
        List<JsonNode> after = awaitPatientEvents(4);
        assertThat(after).extracting(e -> e.get("type").asText())
                .containsExactly("EscalationRaised", "AdviceChanged", "EscalationWithdrawn", "AdviceChanged");
        assertThat(after.get(3).at("/advice/previousLevel").asText()).isEqualTo("URGENT");
        assertThat(after.get(3).at("/advice/level").asText()).isEqualTo("SELF_CARE");
        assertThat(after.get(3).get("eventId").asText()).isNotEqualTo(changed.get("eventId").asText());
    }

    @Test
    void anAcknowledgementIsPublishedWithWhoAndWhenButNeverTheNote() {
        send(episode().lasting(845).logged(patient));
        String escalationId = awaitPatientEvents(2).get(0).at("/escalation/id").asText();

        acknowledge(escalationId, "Called her; private remark");
        List<JsonNode> events = awaitPatientEvents(3);
        JsonNode ack = events.get(2);
        assertThat(ack.get("type").asText()).isEqualTo("EscalationAcknowledged");
        assertThat(ack.at("/escalation/id").asText()).isEqualTo(escalationId);
        assertThat(ack.at("/escalation/status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(ack.at("/escalation/acknowledgedBy").asText()).isEqualTo(clinician);
        assertThat(ack.at("/escalation/acknowledgedAt").isTextual()).isTrue();
        assertThat(ack.toString()).doesNotContain("private remark").doesNotContain("acknowledgementNote");
        // Acknowledged but raised moments ago, it still sets the patient's level (AdviceService): no AdviceChanged.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> escalations.poll(Duration.ZERO).stream().filter(r -> patient.equals(r.key()) && r.value().contains("AdviceChanged")).count() == 1);
    }

    @Test
    void acknowledgingAnEscalationThatNoLongerCountsAnnouncesTheLevelGoingDown() {
        send(episode().lasting(845).logged(patient));
        String escalationId = awaitPatientEvents(2).get(0).at("/escalation/id").asText();
        // Raised three weeks ago: once acknowledged it stops counting for the patient (after 14 days).
        db.execute("UPDATE escalation SET raised_at = now() - interval '21 days' WHERE id = CAST(? AS uuid)", escalationId);

        acknowledge(escalationId, "seen");
        List<JsonNode> events = awaitPatientEvents(4);
        assertThat(events).extracting(e -> e.get("type").asText())
                .containsExactly("EscalationRaised", "AdviceChanged", "EscalationAcknowledged", "AdviceChanged");
        assertThat(events.get(3).at("/advice/previousLevel").asText()).isEqualTo("URGENT");
        assertThat(events.get(3).at("/advice/level").asText()).isEqualTo("SELF_CARE");
        assertThat(events.get(3).at("/advice/causeEscalationIds/0").asText()).isEqualTo(escalationId);
        given().auth().oauth2(DevTokens.patient(patient)).get("/patients/{p}/advice", patient).then().statusCode(200)
                .body("level", org.hamcrest.Matchers.equalTo("SELF_CARE"));
    }
}
