package crampwatch.episode;

import static crampwatch.episode.Episodes.body;
import static crampwatch.episode.Episodes.newPatient;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import crampwatch.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** GET summary: nights counted the way the rules count them. */
@QuarkusTest
class EpisodeSummaryTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
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
}
