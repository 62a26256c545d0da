package crampwatch.bench;

import crampwatch.testsupport.KafkaTopic;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * advice-service's processing time per episode for a patient with a given history. The history is
 * seeded straight into advice-service's projection table {@code episode} (one cramp a night, going back
 * as far as the size needs); then {@code perPatient} new EpisodeLogged events continuing the same series
 * are published to the service's episode topic at once, and the time per event is read from the
 * service's own bookkeeping: {@code processed_event.processed_at} is the start of the transaction that
 * consumed the event, so (last − first) / (n − 1) is the time one event takes, Kafka latency excluded.
 */
final class CostGrowth implements AutoCloseable {

    record Result(int history, int events, double msPerEpisode, double wallMsPerEpisode) {
    }

    private final String adviceDbUrl;
    private final String user;
    private final String topic;
    private final KafkaProducer<String, String> producer;

    CostGrowth(String adviceDbUrl, String user, String bootstrap, String topic) {
        this.adviceDbUrl = adviceDbUrl;
        this.user = user;
        this.topic = topic;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    /** The cost-growth phase: a warm-up patient, then a patient per history size of the plan. */
    static void phase(Bench bench, String episodesTopic) throws Exception {
        String run = bench.run;
        Plan plan = bench.plan;
        try (CostGrowth cost = new CostGrowth(bench.dbUrl(Bench.ADVICE), bench.pgUser, KafkaTopic.bootstrapServers(), episodesTopic)) {
            Bench.say("cost: waiting until advice-service has worked off the earlier phases");
            cost.awaitIdle(Duration.ofMinutes(3));
            Bench.say("cost: warm-up (a patient with 10 episodes)");
            cost.measure("bc-" + run + "-warm", 10, plan.costEvents(), Duration.ofMinutes(2));
            for (int h : plan.histories()) {
                Result r = cost.measure("bc-" + run + "-" + h, h, plan.costEvents(), Duration.ofMinutes(3));
                bench.report.cost.put(h, r);
                Bench.say("cost: history %,d episodes: %.2f ms per new episode (%d events; %.2f ms per event incl. Kafka)", h,
                        r.msPerEpisode(), r.events(), r.wallMsPerEpisode());
            }
        }
    }

    /** Waits until advice-service has worked off what earlier phases left on its topic (count stable for 2 s). */
    long awaitIdle(Duration atMost) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        long last = -1;
        long stableSince = System.nanoTime();
        try (Connection c = DriverManager.getConnection(adviceDbUrl, user, "")) {
            while (System.nanoTime() < deadline) {
                long n;
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM processed_event")) {
                    rs.next();
                    n = rs.getLong(1);
                }
                if (n != last) {
                    last = n;
                    stableSince = System.nanoTime();
                } else if (System.nanoTime() - stableSince > Duration.ofSeconds(2).toNanos()) {
                    return n;
                }
                Thread.sleep(250);
            }
        }
        return last;
    }

    Result measure(String patientId, int history, int events, Duration timeout) throws Exception {
        Instant base = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(events + 1L, ChronoUnit.DAYS).plus(2, ChronoUnit.HOURS);
        seed(patientId, history, base);
        List<UUID> eventIds = new ArrayList<>(events);
        for (int j = 0; j < events; j++) {
            UUID eventId = UUID.randomUUID();
            eventIds.add(eventId);
            OffsetDateTime started = base.plus(j, ChronoUnit.DAYS).plus(j % 90, ChronoUnit.MINUTES).atOffset(ZoneOffset.ofHours(1));
            producer.send(new ProducerRecord<>(topic, patientId, event(eventId, patientId, started, j)));
        }
        producer.flush();
        long sent = System.nanoTime();
        long deadline = sent + timeout.toNanos();
        try (Connection c = DriverManager.getConnection(adviceDbUrl, user, "");
             PreparedStatement ps = c.prepareStatement("SELECT count(*), extract(epoch FROM max(processed_at) - min(processed_at)) "
                     + "FROM processed_event WHERE event_id = ANY (?)")) {
            Array ids = c.createArrayOf("uuid", eventIds.toArray());
            ps.setArray(1, ids);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long done = rs.getLong(1);
                    if (done == events) {
                        double wall = (System.nanoTime() - sent) / 1e6 / events;
                        double span = rs.getDouble(2) * 1000;
                        return new Result(history, events, span / (events - 1), wall);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("advice-service processed " + done + " of " + events
                                + " events for the patient with " + history + " episodes within " + timeout.toSeconds() + " s");
                    }
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    /** One cramp a night going back {@code history} nights before {@code base}, straight into advice's projection. */
    private void seed(String patientId, int history, Instant base) throws SQLException {
        try (Connection c = DriverManager.getConnection(adviceDbUrl, user, "")) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO episode (id, patient_id, started_at, started_offset_secs, duration_seconds, site, side, pain_score,
                                         woke_from_sleep, relieved_by, symptoms, exposures, recorded_at)
                    SELECT gen_random_uuid(), ?, ?::timestamptz - make_interval(days => g) + make_interval(mins => g % 97), 3600,
                           30 + g % 200, (ARRAY['CALF','FOOT','TOES','THIGH'])[1 + g % 4], 'LEFT', 2 + g % 5, g % 2 = 0,
                           ARRAY['STRETCHING']::text[], ARRAY[]::text[], ARRAY[]::text[],
                           ?::timestamptz - make_interval(days => g) + interval '3 hours'
                    FROM generate_series(1, ?) g""")) {
                ps.setString(1, patientId);
                ps.setTimestamp(2, Timestamp.from(base));
                ps.setTimestamp(3, Timestamp.from(base));
                ps.setInt(4, history);
                ps.executeUpdate();
            }
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE episode");
            }
        }
    }

    private static String event(UUID eventId, String patientId, OffsetDateTime startedAt, int j) {
        String now = Instant.now().toString();
        String episode = Bodies.body(startedAt, 40 + j % 200, 2 + j % 5, j % 2 == 0, List.of("STRETCHING"), null);
        // The stored episode as episode-service publishes it: the body plus id, patientId and recordedAt.
        episode = "{\"id\":\"" + UUID.randomUUID() + "\",\"patientId\":\"" + patientId + "\"," + episode.substring(1, episode.length() - 1)
                + ",\"notes\":null,\"recordedAt\":\"" + now + "\"}";
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"EpisodeLogged\",\"schemaVersion\":1,\"occurredAt\":\"" + now
                + "\",\"patientId\":\"" + patientId + "\",\"episode\":" + episode + "}";
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
