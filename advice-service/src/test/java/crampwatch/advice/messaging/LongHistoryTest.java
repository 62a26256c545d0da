package crampwatch.advice.messaging;

import crampwatch.testsupport.TestRun;
import static crampwatch.advice.EpisodeEvents.episode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crampwatch.advice.AdviceDb;
import crampwatch.advice.SqlRecorder;
import crampwatch.advice.persistence.EpisodeRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import crampwatch.testsupport.KafkaTopic;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A patient with tens of thousands of episodes: the rules still read only a bounded window, through the index. */
@QuarkusTest
class LongHistoryTest {

    @Inject
    AdviceDb db;

    @Inject
    EpisodeRepository episodes;

    @Test
    void rulesReadABoundedWindowThroughTheIndex() {
        String patient = "p-" + UUID.randomUUID();
        // 20,000 short cramps every 20 hours, ending 2026-10-01 (a run far longer than two weeks).
        db.execute("""
                INSERT INTO episode (id, patient_id, started_at, started_offset_secs, duration_seconds, site, side, pain_score,
                                     woke_from_sleep, relieved_by, symptoms, exposures, recorded_at)
                SELECT gen_random_uuid(), ?, timestamptz '2026-10-01T00:00:00Z' - (n * interval '20 hours'), 3600, 60, 'CALF',
                       'LEFT', 2, false, '{}', '{}', '{}', now()
                FROM generate_series(0, 19999) AS n""", patient);
        db.execute("ANALYZE episode");
        try {
            // EXPLAIN the statement the rules' window read really sends (recorded from Hibernate), with its parameters.
            Instant from = Instant.parse("2026-09-03T00:00:00Z");
            Instant to = Instant.parse("2026-10-29T00:00:00Z");
            SqlRecorder.start();
            int read = QuarkusTransaction.requiringNew().call(() -> episodes.window(patient, from, to).size());
            List<String> sent = SqlRecorder.stop();
            assertThat(read).as("episodes in the 8 weeks read").isEqualTo(34);
            assertThat(sent).as("the window read is one statement").hasSize(1);
            String plan = db.rows("EXPLAIN (ANALYZE, FORMAT TEXT) " + sent.get(0), patient, Timestamp.from(from), Timestamp.from(to))
                    .stream().map(r -> r.values().iterator().next().toString()).collect(Collectors.joining("\n"));
            assertThat(plan).contains("episode_patient_started").doesNotContain("Seq Scan");

            // A new cramp joins the long run: one PERSISTENT escalation, decided from the window alone.
            KafkaTopic.send(TestRun.topic("cramp-episodes-advice-test"), patient, episode().at("2026-10-01T10:00:00+01:00").logged(patient));
            await().atMost(Duration.ofSeconds(60)).until(() -> db.episodes(patient) == 20_001);
            List<Map<String, Object>> stored = db.escalations(patient);
            assertThat(stored).extracting(r -> r.get("rule")).containsExactly("PERSISTENT_OVER_TWO_WEEKS");
        } finally {
            db.execute("DELETE FROM episode WHERE patient_id = ?", patient);
        }
    }
}
