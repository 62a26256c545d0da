package crampwatch.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import crampwatch.notification.Events;
import crampwatch.notification.GreenMailResource;
import crampwatch.testsupport.DevTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The production rules for receiver URLs (https only, loopback refused): at registration, and again before every attempt
 * for a subscription whose URL was stored when loopback was allowed.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
@TestProfile(WebhookAddressPolicyTest.ProductionUrlRules.class)
class WebhookAddressPolicyTest {

    public static class ProductionUrlRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crampwatch.webhooks.require-https", "true", "crampwatch.webhooks.allow-loopback", "false");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    final String integration = "portal-" + UUID.randomUUID();

    RequestSpecification asIntegration() {
        return given().auth().oauth2(DevTokens.mint(integration, "integration", Duration.ofMinutes(10))).contentType(ContentType.JSON);
    }

    @Test
    void loopbackAndPlainHttpAreRefusedWhenNotAllowed() {
        for (String url : new String[] {"https://127.0.0.1/hook", "https://localhost/hook", "https://[::1]/hook", "https://127.8.9.10:8443/x"}) {
            asIntegration().body(Map.of("url", url, "eventTypes", java.util.List.of("AdviceChanged"))).post("/webhooks/subscriptions")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url")).body("errors[0].reason", containsString("loopback"));
        }
        asIntegration().body(Map.of("url", "http://portal.example/hook", "eventTypes", java.util.List.of("AdviceChanged")))
                .post("/webhooks/subscriptions").then().statusCode(400).body("errors[0].reason", containsString("https"));
        asIntegration().get("/webhooks/subscriptions").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aStoredLoopbackUrlIsRefusedAtEveryAttemptAndNothingIsSent() throws Exception {
        try (Receiver receiver = new Receiver().start()) {
            UUID sub = UUID.randomUUID();
            String patient = "p-" + UUID.randomUUID();
            // Stored while loopback was allowed (or pointed at an inside address after the check): https, so only the address rule bites.
            String url = receiver.url().replace("http://", "https://");
            try (var c = dataSource.getConnection(); var ps = c.prepareStatement("INSERT INTO webhook_subscription (id, owner, url, secret, "
                    + "event_types, patient_ids, status, created_at, updated_at) VALUES (?, ?, ?, ?, ARRAY['AdviceChanged'], ARRAY[?], 'ACTIVE', now(), now())")) {
                ps.setObject(1, sub);
                ps.setString(2, integration);
                ps.setString(3, url);
                ps.setString(4, crampwatch.notification.webhook.domain.WebhookSignature.newSecret());
                ps.setString(5, patient);
                ps.executeUpdate();
            }
            Events.send(patient, Events.adviceChanged(UUID.randomUUID(), patient, "URGENT", "SELF_CARE", UUID.randomUUID()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonPath log = asIntegration().get("/webhooks/subscriptions/{id}/deliveries", sub).then().statusCode(200).extract().jsonPath();
                return log.getList("items").size() == 1 && "FAILED".equals(log.getString("items[0].status"));
            });
            assertThat(asIntegration().get("/webhooks/subscriptions/{id}/deliveries", sub).then().extract().jsonPath()
                    .getString("items[0].lastError")).isEqualTo("address refused: resolves to a loopback address");
            assertThat(receiver.requests()).isEmpty();
            asIntegration().delete("/webhooks/subscriptions/{id}", sub).then().statusCode(204);
        }
    }
}
