package crampwatch.advice.api;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.testsupport.ApiFuzz;
import crampwatch.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Generated hostile bodies and paths: never a 5xx, every error problem+json, and a refusal changes nothing. */
@QuarkusTest
class AdviceFuzzTest {

    static final String PROFILE = """
            {"birthYear":1960,"pregnant":false,"timeZone":"Europe/Berlin","conditions":["DIABETES"],"medicines":["atorvastatin"]}""";

    static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    @Test
    void hostileProfileAndAcknowledgementBodiesGiveClearErrorsAndTheProfileIsTheLastAccepted() {
        String patient = "p-" + UUID.randomUUID();
        String clinician = DevTokens.clinician("dr-fuzz");
        List<ApiFuzz.Outcome> outcomes = ApiFuzz.bodies(base(), clinician, "PUT", "/patients/" + patient + "/profile", PROFILE, 500, 2202L);
        List<ApiFuzz.Outcome> acks = ApiFuzz.bodies(base(), clinician, "POST", "/escalations/" + UUID.randomUUID() + "/acknowledge",
                "{\"note\":\"called the patient\"}", 100, 2203L);
        System.out.println("[fuzz] profile bodies: " + ApiFuzz.statuses(outcomes) + ", acknowledgements: " + ApiFuzz.statuses(acks));
        ApiFuzz.assertSafe(outcomes);
        ApiFuzz.assertSafe(acks);
        assertThat(outcomes).filteredOn(o -> o.status() == 400).hasSizeGreaterThan(300);
        assertThat(acks).as("acknowledgements of an escalation that does not exist").filteredOn(o -> o.status() < 300).isEmpty();

        // What is stored is what the last accepted PUT answered; a refused one changed nothing.
        ApiFuzz.assertStoredIsLastAccepted(outcomes,
                RestAssured.given().auth().oauth2(clinician).get("/patients/{p}/profile", patient).then().extract().asString());
    }

    @Test
    void hostilePathsAndQueriesGiveClearErrorsAndChangeNothing() {
        String patient = "p-" + UUID.randomUUID();
        List<ApiFuzz.Outcome> outcomes = ApiFuzz.paths(base(), DevTokens.clinician("dr-fuzz"), List.of(
                "GET /patients/{p}/advice", "GET /patients/{p}/profile", "PUT /patients/{p}/profile", "GET /escalations",
                "GET /escalations/{id}", "POST /escalations/{id}/acknowledge", "GET /patients/{p}/advice/{id}"),
                List.of("status", "level", "patientId", "limit", "cursor"), patient, 300, 2204L);
        System.out.println("[fuzz] advice paths: " + ApiFuzz.statuses(outcomes));
        ApiFuzz.assertSafe(outcomes);
        assertThat(outcomes).filteredOn(o -> o.status() == 400).hasSizeGreaterThan(100);
        // An empty profile ({}) for a well-formed patient id is a valid PUT; nothing else may change anything.
        ApiFuzz.assertChangesOnlyForWellFormedPatients(outcomes);
    }
}
