package crampwatch.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import crampwatch.testsupport.DevTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PUT|GET /patients/{patientId}/contacts and PUT|DELETE …/contacts/patient: validation, and who may do what. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class ContactsResourceTest {

    static final String BODY = """
            {"patient":{"email":"pat@example.org","minLevel":"URGENT"},
             "clinicians":[{"email":"doc.one@clinic.example","minLevel":"SEE_DOCTOR"},{"email":"doc.two@clinic.example","minLevel":"URGENT"}]}""";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static String pid() {
        return "p-" + UUID.randomUUID();
    }

    @Test
    void nothingStoredYetIsA404Problem() {
        Api.asClinician().get("/patients/{p}/contacts", pid()).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404))
                .body("detail", containsString("No contacts"));
    }

    @Test
    void aPatientSetsOnlyItsOwnAddressAndReadsTheList() {
        String patientId = pid();
        Api.asClinician().body(BODY).put("/patients/{p}/contacts", patientId).then().statusCode(200);

        Api.asPatient(patientId).body("{\"email\":\"me@example.org\",\"minLevel\":\"SEE_DOCTOR\"}")
                .put("/patients/{p}/contacts/patient", patientId).then().statusCode(200)
                .body("patient.email", equalTo("me@example.org")).body("patient.minLevel", equalTo("SEE_DOCTOR"))
                .body("clinicians.email", org.hamcrest.Matchers.contains("doc.one@clinic.example", "doc.two@clinic.example"));
        Api.asPatient(patientId).get("/patients/{p}/contacts", patientId).then().statusCode(200)
                .body("patient.email", equalTo("me@example.org")).body("clinicians.size()", equalTo(2))
                .body("clinicians.minLevel", org.hamcrest.Matchers.contains("SEE_DOCTOR", "URGENT"));

        Api.asPatient(patientId).delete("/patients/{p}/contacts/patient", patientId).then().statusCode(204);
        Api.asClinician().get("/patients/{p}/contacts", patientId).then().statusCode(200)
                .body("patient", nullValue()).body("clinicians.size()", equalTo(2));
    }

    @Test
    void aPatientWithNoListYetGetsOneWithItsOwnAddressOnly() {
        String patientId = pid();
        Api.asPatient(patientId).body("{\"email\":\"me@example.org\",\"minLevel\":\"URGENT\"}")
                .put("/patients/{p}/contacts/patient", patientId).then().statusCode(200)
                .body("patient.email", equalTo("me@example.org")).body("clinicians.size()", equalTo(0));
    }

    /** The clinicians on a patient's list are the clinic's: a patient token may not replace, empty or redirect them. */
    @Test
    void aPatientMayNotTouchTheCliniciansList() {
        String patientId = pid();
        Api.asClinician().body(BODY).put("/patients/{p}/contacts", patientId).then().statusCode(200);

        // Replace the list with its own, drop the clinicians, send the alerts to another address: each 403, nothing changed.
        Api.asPatient(patientId).body(BODY).put("/patients/{p}/contacts", patientId).then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
        Api.asPatient(patientId).body("{\"patient\":{\"email\":\"pat@example.org\",\"minLevel\":\"URGENT\"},\"clinicians\":[]}")
                .put("/patients/{p}/contacts", patientId).then().statusCode(403).contentType("application/problem+json");
        Api.asPatient(patientId).body("{\"patient\":null,\"clinicians\":[{\"email\":\"attacker@evil.example\",\"minLevel\":\"URGENT\"}]}")
                .put("/patients/{p}/contacts", patientId).then().statusCode(403).contentType("application/problem+json");
        // Unknown fields cannot smuggle a list into the patient's own entry.
        Api.asPatient(patientId).body("{\"email\":\"me@example.org\",\"minLevel\":\"URGENT\",\"clinicians\":[]}")
                .put("/patients/{p}/contacts/patient", patientId).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("clinicians"));

        Api.asClinician().get("/patients/{p}/contacts", patientId).then().statusCode(200)
                .body("patient.email", equalTo("pat@example.org"))
                .body("clinicians.email", org.hamcrest.Matchers.contains("doc.one@clinic.example", "doc.two@clinic.example"));
    }

    @Test
    void anotherPatientMayNotSetOrRemoveTheOwnAddress() {
        String patientId = pid();
        Api.asClinician().body(BODY).put("/patients/{p}/contacts", patientId).then().statusCode(200);
        String other = pid();
        Api.asPatient(other).body("{\"email\":\"evil@example.org\",\"minLevel\":\"URGENT\"}")
                .put("/patients/{p}/contacts/patient", patientId).then().statusCode(403).contentType("application/problem+json");
        Api.asPatient(other).delete("/patients/{p}/contacts/patient", patientId).then().statusCode(403)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"email\":\"x@example.org\",\"minLevel\":\"URGENT\"}")
                .put("/patients/{p}/contacts/patient", patientId).then().statusCode(401);
        Api.asClinician().get("/patients/{p}/contacts", patientId).then().statusCode(200)
                .body("patient.email", equalTo("pat@example.org"));

        // A clinician may set the patient's own entry too (audited like every clinician access).
        Api.asClinician().body("{\"email\":\"new@example.org\",\"minLevel\":\"URGENT\"}")
                .put("/patients/{p}/contacts/patient", patientId).then().statusCode(200)
                .body("patient.email", equalTo("new@example.org")).body("clinicians.size()", equalTo(2));
    }

    /**
     * Addresses the mailer or a relay would refuse are refused at PUT with the sender's own rule (EmailAddresses), naming
     * the entry: otherwise the URGENT alert to them would be retried until its attempts ran out.
     */
    @Test
    void addressesNoRelayWouldTakeAreA400NamingTheEntry() {
        String patientId = pid();
        Api.asClinician().body(BODY).put("/patients/{p}/contacts", patientId).then().statusCode(200);
        for (String bad : List.of("\\\"q,x;(c)<a>\\\"@mk.example", "doc@clinic\u200b.example", "doc@[192.0.2.1]",
                "doc@[IPv6:2001:db8::1]", "doc@192.0.2.1", "Doc <doc@clinic.example>", "doc@clinic", "doc@clínic.example",
                "doc@-clinic.example", "doc@clinic..example", ".doc@clinic.example", "doc(comment)@clinic.example",
                "doc@clinic.example\\r\\nBcc: x@y.example", "a,b@clinic.example", "doc@@clinic.example", "doc@clinic.example.",
                "x".repeat(65) + "@clinic.example", "d@" + "a".repeat(64) + ".example")) {
            String json = "{\"patient\":null,\"clinicians\":[{\"email\":\"ok@clinic.example\",\"minLevel\":\"URGENT\"},"
                    + "{\"email\":\"" + bad + "\",\"minLevel\":\"URGENT\"}]}";
            Api.asClinician().body(json).put("/patients/{p}/contacts", patientId).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("clinicians[1].email"));
            Api.asPatient(patientId).body("{\"email\":\"" + bad + "\",\"minLevel\":\"URGENT\"}")
                    .put("/patients/{p}/contacts/patient", patientId).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("email"));
        }
        Api.asClinician().get("/patients/{p}/contacts", patientId).then().statusCode(200)
                .body("patient.email", equalTo("pat@example.org")).body("clinicians.size()", equalTo(2));
    }

    @Test
    void aClinicianManagesAnyPatientAndAPutReplacesTheList() {
        String patientId = pid();
        Api.asClinician().body(BODY).put("/patients/{p}/contacts", patientId).then().statusCode(200);
        Api.asClinician().body("{\"patient\":null,\"clinicians\":[{\"email\":\"only@clinic.example\",\"minLevel\":\"URGENT\"}]}")
                .put("/patients/{p}/contacts", patientId).then().statusCode(200);
        Api.asClinician().get("/patients/{p}/contacts", patientId).then().statusCode(200)
                .body("patient", nullValue()).body("clinicians.email", org.hamcrest.Matchers.contains("only@clinic.example"));
    }

    @Test
    void noTokenIs401AndAnotherPatientIs403WithNothingChanged() {
        String patientId = pid();
        Api.asClinician().body(BODY).put("/patients/{p}/contacts", patientId).then().statusCode(200);

        given().contentType(ContentType.JSON).get("/patients/{p}/contacts", patientId).then().statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(BODY).put("/patients/{p}/contacts", patientId).then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/patients/{p}/contacts", patientId).then().statusCode(401);
        // Good signature, but not meant for us (issuer, audience, age, iat): 401, nothing changed.
        DevTokens.refusedTokens(patientId).forEach((what, token) -> {
            given().auth().oauth2(token).get("/patients/{p}/contacts", patientId).then().statusCode(401)
                    .contentType("application/problem+json");
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"email\":\"evil@example.org\",\"minLevel\":\"URGENT\"}")
                    .put("/patients/{p}/contacts/patient", patientId).then().statusCode(401);
        });

        String other = pid();
        Api.asPatient(other).get("/patients/{p}/contacts", patientId).then().statusCode(403)
                .contentType("application/problem+json").body("detail", equalTo("You are not allowed to do this."));
        Api.asPatient(other).body("{\"patient\":{\"email\":\"evil@example.org\",\"minLevel\":\"URGENT\"},\"clinicians\":[]}")
                .put("/patients/{p}/contacts", patientId).then().statusCode(403);
        // A 403 for a patient with no contacts looks the same: it reveals nothing.
        Api.asPatient(other).get("/patients/{p}/contacts", pid()).then().statusCode(403);

        Api.asClinician().get("/patients/{p}/contacts", patientId).then().statusCode(200)
                .body("patient.email", equalTo("pat@example.org"));
    }

    @Test
    void badInputIsA400NamingTheFieldAndChangesNothing() {
        String patientId = pid();
        Api.asClinician().body(BODY).put("/patients/{p}/contacts", patientId).then().statusCode(200);

        expect400(patientId, "{\"patient\":{\"email\":\"not-an-address\",\"minLevel\":\"URGENT\"},\"clinicians\":[]}",
                "patient.email");
        expect400(patientId, "{\"patient\":null,\"clinicians\":[{\"email\":\"a@b.example\",\"minLevel\":\"SELF_CARE\"}]}",
                "clinicians[0].minLevel");
        expect400(patientId, "{\"patient\":null,\"clinicians\":[{\"email\":\"a@b.example\"}]}", "clinicians[0].minLevel");
        expect400(patientId, "{\"patient\":null,\"clinicians\":[{\"email\":\"a@b.example\",\"minLevel\":\"URGENT\"},"
                + "{\"email\":\"bad address@x.example\",\"minLevel\":\"URGENT\"}]}", "clinicians[1].email");
        expect400(patientId, "{\"patient\":null,\"clinicians\":[{\"email\":\"a@b.example\",\"minLevel\":\"URGENT\"},"
                + "{\"email\":\"A@b.example\",\"minLevel\":\"SEE_DOCTOR\"}]}", "clinicians[1].email");
        expect400(patientId, "{\"patient\":null,\"clinicians\":[],\"phone\":\"123\"}", "phone");
        expect400(patientId, "{\"patient\":{\"email\":\"a@b.example\\r\\nBcc: x@y.example\",\"minLevel\":\"URGENT\"}}",
                "patient.email");
        expect400(patientId, "{\"patient\":", "$");
        Api.asClinician().put("/patients/{p}/contacts", patientId).then().statusCode(400).contentType("application/problem+json");
        expect400(patientId, "{\"patient\":null,\"clinicians\":[null]}", "clinicians[0]");
        Api.asClinician().body(BODY).put("/patients/{p}/contacts", "bad id with spaces").then().statusCode(400);

        Api.asClinician().get("/patients/{p}/contacts", patientId).then().statusCode(200)
                .body("patient.email", equalTo("pat@example.org")).body("clinicians.size()", equalTo(2));
    }

    private static void expect400(String patientId, String body, String field) {
        Api.asClinician().body(body).put("/patients/{p}/contacts", patientId).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(field));
    }
}
