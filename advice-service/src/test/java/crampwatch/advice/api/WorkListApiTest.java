package crampwatch.advice.api;

import static crampwatch.advice.EpisodeEvents.episode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import crampwatch.advice.EpisodeEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The clinic work list (order, filters, paging, bad parameters) and acknowledgement. */
@QuarkusTest
class WorkListApiTest extends AdviceApiTestBase {

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
}
