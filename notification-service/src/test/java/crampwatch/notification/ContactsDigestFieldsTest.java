package crampwatch.notification;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contacts API's digest choice (clinicians) and quiet hours (the patient): stored, returned, validated. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class ContactsDigestFieldsTest {

    static final String BODY = """
            {"patient":{"email":"pat@example.org","minLevel":"SEE_DOCTOR","quietHours":{"start":"22:00","end":"07:00"}},
             "clinicians":[{"email":"digest@clinic.example","minLevel":"SEE_DOCTOR","seeDoctorDelivery":"DAILY_DIGEST"},
                           {"email":"now@clinic.example","minLevel":"URGENT"}]}""";

    static String pid() {
        return "p-" + UUID.randomUUID();
    }

    @Test
    void theNewFieldsAreStoredAndReturned() {
        String patientId = pid();
        Api.asClinician().body(BODY).put("/patients/{p}/contacts", patientId).then().statusCode(200)
                .body("patient.quietHours.start", equalTo("22:00")).body("patient.quietHours.end", equalTo("07:00"))
                .body("patient.seeDoctorDelivery", nullValue());
        Api.asClinician().get("/patients/{p}/contacts", patientId).then().statusCode(200)
                .body("patient.quietHours.start", equalTo("22:00")).body("patient.quietHours.end", equalTo("07:00"))
                .body("clinicians[0].seeDoctorDelivery", equalTo("DAILY_DIGEST"))
                .body("clinicians[1].seeDoctorDelivery", equalTo("IMMEDIATE"))
                .body("clinicians[0].quietHours", nullValue());
        // The patient changes its own quiet hours; the clinicians' choices stay.
        Api.asPatient(patientId).body("{\"email\":\"pat@example.org\",\"minLevel\":\"SEE_DOCTOR\",\"quietHours\":{\"start\":\"21:30\",\"end\":\"06:45\"}}")
                .put("/patients/{p}/contacts/patient", patientId).then().statusCode(200)
                .body("patient.quietHours.start", equalTo("21:30")).body("clinicians[0].seeDoctorDelivery", equalTo("DAILY_DIGEST"));
        // Leaving quietHours out clears them.
        Api.asPatient(patientId).body("{\"email\":\"pat@example.org\",\"minLevel\":\"SEE_DOCTOR\"}")
                .put("/patients/{p}/contacts/patient", patientId).then().statusCode(200)
                .body("patient.quietHours", nullValue());
    }

    @Test
    void badNewFieldsAreA400NamingTheFieldAndChangeNothing() {
        String patientId = pid();
        Api.asClinician().body(BODY).put("/patients/{p}/contacts", patientId).then().statusCode(200);

        expect400(patientId, "{\"patient\":null,\"clinicians\":[{\"email\":\"a@b.example\",\"minLevel\":\"URGENT\",\"seeDoctorDelivery\":\"WEEKLY\"}]}",
                "clinicians[0].seeDoctorDelivery");
        expect400(patientId, "{\"patient\":null,\"clinicians\":[{\"email\":\"a@b.example\",\"minLevel\":\"URGENT\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\"}}]}",
                "clinicians[0].quietHours");
        expect400(patientId, "{\"patient\":{\"email\":\"p@b.example\",\"minLevel\":\"URGENT\",\"seeDoctorDelivery\":\"DAILY_DIGEST\"},\"clinicians\":[]}",
                "patient.seeDoctorDelivery");
        expect400(patientId, "{\"patient\":{\"email\":\"p@b.example\",\"minLevel\":\"URGENT\",\"quietHours\":{\"start\":\"25:00\",\"end\":\"07:00\"}},\"clinicians\":[]}",
                "patient.quietHours.start");
        expect400(patientId, "{\"patient\":{\"email\":\"p@b.example\",\"minLevel\":\"URGENT\",\"quietHours\":{\"start\":\"7\",\"end\":\"07:00\"}},\"clinicians\":[]}",
                "patient.quietHours.start");
        expect400(patientId, "{\"patient\":{\"email\":\"p@b.example\",\"minLevel\":\"URGENT\",\"quietHours\":{\"start\":\"22:00\"}},\"clinicians\":[]}",
                "patient.quietHours.end");
        expect400(patientId, "{\"patient\":{\"email\":\"p@b.example\",\"minLevel\":\"URGENT\",\"quietHours\":{\"start\":\"07:00\",\"end\":\"07:00\"}},\"clinicians\":[]}",
                "patient.quietHours.end");
        expect400(patientId, "{\"patient\":{\"email\":\"p@b.example\",\"minLevel\":\"URGENT\",\"quietHours\":\"22-07\"},\"clinicians\":[]}",
                "patient.quietHours");
        Api.asPatient(patientId).body("{\"email\":\"p@b.example\",\"minLevel\":\"URGENT\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"22:00\"}}")
                .put("/patients/{p}/contacts/patient", patientId).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("quietHours.end"));
        Api.asPatient(patientId).body("{\"email\":\"p@b.example\",\"minLevel\":\"URGENT\",\"seeDoctorDelivery\":\"DAILY_DIGEST\"}")
                .put("/patients/{p}/contacts/patient", patientId).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("seeDoctorDelivery"));

        Api.asClinician().get("/patients/{p}/contacts", patientId).then().statusCode(200)
                .body("patient.email", equalTo("pat@example.org")).body("patient.quietHours.start", equalTo("22:00"))
                .body("clinicians[0].seeDoctorDelivery", equalTo("DAILY_DIGEST"));
    }

    private static void expect400(String patientId, String body, String field) {
        Api.asClinician().body(body).put("/patients/{p}/contacts", patientId).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(field));
    }
}
