package crampwatch.advice.api;

import static crampwatch.advice.EpisodeEvents.episode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PUT/GET profile: what is stored, what is refused (naming the field), and what a medicine start date does to stored cramps. */
@QuarkusTest
class ProfileApiTest extends AdviceApiTestBase {

    @Test
    void patientSavesAndReadsTheirProfile() {
        asPatient().contentType(ContentType.JSON)
                .body("{\"birthYear\":1961,\"pregnant\":false,\"timeZone\":\"Europe/Berlin\",\"conditions\":[\"DIABETES\"],"
                        + "\"medicines\":[\"Atorvastatin 20 mg\"]}")
                .put("/patients/{p}/profile", patient)
                .then().statusCode(200).body("timeZone", equalTo("Europe/Berlin")).body("conditions", contains("DIABETES"));
        asPatient().get("/patients/{p}/profile", patient).then().statusCode(200)
                .body("birthYear", equalTo(1961)).body("medicines.name", contains("Atorvastatin 20 mg")).body("medicines[0].startedOn", nullValue());
    }

    @Test
    void noProfileYetIs404() {
        asPatient().get("/patients/{p}/profile", patient).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badProfilesAre400NamingTheFieldAndChangeNothing() {
        asPatient().contentType(ContentType.JSON).body("{\"timeZone\":\"Europe/Berlin\"}").put("/patients/{p}/profile", patient)
                .then().statusCode(200);
        asPatient().contentType(ContentType.JSON).body("{\"timeZone\":\"Mars/Olympus\"}").put("/patients/{p}/profile", patient)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("timeZone"));
        asPatient().contentType(ContentType.JSON).body("{\"timeZone\":\"+01:00\"}").put("/patients/{p}/profile", patient)
                .then().statusCode(400).body("errors[0].field", equalTo("timeZone"));
        asPatient().contentType(ContentType.JSON).body("{\"birthYear\":1800}").put("/patients/{p}/profile", patient)
                .then().statusCode(400).body("errors[0].field", equalTo("birthYear"));
        asPatient().contentType(ContentType.JSON).body("{\"birthYear\":2999}").put("/patients/{p}/profile", patient)
                .then().statusCode(400).body("errors[0].field", equalTo("birthYear"));
        asPatient().contentType(ContentType.JSON).body("{\"birthYear\":\"1960\"}").put("/patients/{p}/profile", patient)
                .then().statusCode(400).body("errors[0].field", equalTo("birthYear"));
        asPatient().contentType(ContentType.JSON).body("{\"conditions\":[\"FLU\"]}").put("/patients/{p}/profile", patient)
                .then().statusCode(400).body("errors[0].field", containsString("conditions"));
        asPatient().contentType(ContentType.JSON).body("{\"medicines\":[\" \"]}").put("/patients/{p}/profile", patient)
                .then().statusCode(400).body("errors[0].field", containsString("medicines"));
        asPatient().contentType(ContentType.JSON).body("{\"timezone\":\"Europe/Paris\"}").put("/patients/{p}/profile", patient)
                .then().statusCode(400).body("errors[0].reason", containsString("unknown field"));
        asPatient().contentType(ContentType.JSON).body("{not json").put("/patients/{p}/profile", patient)
                .then().statusCode(400);
        asPatient().get("/patients/{p}/profile", patient).then().statusCode(200).body("timeZone", equalTo("Europe/Berlin"));
    }

    @Test
    void aStartDateAddedLaterMakesStoredCrampsCountAsNewAndAnEarlierCrampWithdrawsIt() {
        // A cramp on the night of 10 November is stored first; the profile then says a medicine began on 5 November.
        send(episode().at("2026-11-11T02:00:00+01:00").logged(patient));
        await().atMost(WAIT).until(() -> db.episodes(patient) == 1);
        asPatient().contentType(ContentType.JSON)
                .body("{\"medicines\":[\"paracetamol\",{\"name\":\"Simvastatin 40 mg\",\"startedOn\":\"2026-11-05\"}]}")
                .put("/patients/{p}/profile", patient).then().statusCode(200)
                .body("medicines.name", contains("paracetamol", "Simvastatin 40 mg"))
                .body("medicines.startedOn", contains(null, "2026-11-05"));
        List<Map<String, Object>> raised = db.escalations(patient);
        assertThat(raised).singleElement().satisfies(e -> {
            assertThat(e.get("rule")).isEqualTo("NEW_MEDICINE");
            assertThat(e.get("status")).isEqualTo("OPEN");
            assertThat((String) e.get("reason")).doesNotContainIgnoringCase("simvastatin");
        });
        // Saving the same profile again raises nothing new.
        asPatient().contentType(ContentType.JSON)
                .body("{\"medicines\":[\"paracetamol\",{\"name\":\"Simvastatin 40 mg\",\"startedOn\":\"2026-11-05\"}]}")
                .put("/patients/{p}/profile", patient).then().statusCode(200);
        assertThat(db.escalations(patient)).hasSize(1);

        // A cramp from before the start turns up late: the cramps did not begin with the medicine after all.
        send(episode().at("2026-10-20T02:00:00+01:00").logged(patient));
        await().atMost(WAIT).until(() -> "WITHDRAWN".equals(db.escalations(patient).get(0).get("status")));

        asPatient().contentType(ContentType.JSON).body("{\"medicines\":[{\"name\":\"x\",\"startedOn\":\"2999-01-01\"}]}")
                .put("/patients/{p}/profile", patient).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("medicines[0].startedOn"));
        asPatient().contentType(ContentType.JSON).body("{\"medicines\":[{\"name\":\"x\",\"startedOn\":\"1 May\"}]}")
                .put("/patients/{p}/profile", patient).then().statusCode(400).contentType("application/problem+json");
        asPatient().contentType(ContentType.JSON).body("{\"medicines\":[{\"startedOn\":\"2026-11-01\"}]}")
                .put("/patients/{p}/profile", patient).then().statusCode(400).contentType("application/problem+json");
    }
}
