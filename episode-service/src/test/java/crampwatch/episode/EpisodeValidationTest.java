package crampwatch.episode;

import static crampwatch.episode.Episodes.body;
import static crampwatch.episode.Episodes.newPatient;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import crampwatch.testsupport.DevTokens;
import crampwatch.testsupport.KafkaTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input: 400 problem+json naming the field and the reason; nothing stored, nothing published. */
@QuarkusTest
class EpisodeValidationTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static final String PATIENT = newPatient();
    static KafkaTopic topic;

    @Inject
    Db db;

    @BeforeAll
    static void listen() {
        topic = KafkaTopic.fromNow("cramp-episodes");
    }

    @AfterAll
    static void nothingWasPublished() {
        try {
            assertThat(topic.poll(Duration.ofSeconds(2)).stream().filter(KafkaTopic.keyed(PATIENT)))
                    .as("events published for refused requests").isEmpty();
        } finally {
            topic.close();
        }
    }

    static Stream<Arguments> badBodies() {
        String good = body();
        return Stream.of(
                Arguments.of("malformed JSON", "{\"startedAt\": ", "$", "malformed JSON"),
                Arguments.of("not an object", "[1,2]", "$", "expected"),
                Arguments.of("pain as a string", good.replace("\"painScore\":7", "\"painScore\":\"7\""), "painScore", "whole number"),
                Arguments.of("pain as a fraction", good.replace("\"painScore\":7", "\"painScore\":7.5"), "painScore", "whole number"),
                Arguments.of("pain above 10", good.replace("\"painScore\":7", "\"painScore\":11"), "painScore", "less than or equal to 10"),
                Arguments.of("pain below 0", good.replace("\"painScore\":7", "\"painScore\":-1"), "painScore", "greater than or equal to 0"),
                Arguments.of("duration 0", good.replace("\"durationSeconds\":90", "\"durationSeconds\":0"), "durationSeconds", "greater than or equal to 1"),
                Arguments.of("duration over a day", good.replace("\"durationSeconds\":90", "\"durationSeconds\":86401"), "durationSeconds", "less than or equal to 86400"),
                Arguments.of("missing duration", good.replace("\"durationSeconds\":90,", ""), "durationSeconds", "must not be null"),
                Arguments.of("missing startedAt", good.replaceFirst("\"startedAt\":\"[^\"]+\",", ""), "startedAt", "must not be null"),
                Arguments.of("unknown site", good.replace("\"CALF\"", "\"ELBOW\""), "site", "not one of"),
                Arguments.of("lower-case side", good.replace("\"LEFT\"", "\"left\""), "side", "not one of"),
                Arguments.of("unknown relief", good.replace("\"STRETCHING\"", "\"QUININE\""), "relievedBy[0]", "not one of"),
                Arguments.of("null in a list", good.replace("\"symptoms\":[]", "\"symptoms\":[null]"), "symptoms[0]", "must not be null"),
                Arguments.of("boolean as a number", good.replace("\"wokeFromSleep\":true", "\"wokeFromSleep\":1"), "wokeFromSleep", "boolean"),
                Arguments.of("start without offset", good.replaceFirst("\"startedAt\":\"([^\"]+)[+-]\\d\\d:\\d\\d\"", "\"startedAt\":\"2026-11-20T02:14:00\""),
                        "startedAt", "date-time with offset"),
                Arguments.of("start in the future", body(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10), 60, 3), "startedAt", "future"),
                Arguments.of("notes too long", good.replace("\"woke at 2, left calf\"", "\"" + "x".repeat(2001) + "\""), "notes", "size must be between 0 and 2000"),
                Arguments.of("unknown field", good.replace("\"side\":\"LEFT\"", "\"side\":\"LEFT\",\"sevrity\":3"), "sevrity", "unknown field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void refusedWithTheFieldAndTheReason(String name, String json, String field, String reason) {
        given().auth().oauth2(DevTokens.patient(PATIENT)).contentType(ContentType.JSON).body(json)
                .post("/patients/{p}/episodes", PATIENT)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid request"))
                .body("errors.field", hasItem(field))
                .body("errors.reason", hasItem(containsString(reason)))
                .body(not(containsString("Exception")))
                .body(not(containsString("at crampwatch.")));
        assertThat(db.episodes(PATIENT)).isZero();
    }

    @Test
    void emptyBodyAndWrongMediaType() {
        given().auth().oauth2(DevTokens.patient(PATIENT)).contentType(ContentType.JSON)
                .post("/patients/{p}/episodes", PATIENT)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        given().auth().oauth2(DevTokens.patient(PATIENT)).contentType(ContentType.TEXT).body("cramp")
                .post("/patients/{p}/episodes", PATIENT)
                .then().statusCode(415).contentType("application/problem+json");
        assertThat(db.episodes(PATIENT)).isZero();
    }

    @Test
    void badPatientIdAndQueryParameters() {
        String clinician = DevTokens.clinician("dr-validation");
        given().auth().oauth2(clinician).contentType(ContentType.JSON).body(body())
                .post("/patients/{p}/episodes", "bad id!")
                .then().statusCode(400).body("errors[0].field", equalTo("patientId"));
        given().auth().oauth2(DevTokens.patient(PATIENT)).get("/patients/{p}/episodes?limit=0", PATIENT)
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(DevTokens.patient(PATIENT)).get("/patients/{p}/episodes?cursor=garbage", PATIENT)
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(DevTokens.patient(PATIENT)).get("/patients/{p}/episodes?from=yesterday", PATIENT)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        given().auth().oauth2(DevTokens.patient(PATIENT)).header("Idempotency-Key", "k".repeat(201))
                .contentType(ContentType.JSON).body(body())
                .post("/patients/{p}/episodes", PATIENT)
                .then().statusCode(400).body("errors[0].field", equalTo("idempotencyKey"));
        assertThat(db.episodes(PATIENT)).isZero();
    }
}
