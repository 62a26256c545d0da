package crampwatch.advice.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.advice.AdviceDb;
import crampwatch.testsupport.KafkaTopic;
import crampwatch.testsupport.TestRun;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the consumer tests share: a fresh patient per test, episodes sent to this run's episode topic on the patient's
 * key, and a listener on this run's escalation topic from the moment the test starts.
 */
abstract class EscalationEventsTestBase {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AdviceDb db;

    KafkaTopic escalations;
    String patient;

    @BeforeEach
    void listenToEscalations() {
        escalations = KafkaTopic.fromNow(TestRun.topic("cramp-escalations-advice-test"));
        patient = "p-" + UUID.randomUUID();
    }

    @AfterEach
    void closeEscalations() {
        escalations.close();
    }

    /** Sends episode events for this test's patient, in this order, on its key. */
    void send(String... events) {
        KafkaTopic.send(TestRun.topic("cramp-episodes-advice-test"), patient, events);
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
