package crampwatch.advice.api;

import static crampwatch.advice.EpisodeEvents.episode;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import crampwatch.advice.EpisodeEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** GET advice: the level follows the open escalations, tailored self-care; operations endpoints. */
@QuarkusTest
class AdviceApiTest extends AdviceApiTestBase {

    @Test
    void adviceWithoutEpisodesIsSelfCareWithTheNotice() {
        asPatient().get("/patients/{p}/advice", patient).then().statusCode(200)
                .body("level", equalTo("SELF_CARE")).body("episodesConsidered", equalTo(0))
                .body("escalations.size()", equalTo(0)).body("selfCare[0].id", equalTo("during-a-cramp"))
                .body("notice", containsString("does not replace")).body("evaluatedAt", notNullValue())
                .body("selfCare.id", not(hasItem("medicine-review")));
    }

    @Test
    void adviceFollowsTheHighestOpenEscalationAndIsTailored() {
        asPatient().contentType(ContentType.JSON).body("{\"birthYear\":1950,\"medicines\":[\"Furosemide\"],\"conditions\":[\"DIABETES\"]}")
                .put("/patients/{p}/profile", patient).then().statusCode(200);
        EpisodeEvents.Ep painful = episode().pain(8).site("FOOT");
        send(painful.logged(patient));
        awaitEscalations(1);
        asPatient().get("/patients/{p}/advice", patient).then().statusCode(200)
                .body("level", equalTo("SEE_DOCTOR")).body("episodesConsidered", equalTo(1))
                .body("escalations[0].rule", equalTo("SIGNIFICANT_PAIN"))
                .body("selfCare.id", hasItem("medicine-review")).body("selfCare.id", hasItem("foot-exercises"))
                .body("selfCare.id", hasItem("diabetes")).body("selfCare.id", hasItem("age-50-plus"));

        EpisodeEvents.Ep urgent = episode().lasting(3600);
        send(urgent.logged(patient));
        awaitEscalations(2);
        asPatient().get("/patients/{p}/advice", patient).then().statusCode(200)
                .body("level", equalTo("URGENT")).body("episodesConsidered", equalTo(2))
                .body("escalations[0].level", equalTo("URGENT"));

        send(urgent.retracted(patient));
        await().atMost(WAIT).until(() -> db.episodes(patient) == 1);
        asPatient().get("/patients/{p}/advice", patient).then().statusCode(200)
                .body("level", equalTo("SEE_DOCTOR")).body("episodesConsidered", equalTo(1));
    }

    @Test
    void anAcknowledgementNeverMakesAnUrgentSituationReadAsSelfCare() {
        send(episode().lasting(720).logged(patient));
        awaitEscalations(1);
        String id = db.escalations(patient).get(0).get("id").toString();
        asClinician().contentType(ContentType.JSON).body("{\"note\":\"Called her; internal note\"}")
                .post("/escalations/{id}/acknowledge", id).then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));

        // Seen by the clinic, it still counts for the patient for 14 days after it was raised; the note stays with the clinic.
        String advice = asPatient().get("/patients/{p}/advice", patient).then().statusCode(200)
                .body("level", equalTo("URGENT"))
                .body("escalations[0].status", equalTo("ACKNOWLEDGED"))
                .body("escalations[0].seenByClinicAt", notNullValue())
                .body("escalations[0].seenByClinic", org.hamcrest.Matchers.matchesPattern("Seen by your clinic on \\d{1,2} [A-Z][a-z]+\\."))
                .extract().asString();
        assertThat(advice).doesNotContain("internal note").doesNotContain("acknowledgedBy").doesNotContain(clinician);

        // Raised 14 days and a minute ago: it no longer counts.
        db.execute("UPDATE escalation SET raised_at = now() - interval '14 days 1 minute' WHERE id = ?::uuid", id);
        asPatient().get("/patients/{p}/advice", patient).then().statusCode(200)
                .body("level", equalTo("SELF_CARE")).body("escalations.size()", equalTo(0));
        // 13 days and 23 hours ago: it still does.
        db.execute("UPDATE escalation SET raised_at = now() - interval '13 days 23 hours' WHERE id = ?::uuid", id);
        asPatient().get("/patients/{p}/advice", patient).then().statusCode(200).body("level", equalTo("URGENT"));
    }

    @Test
    void healthAndMetricsAreOpenAndCountEscalationsByRuleAndLevel() {
        send(episode().exposures("CONTAMINATED_WOUND").logged(patient));
        awaitEscalations(1);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("crampwatch_escalations_raised_total{level=\"URGENT\",rule=\"CONTAMINATED_WOUND\"}"));
    }
}
