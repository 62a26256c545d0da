package crampwatch.episode;

import static io.restassured.RestAssured.given;

import crampwatch.testsupport.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Test fixtures: realistic episode bodies and API calls. */
final class Episodes {
    private Episodes() {
    }

    static String newPatient() {
        return "p-" + UUID.randomUUID();
    }

    /** A plausible night cramp a few hours ago, reported from a phone at UTC+01:00. */
    static String body() {
        return body(OffsetDateTime.now(ZoneOffset.ofHours(1)).minusHours(3).truncatedTo(ChronoUnit.SECONDS), 90, 7);
    }

    static String body(OffsetDateTime startedAt, int durationSeconds, int painScore) {
        return """
                {"startedAt":"%s","durationSeconds":%d,"site":"CALF","side":"LEFT","painScore":%d,
                 "wokeFromSleep":true,"relievedBy":["STRETCHING"],"symptoms":[],"exposures":[],
                 "notes":"woke at 2, left calf"}""".formatted(rfc3339(startedAt), durationSeconds, painScore);
    }

    /** RFC 3339 with seconds, as the contract demands ({@code OffsetDateTime.toString()} drops ":00" seconds). */
    static String rfc3339(OffsetDateTime t) {
        return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    static ValidatableResponse post(String patientId, String token, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json)
                .when().post("/patients/{p}/episodes", patientId).then();
    }

    static String create(String patientId, String json) {
        return post(patientId, DevTokens.patient(patientId), json).statusCode(201).extract().path("id");
    }
}
