package crampwatch.episode;

import crampwatch.testsupport.TestRun;
import static crampwatch.episode.Episodes.body;
import static crampwatch.episode.Episodes.newPatient;
import static crampwatch.episode.Episodes.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasSize;

import crampwatch.episode.domain.Episode;
import crampwatch.episode.service.EpisodeWriter;
import crampwatch.testsupport.DevTokens;
import crampwatch.testsupport.KafkaTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
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

/** Concurrent POSTs share transactions (EpisodeWriter's group commit): each request still gets its own answer, row and event. */
@QuarkusTest
class GroupCommitTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Inject
    Db db;

    @Inject
    EpisodeWriter writer;

    KafkaTopic episodesTopic;

    @BeforeEach
    void listen() {
        episodesTopic = KafkaTopic.fromNow(TestRun.topic("cramp-episodes-episode-test"));
    }

    @AfterEach
    void close() {
        episodesTopic.close();
    }

    // Concurrent POSTs share transactions (EpisodeWriter's group commit): every one still gets its own 201, its own
    // stored row and exactly one event; a row PostgreSQL refuses fails only its own request.
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
            // still n for two more seconds: none was published twice
            episodesTopic.assertStays(KafkaTopic.keyed(patient), n, Duration.ofSeconds(2));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRowPostgresRefusesFailsOnlyItsOwnRequest() throws Exception {
        String patient = Episodes.newPatient();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).truncatedTo(ChronoUnit.SECONDS);
        List<Episode> good = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            good.add(new Episode(UUID.randomUUID(), patient, start.minusMinutes(i), 60, "CALF", "LEFT", 4, false, List.of(),
                    List.of(), List.of(), null, now));
        }
        // A duration the API would refuse; here it reaches the table, whose CHECK refuses it.
        Episode bad = new Episode(UUID.randomUUID(), patient, start, 0, "CALF", "LEFT", 4, false, List.of(), List.of(),
                List.of(), null, now);
        ExecutorService pool = Executors.newFixedThreadPool(13);
        try {
            List<Future<?>> stored = new ArrayList<>();
            Future<?> refused = pool.submit(() -> writer.store(bad));
            for (Episode e : good) {
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
            episodesTopic.assertStays(KafkaTopic.keyed(patient), good.size(), Duration.ofSeconds(2));
        } finally {
            pool.shutdownNow();
        }
    }
}
