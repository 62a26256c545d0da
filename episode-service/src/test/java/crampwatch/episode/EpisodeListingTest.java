package crampwatch.episode;

import static crampwatch.episode.Episodes.newPatient;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import crampwatch.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EpisodeListingTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Inject
    Db db;

    /** Seeds episodes straight into the database, one a day back from now, newest first in the returned list. */
    List<String> seed(String patient, int count) {
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            db.execute("""
                    INSERT INTO episode (id, patient_id, started_at, started_offset_seconds, duration_seconds, site, side,
                      pain_score, woke_from_sleep, relieved_by, symptoms, exposures, notes, recorded_at)
                    VALUES (?, ?, ?, 0, 60, 'FOOT', 'RIGHT', 3, false, '{}', '{}', '{}', null, now())""",
                    id, patient, java.sql.Timestamp.from(base.minus(i, ChronoUnit.HOURS)));
            ids.add(id.toString());
        }
        return ids;
    }

    @Test
    void pagesWalkNewestFirstWithoutGapsOrRepeats() {
        String patient = newPatient();
        List<String> expected = seed(patient, 7);
        String token = DevTokens.patient(patient);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/patients/{p}/episodes", patient).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void sameStartTimesStillPageExactly() {
        String patient = newPatient();
        Instant same = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS);
        for (int i = 0; i < 5; i++) {
            db.execute("""
                    INSERT INTO episode (id, patient_id, started_at, started_offset_seconds, duration_seconds, site, side,
                      pain_score, woke_from_sleep, relieved_by, symptoms, exposures, notes, recorded_at)
                    VALUES (?, ?, ?, 0, 60, 'FOOT', 'RIGHT', 3, false, '{}', '{}', '{}', null, now())""",
                    UUID.randomUUID(), patient, java.sql.Timestamp.from(same));
        }
        String token = DevTokens.patient(patient);
        JsonPath first = given().auth().oauth2(token).queryParam("limit", 2).get("/patients/{p}/episodes", patient).jsonPath();
        JsonPath second = given().auth().oauth2(token).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .get("/patients/{p}/episodes", patient).jsonPath();
        JsonPath third = given().auth().oauth2(token).queryParam("limit", 2).queryParam("cursor", second.getString("nextCursor"))
                .get("/patients/{p}/episodes", patient).jsonPath();
        List<String> all = new ArrayList<>(first.getList("items.id"));
        all.addAll(second.getList("items.id"));
        all.addAll(third.getList("items.id"));
        assertThat(all).hasSize(5).doesNotHaveDuplicates();
        assertThat(third.getString("nextCursor")).isNull();
    }

    @Test
    void limitIsCappedAt200() {
        String patient = newPatient();
        seed(patient, 205);
        given().auth().oauth2(DevTokens.patient(patient)).queryParam("limit", 1000).get("/patients/{p}/episodes", patient)
                .then().statusCode(200).body("items", hasSize(200)).body("nextCursor", notNullValue());
        given().auth().oauth2(DevTokens.patient(patient)).get("/patients/{p}/episodes", patient)
                .then().statusCode(200).body("items", hasSize(50));
    }

    @Test
    void fromIsInclusiveAndToExclusive() {
        String patient = newPatient();
        List<String> ids = seed(patient, 5); // hours -1 .. -5 from now
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
        // seed() used its own "now": recover the exact start of the 2nd and 4th newest from the list itself.
        JsonPath all = given().auth().oauth2(DevTokens.patient(patient)).get("/patients/{p}/episodes", patient).jsonPath();
        String second = all.getString("items[1].startedAt");
        String fourth = all.getString("items[3].startedAt");
        assertThat(base).isNotNull();
        given().auth().oauth2(DevTokens.patient(patient)).queryParam("from", fourth).queryParam("to", second)
                .get("/patients/{p}/episodes", patient)
                .then().statusCode(200).body("items.id", equalTo(List.of(ids.get(2), ids.get(3))))
                .body("nextCursor", nullValue());
    }
}
