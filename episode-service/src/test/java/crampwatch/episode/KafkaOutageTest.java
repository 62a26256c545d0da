package crampwatch.episode;

import crampwatch.testsupport.TestRun;
import static crampwatch.episode.Episodes.newPatient;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.common.events.EventSchemas;
import crampwatch.testsupport.Broker;
import crampwatch.testsupport.DevTokens;
import crampwatch.testsupport.EventAssert;
import crampwatch.testsupport.KafkaTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka down while patients log episodes: every POST still answers 201, the events wait in the outbox,
 * and once the broker is back every one of them is published, once, in the order they were logged.
 * Uses a broker of its own (this run's, on free ports) so the shared one is never disturbed.
 */
@QuarkusTest
@TestProfile(KafkaOutageTest.OwnBroker.class)
class KafkaOutageTest {

    static final Broker BROKER = Broker.ofThisRun("outage");

    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            BROKER.stop(); // the service starts with its broker down
            return Map.of("kafka.bootstrap.servers", BROKER.bootstrapServers(),
                    "crampwatch.outbox.poll-interval", "500ms",
                    "crampwatch.outbox.max-backoff", "1s",
                    "crampwatch.outbox.metrics-interval", "500ms");
        }
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Inject
    Db db;

    @AfterAll
    static void stopBroker() {
        BROKER.destroy();
    }

    @Test
    void episodesLoggedWhileKafkaIsDownArePublishedOnceItIsBack() throws Exception {
        String patient = newPatient();
        // Still ready: it takes episodes without Kafka; the broker's state is visible in the report.
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'kafka' }.data.broker", equalTo("DOWN"));

        OffsetDateTime first = OffsetDateTime.now(ZoneOffset.ofHours(2)).minusDays(20).truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(given().auth().oauth2(DevTokens.patient(patient)).contentType("application/json")
                    .body(Episodes.body(first.plusDays(i), 30 + i, 5))
                    .post("/patients/{p}/episodes", patient)
                    .then().statusCode(201).extract().path("id"));
        }
        assertThat(db.episodes(patient)).isEqualTo(20);
        assertThat(db.count("SELECT count(*) FROM outbox_event WHERE msg_key = ?", patient)).isEqualTo(20);

        // The backlog is visible in /q/metrics while it lasts (issue 11 F10): the pending rows, and the age of the
        // oldest one growing, recounted on a schedule rather than only when the relay is idle.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metric("crampwatch_outbox_pending")).isGreaterThanOrEqualTo(20));
        double age = metric("crampwatch_outbox_oldest_pending_age_seconds");
        assertThat(age).isPositive();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(metric("crampwatch_outbox_oldest_pending_age_seconds")).isGreaterThan(age + 1));

        BROKER.start();

        ObjectMapper json = new ObjectMapper();
        try (KafkaTopic topic = KafkaTopic.fromBeginning(BROKER.bootstrapServers(), TestRun.topic("cramp-episodes-episode-test"))) {
            List<ConsumerRecord<String, String>> records = topic.awaitRecords(KafkaTopic.keyed(patient), 20, Duration.ofSeconds(60));
            List<String> published = new ArrayList<>();
            for (ConsumerRecord<String, String> r : records) {
                EventAssert.assertValid(EventSchemas.EPISODE_EVENT, r.value());
                published.add(json.readTree(r.value()).at("/episode/id").asText());
            }
            assertThat(published).as("every episode once, in the order logged").containsExactlyElementsOf(ids);
            topic.assertStays(KafkaTopic.keyed(patient), 20, Duration.ofSeconds(2));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(db.count("SELECT count(*) FROM outbox_event WHERE msg_key = ?", patient)).isZero());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'kafka' }.data.broker", equalTo("UP")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(metric("crampwatch_outbox_pending")).isZero();
            assertThat(metric("crampwatch_outbox_oldest_pending_age_seconds")).isZero();
        });
    }

    /** One unlabelled gauge's value from /q/metrics. */
    static double metric(String name) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(text);
        assertThat(m.find()).as(name + " in /q/metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
