package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.testsupport.ApiFuzz;
import crampwatch.testsupport.DevTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Generated hostile bodies and paths: never a 5xx, every error problem+json, and a refusal changes nothing. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class NotificationFuzzTest {

    static final String CONTACTS = """
            {"patient":{"email":"pat@example.org","minLevel":"URGENT"},
             "clinicians":[{"email":"doc.one@clinic.example","minLevel":"SEE_DOCTOR"}]}""";

    static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    @Test
    void hostileContactBodiesGiveClearErrorsAndTheContactsAreTheLastAccepted() {
        String patient = "p-" + UUID.randomUUID();
        String clinician = DevTokens.clinician("dr-fuzz");
        List<ApiFuzz.Outcome> outcomes = ApiFuzz.bodies(base(), clinician, "PUT", "/patients/" + patient + "/contacts", CONTACTS, 500, 3202L);
        System.out.println("[fuzz] contacts bodies: " + ApiFuzz.statuses(outcomes));
        ApiFuzz.assertSafe(outcomes);
        assertThat(outcomes).filteredOn(o -> o.status() == 400).hasSizeGreaterThan(300);

        ApiFuzz.assertStoredIsLastAccepted(outcomes,
                RestAssured.given().auth().oauth2(clinician).get("/patients/{p}/contacts", patient).then().extract().asString());
    }

    @Test
    void hostileOwnAddressBodiesGiveClearErrorsAndTheEntryIsTheLastAccepted() {
        String patient = "p-" + UUID.randomUUID();
        String token = DevTokens.patient(patient);
        List<ApiFuzz.Outcome> outcomes = ApiFuzz.bodies(base(), token, "PUT", "/patients/" + patient + "/contacts/patient",
                "{\"email\":\"pat@example.org\",\"minLevel\":\"URGENT\"}", 300, 3204L);
        System.out.println("[fuzz] own-address bodies: " + ApiFuzz.statuses(outcomes));
        ApiFuzz.assertSafe(outcomes);
        assertThat(outcomes).filteredOn(o -> o.status() == 400).hasSizeGreaterThan(150);
        ApiFuzz.assertStoredIsLastAccepted(outcomes,
                RestAssured.given().auth().oauth2(token).get("/patients/{p}/contacts", patient).then().extract().asString());
    }

    @Test
    void hostilePathsAndQueriesGiveClearErrorsAndChangeNothing() {
        String patient = "p-" + UUID.randomUUID();
        List<ApiFuzz.Outcome> outcomes = ApiFuzz.paths(base(), DevTokens.clinician("dr-fuzz"), List.of(
                "GET /patients/{p}/contacts", "PUT /patients/{p}/contacts", "GET /notifications", "GET /notifications/{id}"),
                List.of("patientId", "status", "limit", "cursor"), patient, 250, 3203L);
        System.out.println("[fuzz] notification paths: " + ApiFuzz.statuses(outcomes));
        ApiFuzz.assertSafe(outcomes);
        assertThat(outcomes).filteredOn(o -> o.status() == 400).hasSizeGreaterThan(80);
        // An empty contacts ({}) for a well-formed patient id is a valid PUT; nothing else may change anything.
        ApiFuzz.assertChangesOnlyForWellFormedPatients(outcomes);
    }
}
