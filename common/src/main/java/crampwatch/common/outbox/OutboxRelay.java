package crampwatch.common.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes outbox rows to Kafka. One worker thread per instance: woken right after each commit that
 * wrote a row, and otherwise polling every {@code crampwatch.outbox.poll-interval}. Each round claims
 * the oldest rows with {@code FOR UPDATE SKIP LOCKED} (so several instances never publish the same row
 * at once), sends them in order with an idempotent {@code acks=all} producer, waits for the broker's
 * acknowledgements and deletes exactly the rows that were acknowledged, in the same transaction. A row
 * is therefore deleted only after Kafka has it: a crash in between publishes it again (consumers
 * deduplicate by eventId), never loses it.
 */
@ApplicationScoped
public class OutboxRelay {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxConfig config;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "crampwatch")
    String applicationName;

    private final BlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, String> producer;
    private Counter published;
    private Counter failures;

    void start(@Observes StartupEvent event) {
        published = Counter.builder("crampwatch.outbox.published").description("Outbox events published to Kafka")
                .register(metrics);
        failures = Counter.builder("crampwatch.outbox.publish.failures")
                .description("Outbox publishing rounds that failed (the rows stay and are retried)").register(metrics);
        Gauge.builder("crampwatch.outbox.pending", pending, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by Kafka (as of the relay's last round)").register(metrics);
        if (!config.enabled()) {
            Log.info("Outbox relay disabled on this instance");
            return;
        }
        producer = new KafkaProducer<>(producerProperties());
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called after a commit that wrote outbox rows: publish now rather than at the next poll. */
    public void wakeUp() {
        signal.offer(Boolean.TRUE);
    }

    /** Rows waiting to be published, as counted in the relay's last round. */
    public long pending() {
        return pending.get();
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(10_000, config.sendTimeout().toMillis())));
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    private void loop() {
        long backoffMs = 0;
        while (running) {
            try {
                if (backoffMs > 0) {
                    Thread.sleep(backoffMs);
                } else if (signal.poll(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS) == null) {
                    refreshPending(); // an idle poll: count the backlog (kept off the per-event path)
                }
                // After a failed round, one row first: a broker that is just coming back (or a topic being
                // created) can fail the first record of a batch and accept the ones after it, which would put a
                // patient's later event before an earlier one. Once one row is acknowledged, full batches again.
                if (backoffMs > 0 && publishBatch(1) == 0) {
                    backoffMs = 0;
                    continue;
                }
                int sent;
                do {
                    sent = publishBatch(config.batchSize());
                } while (running && sent == config.batchSize());
                backoffMs = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.increment();
                refreshPending();
                backoffMs = backoffMs == 0 ? 200 : Math.min(backoffMs * 2, config.maxBackoff().toMillis());
                Log.warnf("Outbox relay could not publish (retrying in %d ms): %s", backoffMs, rootMessage(e));
            }
        }
    }

    /** One round: claim, send, await acknowledgements, delete what Kafka has. Returns the rows claimed. */
    int publishBatch(int limit) {
        Round round = QuarkusTransaction.requiringNew().timeout((int) Math.max(30, config.sendTimeout().toSeconds() * 2))
                .call(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        List<Row> rows = claim(c, limit);
                        if (rows.isEmpty()) {
                            pending.set(0);
                            return new Round(0, null);
                        }
                        // Ask for every topic's partitions first: while the broker (or a topic) is not there,
                        // this fails the round before anything is handed to the producer, so a half-sent
                        // batch cannot reorder a patient's events when the broker comes back.
                        rows.stream().map(Row::topic).distinct().forEach(producer::partitionsFor);
                        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
                        for (Row row : rows) {
                            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.key, row.payload);
                            record.headers().add(new RecordHeader("eventId", row.eventId.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                            acks.add(producer.send(record));
                        }
                        producer.flush();
                        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
                        List<Long> done = new ArrayList<>(rows.size());
                        RuntimeException failure = null;
                        for (int i = 0; i < rows.size(); i++) {
                            try {
                                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                                done.add(rows.get(i).id);
                            } catch (Exception e) {
                                // Keep checking the rest: every row Kafka acknowledged is deleted, so none is
                                // published twice; the others stay and are retried.
                                if (failure == null) {
                                    failure = new IllegalStateException("Kafka did not acknowledge event " + rows.get(i).eventId, e);
                                }
                            }
                        }
                        delete(c, done);
                        published.increment(done.size());
                        if (failure == null && rows.size() < limit) {
                            pending.set(0); // drained; idle polls recount exactly
                        }
                        // Commit the deletes of what Kafka has before reporting the failure.
                        return new Round(rows.size(), failure);
                    }
                });
        if (round.failure() != null) {
            throw round.failure();
        }
        return round.claimed();
    }

    private record Round(int claimed, RuntimeException failure) {
    }

    private List<Row> claim(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, event_id, topic, msg_key, payload FROM outbox_event ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
                return rows;
            }
        }
    }

    private void delete(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox_event WHERE id = ANY (?)")) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            ps.executeUpdate();
        }
    }

    private long countPending(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox_event");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void refreshPending() {
        try (Connection c = dataSource.getConnection()) {
            pending.set(countPending(c));
        } catch (SQLException | RuntimeException e) {
            Log.debugf("Could not count pending outbox rows: %s", e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private record Row(long id, String eventId, String topic, String key, String payload) {
    }
}
