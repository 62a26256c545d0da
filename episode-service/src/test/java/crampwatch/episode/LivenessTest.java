package crampwatch.episode;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 F6, liveness: {@code /q/health/live} is UP while the background workers run, DOWN while one of them is
 * stuck in a step (the outbox relay waiting on a table lock longer than {@code crampwatch.health.stall-after}) and
 * UP again once it moves, and DOWN for good when a worker's thread is gone (the relay's and a writer's threads
 * are made to exit). Before this check, live was UP in every one of these states.
 */
@QuarkusTest
@TestProfile(LivenessTest.ShortStallBound.class)
class LivenessTest {

    public static class ShortStallBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crampwatch.health.stall-after", "1s",
                    "crampwatch.outbox.poll-interval", "200ms");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void liveGoesDownWhenAWorkerStallsOrDies() throws Exception {
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'workers' }.data.'outbox-relay'", equalTo("UP"))
                .body("checks.find { it.name == 'workers' }.data.'episode-writers'", equalTo("UP"));

        // Stalled: the relay's claim waits on a lock (up to the 5 s statement timeout, then again), busy without progress.
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE outbox_event IN ACCESS EXCLUSIVE MODE");
            }
            try {
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/live").then().statusCode(503)
                        .body("checks.find { it.name == 'workers' }.data.'outbox-relay'", startsWith("DOWN: thread outbox-relay busy")));
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/live").then().statusCode(200));

        // Dead: the threads exit (an interrupt ends their loops, as an uncaught error would).
        interrupt("episode-writer-0");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/live").then().statusCode(503)
                .body("checks.find { it.name == 'workers' }.data.'episode-writers'", equalTo("DOWN: thread episode-writer-0 is gone")));
        interrupt("outbox-relay");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/live").then().statusCode(503)
                .body("checks.find { it.name == 'workers' }.data.'outbox-relay'", equalTo("DOWN: thread outbox-relay is gone")));
    }

    private static void interrupt(String threadName) {
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(threadName)).findFirst()
                .orElseThrow(() -> new AssertionError("no thread " + threadName)).interrupt();
    }
}
