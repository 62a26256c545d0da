package crampwatch.episode;

import static crampwatch.episode.Episodes.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crampwatch.episode.api.EpisodeView;
import crampwatch.episode.domain.EpisodeWriter;
import crampwatch.testsupport.DevTokens;
import crampwatch.testsupport.KafkaTopic;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent POSTs share transactions (EpisodeWriter's group commit): every one still gets its own 201,
 * its own stored row and exactly one event; a row PostgreSQL refuses fails only its own request.
 */
@QuarkusTest
class GroupCommitTest {

    @Inject
    Db db;

    @Inject
    EpisodeWriter writer;

    KafkaTopic episodesTopic;

    @BeforeEach
    void listen() {
        episodesTopic = KafkaTopic.fromNow("cramp-episodes");
    }

    @AfterEach
    void close() {
        episodesTopic.close();
    }

    @Test
    void concurrentPostsAreEachStoredAndPublishedOnce() throws Exception {
        String patient = Episodes.newPatient();
        String token = DevTokens.patient(patient);
        int n = 48;
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusHours(3).minusMinutes(i).truncatedTo(ChronoUnit.SECONDS);
                int duration = 60 + i;
                Callable<String> post = () -> Episodes.post(patient, token, body(start, duration, 5)).statusCode(201).extract().path("id");
                ids.add(pool.submit(post));
            }
            Set<String> created = new HashSet<>();
            for (Future<String> id : ids) {
                created.add(id.get());
            }
            assertThat(created).hasSize(n);
            assertThat(db.count("SELECT count(*) FROM episode WHERE patient_id = ?", patient)).isEqualTo(n);

            List<ConsumerRecord<String, String>> records = episodesTopic.awaitRecords(KafkaTopic.keyed(patient), n, Duration.ofSeconds(20));
            Set<String> published = new HashSet<>();
            for (ConsumerRecord<String, String> r : records) {
                published.add(r.value().replaceAll("(?s).*\"episode\":\\{\"id\":\"([0-9a-f-]+)\".*", "$1"));
            }
            assertThat(published).isEqualTo(created);
            // poll returns everything seen so far: still n after two more seconds, so none was published twice
            assertThat(episodesTopic.poll(Duration.ofSeconds(2)).stream().filter(KafkaTopic.keyed(patient))).hasSize(n);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRowPostgresRefusesFailsOnlyItsOwnRequest() throws Exception {
        String patient = Episodes.newPatient();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).truncatedTo(ChronoUnit.SECONDS);
        List<EpisodeView> good = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            good.add(new EpisodeView(UUID.randomUUID(), patient, start.minusMinutes(i), 60, "CALF", "LEFT", 4, false, List.of(),
                    List.of(), List.of(), null, now));
        }
        // A duration the API would refuse; here it reaches the table, whose CHECK refuses it.
        EpisodeView bad = new EpisodeView(UUID.randomUUID(), patient, start, 0, "CALF", "LEFT", 4, false, List.of(), List.of(),
                List.of(), null, now);
        ExecutorService pool = Executors.newFixedThreadPool(13);
        try {
            List<Future<?>> stored = new ArrayList<>();
            Future<?> refused = pool.submit(() -> writer.store(bad));
            for (EpisodeView e : good) {
                stored.add(pool.submit(() -> writer.store(e)));
            }
            for (Future<?> f : stored) {
                f.get();
            }
            assertThatThrownBy(refused::get).rootCause().hasMessageContaining("duration_seconds");
            assertThat(db.count("SELECT count(*) FROM episode WHERE patient_id = ?", patient)).isEqualTo(good.size());
            assertThat(db.count("SELECT count(*) FROM episode WHERE id = ?", bad.id())).isZero();
            List<ConsumerRecord<String, String>> records = episodesTopic.awaitRecords(KafkaTopic.keyed(patient), good.size(),
                    Duration.ofSeconds(20));
            assertThat(records).noneMatch(r -> r.value().contains(bad.id().toString()));
            assertThat(episodesTopic.poll(Duration.ofSeconds(2)).stream().filter(KafkaTopic.keyed(patient))).hasSize(good.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
