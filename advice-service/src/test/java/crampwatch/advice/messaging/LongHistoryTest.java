package crampwatch.advice.messaging;

import crampwatch.testsupport.TestRun;
import static crampwatch.advice.EpisodeEvents.episode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crampwatch.advice.AdviceDb;
import crampwatch.testsupport.KafkaTopic;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
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
            String plan = db.rows("EXPLAIN (ANALYZE, FORMAT TEXT) SELECT * FROM episode WHERE patient_id = ? "
                            + "AND started_at BETWEEN ? AND ? ORDER BY started_at, id", patient,
                            java.sql.Timestamp.valueOf("2026-09-03 00:00:00"), java.sql.Timestamp.valueOf("2026-10-29 00:00:00"))
                    .stream().map(r -> r.values().iterator().next().toString()).collect(Collectors.joining("\n"));
            assertThat(plan).contains("episode_patient_started").doesNotContain("Seq Scan");

            // A new cramp joins the long run: one PERSISTENT escalation, decided from the window alone.
            long started = System.nanoTime();
            KafkaTopic.send(TestRun.topic("cramp-episodes-advice-test"), patient, episode().at("2026-10-01T10:00:00+01:00").logged(patient));
            await().atMost(Duration.ofSeconds(60)).until(() -> db.episodes(patient) == 20_001);
            List<Map<String, Object>> stored = db.escalations(patient);
            assertThat(stored).extracting(r -> r.get("rule")).containsExactly("PERSISTENT_OVER_TWO_WEEKS");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        } finally {
            db.execute("DELETE FROM episode WHERE patient_id = ?", patient);
        }
    }
}
