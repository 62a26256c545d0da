package crampwatch.advice.api;

import crampwatch.testsupport.TestRun;
import static crampwatch.advice.EpisodeEvents.episode;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import crampwatch.advice.AdviceDb;
import crampwatch.advice.EpisodeEvents;
import crampwatch.testsupport.DevTokens;
import crampwatch.testsupport.KafkaTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdviceApiTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AdviceDb db;

    String patient;
    String clinician;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void setUp() {
        patient = "p-" + UUID.randomUUID();
        clinician = "c-" + UUID.randomUUID();
    }

    private RequestSpecification asPatient() {
        return given().auth().oauth2(DevTokens.patient(patient));
    }

    private RequestSpecification asClinician() {
        return given().auth().oauth2(DevTokens.clinician(clinician));
    }

    private void send(String... events) {
        KafkaTopic.send(TestRun.topic("cramp-episodes-advice-test"), patient, events);
    }

    private void awaitEscalations(int n) {
        await().atMost(WAIT).until(() -> db.escalations(patient).size() >= n);
    }

    // --- profile --------------------------------------------------------------------------------------

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

    // --- advice ---------------------------------------------------------------------------------------

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

    // --- work list and acknowledgement ----------------------------------------------------------------

    @Test
    void workListIsUrgentFirstThenOldestFirstAndPaginates() {
        EpisodeEvents.Ep significant = episode().pain(7);
        EpisodeEvents.Ep long1 = episode().lasting(700);
        EpisodeEvents.Ep toxic = episode().exposures("TOXIC_SUBSTANCE");
        send(significant.logged(patient));
        awaitEscalations(1);
        send(long1.logged(patient));
        awaitEscalations(2);
        send(toxic.logged(patient));
        awaitEscalations(3);

        asClinician().queryParam("patientId", patient).get("/escalations").then().statusCode(200)
                .body("items.rule", contains("LONG_CRAMP", "TOXIC_EXPOSURE", "SIGNIFICANT_PAIN"))
                .body("nextCursor", nullValue());
        asClinician().queryParam("patientId", patient).queryParam("level", "SEE_DOCTOR").get("/escalations").then()
                .statusCode(200).body("items.rule", contains("SIGNIFICANT_PAIN"));

        List<String> rules = new ArrayList<>();
        String cursor = null;
        do {
            var spec = asClinician().queryParam("patientId", patient).queryParam("limit", 1);
            if (cursor != null) {
                spec.queryParam("cursor", cursor);
            }
            Map<String, Object> page = spec.get("/escalations").then().statusCode(200).extract().as(Map.class);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            items.forEach(i -> rules.add((String) i.get("rule")));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        assertThat(rules).containsExactly("LONG_CRAMP", "TOXIC_EXPOSURE", "SIGNIFICANT_PAIN");

        asClinician().queryParam("status", "SHUT").get("/escalations").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        asClinician().queryParam("level", "SELF_CARE").get("/escalations").then().statusCode(400)
                .body("errors[0].field", equalTo("level"));
        asClinician().queryParam("limit", "0").get("/escalations").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        asClinician().queryParam("limit", "lots").get("/escalations").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        asClinician().queryParam("cursor", "garbage!").get("/escalations").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));

        // Every patient whose data a clinician saw is in the audit trail.
        assertThat(db.rows("SELECT action, outcome FROM audit_log WHERE actor = ? AND patient_id = ?", clinician, patient))
                .extracting(r -> r.get("action")).contains("escalation.list");
    }

    @Test
    void clinicianAcknowledgesAndNewEvidenceThenRaisesANewOne() {
        EpisodeEvents.Ep first = episode().pain(9);
        send(first.logged(patient));
        awaitEscalations(1);
        String id = db.escalations(patient).get(0).get("id").toString();

        asClinician().contentType(ContentType.JSON).body("{\"note\":\"Called the patient, booked a visit.\"}")
                .post("/escalations/{id}/acknowledge", id).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED")).body("acknowledgedBy", equalTo(clinician))
                .body("acknowledgedAt", notNullValue()).body("acknowledgementNote", equalTo("Called the patient, booked a visit."));
        asClinician().contentType(ContentType.JSON).body("{}").post("/escalations/{id}/acknowledge", id).then().statusCode(409)
                .contentType("application/problem+json");
        asClinician().contentType(ContentType.JSON).body("{}").post("/escalations/{id}/acknowledge", UUID.randomUUID())
                .then().statusCode(404);
        asClinician().contentType(ContentType.JSON).body("{\"note\":\"" + "x".repeat(2001) + "\"}")
                .post("/escalations/{id}/acknowledge", id).then().statusCode(400).body("errors[0].field", containsString("note"));

        assertThat(db.rows("SELECT action, outcome FROM audit_log WHERE actor = ? AND patient_id = ? AND action = ?",
                clinician, patient, "escalation.acknowledge")).isNotEmpty();

        // After acknowledgement, new evidence raises a new escalation.
        send(episode().at("2026-11-25T03:00:00+01:00").pain(8).logged(patient));
        awaitEscalations(2);
        assertThat(db.escalations(patient)).extracting(r -> r.get("status")).containsExactly("ACKNOWLEDGED", "OPEN");
    }

    // --- security -------------------------------------------------------------------------------------

    @Test
    void securityMatrix() {
        String other = "p-" + UUID.randomUUID();
        String otherToken = DevTokens.patient(other);
        for (String path : List.of("/patients/{p}/advice", "/patients/{p}/profile")) {
            given().get(path, patient).then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(otherToken).get(path, patient).then().statusCode(403)
                    .contentType("application/problem+json").body("detail", not(containsString(patient)));
            given().auth().oauth2("not-a-token").get(path, patient).then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body("{}").put("/patients/{p}/profile", patient).then().statusCode(401);
        given().auth().oauth2(otherToken).contentType(ContentType.JSON).body("{}").put("/patients/{p}/profile", patient)
                .then().statusCode(403);
        // Good signature, but not meant for us (issuer, audience, age, iat): 401 on every kind of endpoint.
        DevTokens.refusedTokens(patient).forEach((what, token) -> {
            given().auth().oauth2(token).get("/patients/{p}/advice", patient).then().statusCode(401)
                    .contentType("application/problem+json");
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"pregnant\":true}")
                    .put("/patients/{p}/profile", patient).then().statusCode(401);
        });

        asPatient().get("/patients/{p}/advice", patient).then().statusCode(200);
        asClinician().get("/patients/{p}/advice", patient).then().statusCode(200);
        asClinician().contentType(ContentType.JSON).body("{\"pregnant\":true}").put("/patients/{p}/profile", patient)
                .then().statusCode(200);

        given().get("/escalations").then().statusCode(401);
        asPatient().get("/escalations").then().statusCode(403).contentType("application/problem+json");
        asPatient().contentType(ContentType.JSON).body("{}").post("/escalations/{id}/acknowledge", UUID.randomUUID())
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body("{}").post("/escalations/{id}/acknowledge", UUID.randomUUID())
                .then().statusCode(401);

        // Clinician reads and changes are audited; a patient's denied attempt on another patient too.
        assertThat(db.rows("SELECT action, outcome FROM audit_log WHERE actor = ? AND patient_id = ? ORDER BY id", clinician, patient))
                .extracting(r -> r.get("action") + ":" + r.get("outcome"))
                .containsExactly("advice.read:ALLOWED", "profile.write:ALLOWED");
        assertThat(db.rows("SELECT outcome FROM audit_log WHERE actor = ? AND patient_id = ?", other, patient))
                .extracting(r -> r.get("outcome")).contains("DENIED");
    }

    // --- operations -----------------------------------------------------------------------------------

    @Test
    void healthAndMetricsAreOpenAndCountEscalationsByRuleAndLevel() {
        send(episode().exposures("CONTAMINATED_WOUND").logged(patient));
        awaitEscalations(1);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("crampwatch_escalations_raised_total{level=\"URGENT\",rule=\"CONTAMINATED_WOUND\"}"));
    }
}
