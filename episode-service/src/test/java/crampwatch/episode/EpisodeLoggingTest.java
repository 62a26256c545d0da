package crampwatch.episode;

import crampwatch.testsupport.TestRun;
import static crampwatch.episode.Episodes.body;
import static crampwatch.episode.Episodes.newPatient;
import static crampwatch.episode.Episodes.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.common.events.EventSchemas;
import crampwatch.episode.domain.Episode;
import crampwatch.episode.service.EpisodeWriter;
import crampwatch.testsupport.DevTokens;
import crampwatch.testsupport.EventAssert;
import crampwatch.testsupport.KafkaTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        assertThat(episodesTopic.poll(Duration.ofSeconds(2)).stream().filter(KafkaTopic.keyed(patient))).hasSize(1);

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

    @Test
    void summaryCountsNightsTheWayTheRulesDo() {
        String patient = newPatient();
        // Two nights back, so that its 03:00 is in the past whatever the hour the suite runs at (with
        // minusDays(1) the 03:00 episode lay in the future between 22:00 and 02:00 UTC and was refused).
        OffsetDateTime lastNight = OffsetDateTime.now(java.time.ZoneOffset.ofHours(1)).minusDays(2)
                .withHour(23).withMinute(30).withSecond(0).withNano(0);
        // 23:30 and 03:00 the next morning are one night; a 700 s cramp three nights earlier another.
        Episodes.create(patient, body(lastNight, 60, 4));
        Episodes.create(patient, body(lastNight.plusHours(3).plusMinutes(30), 120, 6)
                .replace("\"wokeFromSleep\":true", "\"wokeFromSleep\":false"));
        Episodes.create(patient, body(lastNight.minusDays(3), 700, 9));
        Episodes.create(patient, body(lastNight.minusDays(30), 30, 10));

        given().auth().oauth2(DevTokens.patient(patient)).get("/patients/{p}/episodes/summary?days=14", patient)
                .then().statusCode(200)
                .body("days", equalTo(14))
                .body("episodes", equalTo(3))
                .body("nightsWithCramps", equalTo(2))
                .body("nightsWoken", equalTo(2))
                .body("longestDurationSeconds", equalTo(700))
                .body("highestPainScore", equalTo(9))
                .body("bySite.CALF", equalTo(3));
        given().auth().oauth2(DevTokens.patient(patient)).get("/patients/{p}/episodes/summary?days=0", patient)
                .then().statusCode(400).body("errors[0].field", equalTo("days"));
    }

    @Test
    void healthAndMetricsAreOpen() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("crampwatch_outbox_pending"));
        given().get("/q/openapi").then().statusCode(200);
    }

    static org.hamcrest.Matcher<java.util.Collection<?>> none() {
        return hasSize(0);
    }

    // Concurrent POSTs share transactions (EpisodeWriter's group commit): every one still gets its own 201, its own
    // stored row and exactly one event; a row PostgreSQL refuses fails only its own request.
    @Test
    void concurrentPostsAreEachStoredAndPublishedOnce() throws Exception {
        String patient = Episodes.newPatient();
        String token = DevTokens.patient(patient);
        int n = 48;
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusHours(3).minusMinutes(i).truncatedTo(ChronoUnit.SECONDS);
                int duration = 60 + i;
                Callable<String> post = () -> Episodes.post(patient, token, body(start, duration, 5)).statusCode(201).extract().path("id");
                ids.add(pool.submit(post));
            }
            Set<String> created = new HashSet<>();
            for (Future<String> id : ids) {
                created.add(id.get());
            }
            assertThat(created).hasSize(n);
            assertThat(db.count("SELECT count(*) FROM episode WHERE patient_id = ?", patient)).isEqualTo(n);

            List<ConsumerRecord<String, String>> records = episodesTopic.awaitRecords(KafkaTopic.keyed(patient), n, Duration.ofSeconds(20));
            Set<String> published = new HashSet<>();
            for (ConsumerRecord<String, String> r : records) {
                published.add(r.value().replaceAll("(?s).*\"episode\":\\{\"id\":\"([0-9a-f-]+)\".*", "$1"));
            }
            assertThat(published).isEqualTo(created);
            // poll returns everything seen so far: still n after two more seconds, so none was published twice
            assertThat(episodesTopic.poll(Duration.ofSeconds(2)).stream().filter(KafkaTopic.keyed(patient))).hasSize(n);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRowPostgresRefusesFailsOnlyItsOwnRequest() throws Exception {
        String patient = Episodes.newPatient();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).truncatedTo(ChronoUnit.SECONDS);
        List<Episode> good = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            good.add(new Episode(UUID.randomUUID(), patient, start.minusMinutes(i), 60, "CALF", "LEFT", 4, false, List.of(),
                    List.of(), List.of(), null, now));
        }
        // A duration the API would refuse; here it reaches the table, whose CHECK refuses it.
        Episode bad = new Episode(UUID.randomUUID(), patient, start, 0, "CALF", "LEFT", 4, false, List.of(), List.of(),
                List.of(), null, now);
        ExecutorService pool = Executors.newFixedThreadPool(13);
        try {
            List<Future<?>> stored = new ArrayList<>();
            Future<?> refused = pool.submit(() -> writer.store(bad));
            for (Episode e : good) {
                stored.add(pool.submit(() -> writer.store(e)));
            }
            for (Future<?> f : stored) {
                f.get();
            }
            assertThatThrownBy(refused::get).rootCause().hasMessageContaining("duration_seconds");
            assertThat(db.count("SELECT count(*) FROM episode WHERE patient_id = ?", patient)).isEqualTo(good.size());
            assertThat(db.count("SELECT count(*) FROM episode WHERE id = ?", bad.id())).isZero();
            List<ConsumerRecord<String, String>> records = episodesTopic.awaitRecords(KafkaTopic.keyed(patient), good.size(),
                    Duration.ofSeconds(20));
            assertThat(records).noneMatch(r -> r.value().contains(bad.id().toString()));
            assertThat(episodesTopic.poll(Duration.ofSeconds(2)).stream().filter(KafkaTopic.keyed(patient))).hasSize(good.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
