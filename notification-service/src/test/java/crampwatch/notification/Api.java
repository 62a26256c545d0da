package crampwatch.notification;

import static io.restassured.RestAssured.given;

import crampwatch.testsupport.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Small REST helpers for the tests. */
public final class Api {
    private Api() {
    }

    public static RequestSpecification asClinician() {
        return given().auth().oauth2(DevTokens.clinician("dr-test")).contentType(ContentType.JSON);
    }

    public static RequestSpecification asPatient(String patientId) {
        return given().auth().oauth2(DevTokens.patient(patientId)).contentType(ContentType.JSON);
    }

    /** Stores contacts as a clinician: patient email + minLevel (null for none), then clinician pairs. */
    public static void putContacts(String patientId, String patientEmail, String patientMin, String... clinicianPairs) {
        StringBuilder body = new StringBuilder("{\"patient\":");
        body.append(patientEmail == null ? "null" : "{\"email\":\"" + patientEmail + "\",\"minLevel\":\"" + patientMin + "\"}");
        body.append(",\"clinicians\":[");
        for (int i = 0; i < clinicianPairs.length; i += 2) {
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"email\":\"").append(clinicianPairs[i]).append("\",\"minLevel\":\"").append(clinicianPairs[i + 1]).append("\"}");
        }
        body.append("]}");
        asClinician().body(body.toString()).put("/patients/{p}/contacts", patientId).then().statusCode(200);
    }
}
