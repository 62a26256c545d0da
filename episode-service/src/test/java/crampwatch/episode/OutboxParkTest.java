package crampwatch.episode;

import static crampwatch.episode.Episodes.newPatient;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crampwatch.testsupport.KafkaTopic;
import crampwatch.testsupport.TestRun;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 F5: a row the broker refuses for good — larger than the producer's {@code max.request.size}, or for a
 * topic whose name Kafka rejects — is parked (status in the row, counted, logged by id) and every row after it
 * is still published. Before parking, the relay retried such a row alone, forever, and nothing behind it moved.
 */
@QuarkusTest
@TestProfile(OutboxParkTest.FastRelay.class)
class OutboxParkTest {

    public static class FastRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crampwatch.outbox.poll-interval", "300ms",
                    "crampwatch.outbox.max-backoff", "500ms",
                    "crampwatch.outbox.metrics-interval", "300ms");
        }
    }

    @Inject
    Db db;

    @Test
    void aRowTheBrokerRefusesIsParkedAndTheRowsAfterItArePublished() {
        String topicName = TestRun.topic("cramp-episodes-episode-test");
        String patient = newPatient();
        UUID tooLarge = UUID.randomUUID();
        UUID badTopic = UUID.randomUUID();
        try (KafkaTopic topic = KafkaTopic.fromNow(topicName)) {
            // 2 MB: twice the producer's max.request.size (1 MB), so Kafka refuses it whatever happens.
            db.execute("INSERT INTO outbox_event (event_id, topic, msg_key, payload) VALUES (?, ?, ?, repeat('x', 2000000))",
                    tooLarge, topicName, patient);
            db.execute("INSERT INTO outbox_event (event_id, topic, msg_key, payload) VALUES (?, ?, ?, '{}')",
                    badTopic, "no such topic!", patient);

            OffsetDateTime first = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusDays(10).truncatedTo(ChronoUnit.SECONDS);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(Episodes.create(patient, Episodes.body(first.plusDays(i), 40 + i, 4)));
            }

            List<ConsumerRecord<String, String>> records = topic.awaitRecords(KafkaTopic.keyed(patient), 5, Duration.ofSeconds(45));
            assertThat(records).hasSize(5);
            assertThat(records).allSatisfy(r -> assertThat(r.value()).hasSizeLessThan(10_000));
            ids.forEach(id -> assertThat(records).anySatisfy(r -> assertThat(r.value()).contains(id)));
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(db.string("SELECT parked_reason FROM outbox_event WHERE event_id = ? AND parked_at IS NOT NULL", tooLarge))
                    .isEqualTo("RecordTooLargeException");
            assertThat(db.string("SELECT parked_reason FROM outbox_event WHERE event_id = ? AND parked_at IS NOT NULL", badTopic))
                    .isEqualTo("InvalidTopicException");
            assertThat(db.count("SELECT count(*) FROM outbox_event WHERE msg_key = ? AND parked_at IS NULL", patient)).isZero();
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern("crampwatch_outbox_parked_total\\{[^}]*reason=\"RecordTooLargeException\"[^}]*} 1\\.0");
            assertThat(metrics).containsPattern("crampwatch_outbox_parked_total\\{[^}]*reason=\"InvalidTopicException\"[^}]*} 1\\.0");
            assertThat(metrics).containsPattern("(?m)^crampwatch_outbox_parked_rows(\\{[^}]*})? 2\\.0");
            assertThat(metrics).containsPattern("(?m)^crampwatch_outbox_pending(\\{[^}]*})? 0\\.0");
        });
    }
}
