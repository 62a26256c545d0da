package crampwatch.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 F6, liveness of notification-service's workers: UP while the escalation consumer and the delivery sender
 * run; DOWN while the consumer is stuck on one record without progress for longer than
 * {@code crampwatch.health.stall-after} (its insert waits on a table lock: this service sets no statement timeout),
 * and UP again once it moves on. The channel itself failing is SmallRye's own liveness check, also in the report.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
@TestProfile(LivenessTest.ShortStallBound.class)
class LivenessTest {

    public static class ShortStallBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crampwatch.health.stall-after", "1s");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void liveGoesDownWhileTheConsumerIsStuckAndUpOnceItMoves() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'workers' }.data.'delivery-sender'", equalTo("UP"))
                .body("checks.find { it.name == 'workers' }.data.'escalations-consumer'", equalTo("UP"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - liveness check")));

        String patientId = "p-" + UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE processed_event IN ACCESS EXCLUSIVE MODE");
            }
            try {
                Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, UUID.randomUUID()));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/live").then().statusCode(503)
                        .body("checks.find { it.name == 'workers' }.data.'escalations-consumer'", startsWith("DOWN: thread")));
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'workers' }.data.'escalations-consumer'", equalTo("UP")));
    }
}
