package crampwatch.advice.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crampwatch.advice.AdviceDb;
import crampwatch.advice.EpisodeEvents;
import crampwatch.common.dlq.DlqReplay;
import crampwatch.testsupport.KafkaTopic;
import crampwatch.testsupport.TestRun;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 F8: dead letters are counted per topic and reason, and {@code bin/dlq-replay} (DlqReplay) re-publishes
 * the chosen ones — filtered by reason — to their original topic with key and headers, once: a second run replays
 * nothing. The "bug" is a database trigger that refuses this test's patient's episodes (not a transient fault, so
 * each event fails three times and is dead-lettered); dropping the trigger is the fix.
 */
@QuarkusTest
class DlqReplayTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AdviceDb db;

    final String patient = "p-dlq-" + UUID.randomUUID();
    final String trigger = "dlq_fault_" + UUID.randomUUID().toString().replace("-", "");

    @AfterEach
    void dropFault() {
        db.execute("DROP TRIGGER IF EXISTS " + trigger + " ON episode");
        db.execute("DROP FUNCTION IF EXISTS " + trigger + "()");
    }

    @Test
    void deadLettersAreCountedAndReplayedOnceByReason() {
        String topic = TestRun.topic("cramp-episodes-advice-test");
        String dlqTopic = topic + ".dlq";
        db.execute("CREATE FUNCTION " + trigger + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.patient_id = '" + patient + "' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$");
        db.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON episode FOR EACH ROW EXECUTE FUNCTION " + trigger + "()");
        double failedBefore = deadLetters(topic, "processing-failed");
        double malformedBefore = deadLetters(topic, "malformed");

        List<ConsumerRecord<String, String>> dead;
        try (KafkaTopic dlq = KafkaTopic.fromNow(dlqTopic)) {
            KafkaTopic.send(topic, patient, EpisodeEvents.episode().logged(patient), "not json at all",
                    EpisodeEvents.episode().at("2026-11-21T02:14:00+01:00").logged(patient));
            dead = dlq.awaitRecords(KafkaTopic.keyed(patient), 3, WAIT);
        }
        assertThat(db.episodes(patient)).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(deadLetters(topic, "processing-failed") - failedBefore).isEqualTo(2.0);
            assertThat(deadLetters(topic, "malformed") - malformedBefore).isEqualTo(1.0);
        });

        // The fix ships; replay what failed in processing, not the malformed record (it would only fail again).
        dropFault();
        DlqReplay.Options options = DlqReplay.Options.of(KafkaTopic.bootstrapServers(), dlqTopic, "processing failed");
        String keyOnly = patient; // other tests of this run may have dead-lettered records too: replay only ours
        options = new DlqReplay.Options(options.bootstrapServers(), dlqTopic, "processing failed", false, keyOnly, null, null,
                null, null, null, false);

        DlqReplay.Result dry = DlqReplay.run(options.dryRun(true), quiet());
        assertThat(dry.replayed()).hasSize(2);

        DlqReplay.Result first;
        try (KafkaTopic episodes = KafkaTopic.fromNow(topic)) {
            first = DlqReplay.run(options, quiet());
            assertThat(first.replayed()).hasSize(2);
            assertThat(first.notChosen()).isGreaterThanOrEqualTo(1); // the malformed one
            List<ConsumerRecord<String, String>> again = episodes.awaitRecords(KafkaTopic.keyed(patient), 2, WAIT);
            assertThat(again).allSatisfy(r -> {
                assertThat(r.headers().lastHeader(DlqReplay.REPLAYED_FROM)).isNotNull();
                assertThat(r.headers().lastHeader("dead-letter-reason")).isNull();
            });
            assertThat(again).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrderElementsOf(dead.stream().filter(r -> !r.value().equals("not json at all"))
                            .map(ConsumerRecord::value).toList());
        }
        await().atMost(WAIT).until(() -> db.episodes(patient) == 2);

        DlqReplay.Result second = DlqReplay.run(options, quiet());
        assertThat(second.replayed()).isEmpty();
        assertThat(second.alreadyReplayed()).isEqualTo(2);
        // Nothing went back to the DLQ, and the counters did not move.
        assertThat(deadLetters(topic, "processing-failed") - failedBefore).isEqualTo(2.0);
        assertThat(db.episodes(patient)).isEqualTo(2);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** crampwatch_dead_letters_total for this topic and reason (0 before the first). */
    static double deadLetters(String topic, String reason) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^crampwatch_dead_letters_total\\{([^}]*)} ([0-9.eE+-]+)$").matcher(text);
        while (m.find()) {
            if (m.group(1).contains("topic=\"" + topic + "\"") && m.group(1).contains("reason=\"" + reason + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
