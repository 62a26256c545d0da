package crampwatch.episode;

import crampwatch.testsupport.TestRun;
import static crampwatch.episode.Episodes.body;
import static crampwatch.episode.Episodes.newPatient;
import static crampwatch.episode.Episodes.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.common.events.EventSchemas;
import crampwatch.episode.service.EpisodeWriter;
import crampwatch.testsupport.DevTokens;
import crampwatch.testsupport.EventAssert;
import crampwatch.testsupport.KafkaTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EpisodeLoggingTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Inject
    Db db;

    @Inject
    EpisodeWriter writer;

    final ObjectMapper json = new ObjectMapper();
    KafkaTopic episodesTopic;

    @BeforeEach
    void listen() {
        episodesTopic = KafkaTopic.fromNow(TestRun.topic("cramp-episodes-episode-test"));
    }

    @AfterEach
    void close() {
        episodesTopic.close();
    }

    @Test
    void loggedEpisodeIsStoredAndPublishedRightAfterCommit() throws Exception {
        String patient = newPatient();
        var response = post(patient, DevTokens.patient(patient), body(OffsetDateTime.parse("2026-11-20T02:14:00+01:00"), 754, 8))
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("startedAt", equalTo("2026-11-20T02:14:00+01:00"))
                .body("durationSeconds", equalTo(754))
                .body("site", equalTo("CALF"))
                .body("painScore", equalTo(8))
                .body("relievedBy", equalTo(List.of("STRETCHING")))
                .body("recordedAt", notNullValue())
                .extract();
        String id = response.path("id");
        assertThat(response.header("Location")).endsWith("/patients/" + patient + "/episodes/" + id);

        assertThat(db.count("SELECT count(*) FROM episode WHERE id = ?::uuid AND patient_id = ? AND duration_seconds = 754 "
                + "AND started_offset_seconds = 3600 AND started_at = '2026-11-20T01:14:00Z'", id, patient)).isEqualTo(1);

        // The poller runs every 30 s in tests: arriving within seconds proves the after-commit wake-up.
        List<ConsumerRecord<String, String>> records = episodesTopic.awaitRecords(KafkaTopic.keyed(patient), 1, Duration.ofSeconds(10));
        assertThat(records).hasSize(1);
        String value = records.get(0).value();
        EventAssert.assertValid(EventSchemas.EPISODE_EVENT, value);
        JsonNode event = json.readTree(value);
        assertThat(event.get("type").asText()).isEqualTo("EpisodeLogged");
        assertThat(event.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(event.get("patientId").asText()).isEqualTo(patient);
        assertThat(event.at("/episode/id").asText()).isEqualTo(id);
        assertThat(event.at("/episode/startedAt").asText()).isEqualTo("2026-11-20T02:14:00+01:00");
        assertThat(event.at("/episode/durationSeconds").asInt()).isEqualTo(754);
        assertThat(db.count("SELECT count(*) FROM outbox_event WHERE msg_key = ?", patient)).isZero();

        given().auth().oauth2(DevTokens.patient(patient)).get("/patients/{p}/episodes/{id}", patient, id)
                .then().statusCode(200).body("id", equalTo(id)).body("startedAt", equalTo("2026-11-20T02:14:00+01:00"))
                .body("notes", equalTo("woke at 2, left calf"));
    }

    @Test
    void idempotencyKeyReturnsTheOriginalAndPublishesNothingNew() {
        String patient = newPatient();
        String token = DevTokens.patient(patient);
        String body = body();
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/patients/{p}/episodes", patient).then().statusCode(201).extract().path("id");
        String second = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/patients/{p}/episodes", patient).then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract().path("id");
        assertThat(second).isEqualTo(first);

        given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body.replace("\"painScore\":7", "\"painScore\":3"))
                .post("/patients/{p}/episodes", patient).then().statusCode(409)
                .contentType("application/problem+json");

        assertThat(db.episodes(patient)).isEqualTo(1);
        episodesTopic.awaitRecords(KafkaTopic.keyed(patient), 1, Duration.ofSeconds(10));
        episodesTopic.assertStays(KafkaTopic.keyed(patient), 1, Duration.ofSeconds(2));

        // The key belongs to the patient: another patient may use the same key for their own episode.
        String other = newPatient();
        given().auth().oauth2(DevTokens.patient(other)).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/patients/{p}/episodes", other).then().statusCode(201);
        assertThat(db.episodes(other)).isEqualTo(1);
    }

    @Test
    void retractionDeletesAndPublishesEpisodeRetracted() throws Exception {
        String patient = newPatient();
        String token = DevTokens.patient(patient);
        String id = Episodes.create(patient, body());

        given().auth().oauth2(token).delete("/patients/{p}/episodes/{id}", patient, id).then().statusCode(204);
        given().auth().oauth2(token).get("/patients/{p}/episodes/{id}", patient, id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(token).delete("/patients/{p}/episodes/{id}", patient, id).then().statusCode(404);
        assertThat(db.episodes(patient)).isZero();

        List<ConsumerRecord<String, String>> records = episodesTopic.awaitRecords(KafkaTopic.keyed(patient), 2, Duration.ofSeconds(10));
        JsonNode logged = json.readTree(records.get(0).value());
        JsonNode retracted = json.readTree(records.get(1).value());
        assertThat(logged.get("type").asText()).isEqualTo("EpisodeLogged");
        assertThat(retracted.get("type").asText()).isEqualTo("EpisodeRetracted");
        assertThat(retracted.at("/episode/id").asText()).isEqualTo(id);
        EventAssert.assertValid(EventSchemas.EPISODE_EVENT, records.get(1).value());
        assertThat(records.get(0).partition()).isEqualTo(records.get(1).partition());
    }

    @Test
    void anEpisodeOfAnotherPatientIsNotFoundUnderThisPatient() {
        String owner = newPatient();
        String id = Episodes.create(owner, body());
        String clinician = DevTokens.clinician("dr-" + UUID.randomUUID());
        given().auth().oauth2(clinician).get("/patients/{p}/episodes/{id}", "p-someone-else", id).then().statusCode(404);
        given().auth().oauth2(clinician).delete("/patients/{p}/episodes/{id}", "p-someone-else", id).then().statusCode(404);
        given().auth().oauth2(clinician).get("/patients/{p}/episodes/{id}", owner, "not-a-uuid").then().statusCode(404);
        assertThat(db.episodes(owner)).isEqualTo(1);
    }
}
