package crampwatch.episode;

import crampwatch.testsupport.TestRun;
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
        topic = KafkaTopic.fromNow(TestRun.topic("cramp-episodes-episode-test"));
    }

    @AfterAll
    static void nothingWasPublished() {
        try {
            topic.assertStays(KafkaTopic.keyed(PATIENT), 0, Duration.ofSeconds(2)); // no event for a refused request
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
                Arguments.of("pain above 10", good.replace("\"painScore\":7", "\"painScore\":11"), "painScore", "at most 10"),
                Arguments.of("pain below 0", good.replace("\"painScore\":7", "\"painScore\":-1"), "painScore", "at least 0"),
                Arguments.of("duration 0", good.replace("\"durationSeconds\":90", "\"durationSeconds\":0"), "durationSeconds", "at least 1"),
                Arguments.of("duration over a day", good.replace("\"durationSeconds\":90", "\"durationSeconds\":86401"), "durationSeconds", "at most 86400"),
                Arguments.of("missing duration", good.replace("\"durationSeconds\":90,", ""), "durationSeconds", "is required"),
                Arguments.of("missing startedAt", good.replaceFirst("\"startedAt\":\"[^\"]+\",", ""), "startedAt", "is required"),
                Arguments.of("unknown site", good.replace("\"CALF\"", "\"ELBOW\""), "site", "not one of"),
                Arguments.of("lower-case side", good.replace("\"LEFT\"", "\"left\""), "side", "not one of"),
                Arguments.of("unknown relief", good.replace("\"STRETCHING\"", "\"QUININE\""), "relievedBy[0]", "not one of"),
                Arguments.of("null in a list", good.replace("\"symptoms\":[]", "\"symptoms\":[null]"), "symptoms[0]", "not one of"),
                Arguments.of("boolean as a number", good.replace("\"wokeFromSleep\":true", "\"wokeFromSleep\":1"), "wokeFromSleep", "boolean"),
                Arguments.of("start without offset", good.replaceFirst("\"startedAt\":\"([^\"]+)[+-]\\d\\d:\\d\\d\"", "\"startedAt\":\"2026-11-20T02:14:00\""),
                        "startedAt", "RFC 3339 date-time"),
                Arguments.of("start in the future", body(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10), 60, 3), "startedAt", "future"),
                Arguments.of("notes too long", good.replace("\"woke at 2, left calf\"", "\"" + "x".repeat(2001) + "\""), "notes", "at most 2000 characters"),
                Arguments.of("unknown field", good.replace("\"side\":\"LEFT\"", "\"side\":\"LEFT\",\"sevrity\":3"), "sevrity", "unknown field"),
                // What the edge once stored with 201 although a consumer refused it, or the contract forbids it.
                Arguments.of("an offset with seconds", withStart(good, "\"2026-12-02T10:00:00+00:00:30\""), "startedAt", "RFC 3339"),
                Arguments.of("a year before the common era", withStart(good, "\"-4713-11-24T12:00:00Z\""), "startedAt", "RFC 3339"),
                Arguments.of("a Julian-calendar date", withStart(good, "\"1582-10-10T02:00:00Z\""), "startedAt", "RFC 3339"),
                Arguments.of("year 0000", withStart(good, "\"0000-01-01T00:00:00Z\""), "startedAt", "RFC 3339"),
                Arguments.of("year 1900", withStart(good, "\"1900-01-01T00:00:00Z\""), "startedAt", "RFC 3339"),
                Arguments.of("just before 2000 in UTC", withStart(good, "\"2000-01-01T00:30:00+01:00\""), "startedAt", "before 2000"),
                Arguments.of("a number as start", withStart(good, "1700000000"), "startedAt", "expected a string"),
                Arguments.of("a fraction as start", withStart(good, "1.5"), "startedAt", "expected a string"),
                Arguments.of("epoch seconds in a string", withStart(good, "\"1700000000\""), "startedAt", "RFC 3339"),
                Arguments.of("minutes without seconds", withStart(good, "\"2026-11-20T02:14+01:00\""), "startedAt", "RFC 3339"),
                Arguments.of("an enum with padding", good.replace("\"CALF\"", "\"CALF \""), "site", "not one of"),
                Arguments.of("an enum with NUL", good.replace("\"CALF\"", "\"CALF\\u0000\""), "site", "not one of"),
                Arguments.of("an enum with a newline", good.replace("\"CALF\"", "\"OTHER\\n\""), "site", "not one of"),
                Arguments.of("NUL in notes", good.replace("\"woke at 2, left calf\"", "\"woke\\u0000\""), "notes", "control characters"),
                Arguments.of("an escape sequence in notes", good.replace("\"woke at 2, left calf\"", "\"\\u001b[31mred\""), "notes", "control characters"),
                Arguments.of("a repeated key", good.replace("\"side\":\"LEFT\"", "\"side\":\"LEFT\",\"side\":\"RIGHT\""), "$", "malformed JSON"),
                Arguments.of("trailing garbage", good + "garbage", "$", "malformed JSON"),
                Arguments.of("a second object", good + "{}", "$", "JSON"));
    }

    static String withStart(String body, String value) {
        return body.replaceFirst("\"startedAt\":\"[^\"]+\"", "\"startedAt\":" + value.replace("\\", "\\\\").replace("$", "\\$"));
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
    void emptyBodyAndWrongMediaType() throws Exception {
        given().auth().oauth2(DevTokens.patient(PATIENT)).contentType(ContentType.JSON)
                .post("/patients/{p}/episodes", PATIENT)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        given().auth().oauth2(DevTokens.patient(PATIENT)).contentType(ContentType.TEXT).body("cramp")
                .post("/patients/{p}/episodes", PATIENT)
                .then().statusCode(415).contentType("application/problem+json");
        // A JSON body without any Content-Type, or in a charset other than UTF-8.
        java.net.http.HttpResponse<String> bare = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/patients/" + PATIENT + "/episodes"))
                        .header("Authorization", "Bearer " + DevTokens.patient(PATIENT))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).as(bare.body()).isEqualTo(415);
        assertThat(bare.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        given().auth().oauth2(DevTokens.patient(PATIENT)).contentType("application/json; charset=ISO-8859-1")
                .body(body().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .post("/patients/{p}/episodes", PATIENT)
                .then().statusCode(415).contentType("application/problem+json").body("detail", containsString("UTF-8"));
        given().auth().oauth2(DevTokens.patient(PATIENT)).contentType("application/json; charset=UTF-16")
                .body(body().getBytes(java.nio.charset.StandardCharsets.UTF_16))
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
