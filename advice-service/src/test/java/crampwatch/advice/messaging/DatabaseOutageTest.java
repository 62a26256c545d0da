package crampwatch.advice.messaging;

import static crampwatch.advice.EpisodeEvents.episode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crampwatch.advice.AdviceDb;
import crampwatch.advice.PrivatePostgres;
import crampwatch.common.events.EventSchemas;
import crampwatch.testsupport.EventAssert;
import crampwatch.testsupport.KafkaTopic;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The database goes down while a good record waits: the record must not go to the DLQ; once the
 * database is back it is processed and its escalation published. Runs against a private PostgreSQL
 * server this test starts and stops (never the shared one).
 */
@QuarkusTest
@QuarkusTestResource(value = PrivatePostgres.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest {

    static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    AdviceDb db;

    @Test
    void aGoodRecordWaitsForTheDatabaseInsteadOfGoingToTheDeadLetterTopic() {
        Assumptions.assumeTrue(PrivatePostgres.current() != null, "PostgreSQL server binaries are not available here");
        String patient = "p-" + UUID.randomUUID();
        try (KafkaTopic dlq = KafkaTopic.fromNow("cramp-episodes.dlq");
             KafkaTopic escalations = KafkaTopic.fromNow("cramp-escalations")) {
            // The consumer is attached and working.
            KafkaTopic.send("cramp-episodes", patient, episode().logged(patient));
            await().atMost(WAIT).until(() -> db.episodes(patient) == 1);

            PrivatePostgres.current().stopServer();
            KafkaTopic.send("cramp-episodes", patient, episode().lasting(1500).logged(patient));
            // Long enough for several retries.
            assertThat(dlq.poll(Duration.ofSeconds(6)).stream().filter(r -> patient.equals(r.key()))).isEmpty();

            PrivatePostgres.current().startServer();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> db.escalations(patient).size() == 1);
            assertThat(db.escalations(patient).get(0)).containsEntry("rule", "LONG_CRAMP");
            var raised = escalations.awaitRecords(r -> patient.equals(r.key()), 1, WAIT);
            EventAssert.assertValid(EventSchemas.ESCALATION_EVENT, raised.get(0).value());
            assertThat(dlq.poll(Duration.ofSeconds(1)).stream().filter(r -> patient.equals(r.key()))).isEmpty();
        }
    }
}
