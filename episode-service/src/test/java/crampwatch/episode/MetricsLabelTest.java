package crampwatch.episode;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import crampwatch.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Metrics labels are route templates: no path a client sent, and so no patient id, ever becomes a label. */
@QuarkusTest
class MetricsLabelTest {

    @Test
    void pathsThatMatchNoRouteDoNotBecomeLabels() {
        String secret = "p-secret-" + UUID.randomUUID().toString().substring(0, 8);
        String token = DevTokens.patient(secret);
        given().auth().oauth2(token).get("/patients/{p}/nonexistent", secret);
        given().auth().oauth2(token).get("/patients/{p}/episodes/a/b/c", secret);
        given().auth().oauth2(token).put("/patients/{p}/episodes", secret);
        given().auth().oauth2(token).contentType(ContentType.TEXT).body("x").post("/patients/{p}/episodes", secret);
        given().get("/patients/{p}/episodes", secret);
        given().auth().oauth2(token).get("/" + secret);
        given().auth().oauth2(token).get("/patients/{p}/episodes", secret).then().statusCode(200);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests_seconds_count");
        assertThat(metrics).contains("uri=\"/patients/{patientId}/episodes\"");
        assertThat(metrics.lines().filter(l -> l.contains(secret))).as("metric lines naming the patient").isEmpty();
    }

    @Test
    void healthAndMetricsAreOpen() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("crampwatch_outbox_pending"));
        given().get("/q/openapi").then().statusCode(200);
    }
}
