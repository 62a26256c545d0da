package crampwatch.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import crampwatch.notification.GreenMailResource;
import crampwatch.testsupport.DevTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The subscription API: who may use it, what it refuses (problem+json naming the field, nothing stored), its lifecycle. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class WebhookApiTest {

    static final String LOOPBACK = "http://127.0.0.1:9/hook";
    String integration;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void setUp() {
        integration = "portal-" + UUID.randomUUID();
    }

    /** Its subscriptions (some want every patient's events) must not outlive the test. */
    @org.junit.jupiter.api.AfterEach
    void deleteSubscriptions() {
        for (String id : asIntegration().get("/webhooks/subscriptions").then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class)) {
            asIntegration().delete("/webhooks/subscriptions/{id}", id).then().statusCode(204);
        }
    }

    RequestSpecification as(String subject, String role) {
        return given().auth().oauth2(DevTokens.mint(subject, role, Duration.ofMinutes(10))).contentType(ContentType.JSON);
    }

    RequestSpecification asIntegration() {
        return as(integration, "integration");
    }

    void refused(String body, String field, String reason) {
        asIntegration().body(body).post("/webhooks/subscriptions").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", containsString(field)).body("errors[0].reason", containsString(reason));
    }

    @Test
    void badSubscriptionsAre400NamingTheFieldAndStoreNothing() {
        refused("{\"eventTypes\":[\"AdviceChanged\"]}", "url", "required");
        refused("{\"url\":\"" + LOOPBACK + "\"}", "eventTypes", "at least one");
        refused("{\"url\":\"" + LOOPBACK + "\",\"eventTypes\":[]}", "eventTypes", "at least one");
        refused("{\"url\":\"" + LOOPBACK + "\",\"eventTypes\":[\"EpisodeLogged\"]}", "eventTypes", "");
        refused("{\"url\":\"ftp://example.com/x\",\"eventTypes\":[\"AdviceChanged\"]}", "url", "https");
        refused("{\"url\":\"/relative\",\"eventTypes\":[\"AdviceChanged\"]}", "url", "absolute");
        refused("{\"url\":\"http://user:pw@127.0.0.1/x\",\"eventTypes\":[\"AdviceChanged\"]}", "url", "password");
        refused("{\"url\":\"http://10.1.2.3/x\",\"eventTypes\":[\"AdviceChanged\"]}", "url", "private");
        refused("{\"url\":\"http://192.168.0.10/x\",\"eventTypes\":[\"AdviceChanged\"]}", "url", "private");
        refused("{\"url\":\"http://169.254.169.254/latest/meta-data\",\"eventTypes\":[\"AdviceChanged\"]}", "url", "link-local");
        refused("{\"url\":\"http://[fd00::1]/x\",\"eventTypes\":[\"AdviceChanged\"]}", "url", "private");
        refused("{\"url\":\"http://0.0.0.0/x\",\"eventTypes\":[\"AdviceChanged\"]}", "url", "not a single host");
        refused("{\"url\":\"" + LOOPBACK + "\",\"eventTypes\":[\"AdviceChanged\"],\"secret\":\"hunter2\"}", "secret", "whsec_");
        refused("{\"url\":\"" + LOOPBACK + "\",\"eventTypes\":[\"AdviceChanged\"],\"patientIds\":[\"bad id\"]}", "patientIds", "");
        refused("{\"url\":\"" + LOOPBACK + "\",\"eventTypes\":[\"AdviceChanged\"],\"patientIds\":[]}", "patientIds", "1 to 1000");
        refused("{\"url\":\"" + LOOPBACK + "\",\"eventTypes\":[\"AdviceChanged\"],\"colour\":\"red\"}", "colour", "unknown");
        asIntegration().body("{\"url\":").post("/webhooks/subscriptions").then().statusCode(400).contentType("application/problem+json");
        asIntegration().get("/webhooks/subscriptions").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void onlyIntegrationsMayUseItAndEachSeesOnlyItsOwn() {
        String id = asIntegration().body("{\"url\":\"" + LOOPBACK + "\",\"eventTypes\":[\"AdviceChanged\"]}").post("/webhooks/subscriptions")
                .then().statusCode(201).header("Location", containsString("/webhooks/subscriptions/")).extract().path("id");
        as("dr-1", "clinician").get("/webhooks/subscriptions").then().statusCode(403);
        as("p-1", "patient").get("/webhooks/subscriptions").then().statusCode(403);
        given().get("/webhooks/subscriptions").then().statusCode(401);
        as("other-portal", "integration").get("/webhooks/subscriptions/{id}", id).then().statusCode(404)
                .contentType("application/problem+json");
        as("other-portal", "integration").delete("/webhooks/subscriptions/{id}", id).then().statusCode(404);
        asIntegration().get("/webhooks/subscriptions/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aSubscriptionIsListedPausedResumedRotatedAndDeleted() {
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        String id = asIntegration().body("{\"url\":\"" + LOOPBACK + "\",\"eventTypes\":[\"EscalationRaised\",\"AdviceChanged\"],"
                        + "\"patientIds\":[\"p-9\"],\"secret\":\"" + secret + "\"}").post("/webhooks/subscriptions")
                .then().statusCode(201).body("status", equalTo("ACTIVE")).body("secret", equalTo(secret))
                .body("eventTypes", hasSize(2)).body("patientIds[0]", equalTo("p-9")).extract().path("id");
        asIntegration().body("{\"url\":\"" + LOOPBACK + "\",\"eventTypes\":[\"AdviceChanged\"]}").post("/webhooks/subscriptions")
                .then().statusCode(201).body("patientIds", nullValue());
        asIntegration().get("/webhooks/subscriptions?limit=1").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(id)).body("items[0].secret", nullValue()).body("nextCursor", notNullValue());
        asIntegration().post("/webhooks/subscriptions/{id}/pause", id).then().statusCode(200).body("status", equalTo("PAUSED"));
        asIntegration().post("/webhooks/subscriptions/{id}/resume", id).then().statusCode(200).body("status", equalTo("ACTIVE"));
        asIntegration().body("{\"secret\":\"nope\"}").post("/webhooks/subscriptions/{id}/secret", id).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("secret"));
        asIntegration().body("{}").post("/webhooks/subscriptions/{id}/secret", id).then().statusCode(200)
                .body("secret", org.hamcrest.Matchers.startsWith("whsec_"));
        asIntegration().get("/webhooks/subscriptions/{id}/deliveries?status=LOST", id).then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        asIntegration().get("/webhooks/subscriptions/{id}/deliveries?cursor=%%%", id).then().statusCode(400);
        asIntegration().delete("/webhooks/subscriptions/{id}", id).then().statusCode(204);
        asIntegration().get("/webhooks/subscriptions/{id}", id).then().statusCode(404);
    }
}
