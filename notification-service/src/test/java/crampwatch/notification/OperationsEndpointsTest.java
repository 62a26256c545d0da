package crampwatch.notification;

import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** What operations read: readiness (database, Kafka, SMTP), the delivery metrics, the OpenAPI document. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class OperationsEndpointsTest {

    @Test
    void readinessCoversDatabaseKafkaAndSmtpAndMetricsCountDeliveries() {
        RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("\"smtp\"")).body(containsString("\"kafka\"")).body(containsString("Database connections"));
        RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("crampwatch_deliveries_sent_total"))
                .body(containsString("crampwatch_deliveries_failed_total"))
                .body(containsString("crampwatch_deliveries_pending"))
                .body(containsString("crampwatch_deliveries_oldest_pending_age_seconds"))
                .body(containsString("crampwatch_deliveries_no_recipient_total"));
        RestAssured.given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/patients/{patientId}/contacts")).body(containsString("/notifications"));
    }
}
