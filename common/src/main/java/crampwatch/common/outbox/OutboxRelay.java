package crampwatch.common.outbox;

import crampwatch.common.health.Worker;
import crampwatch.common.health.Workers;
import crampwatch.common.logging.Logs;
import io.quarkus.hibernate.orm.panache.Panache;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
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
 * <p>
 * A row Kafka refuses for good ({@link #unpublishable}: larger than the producer's or broker's size limit, a topic
 * name Kafka rejects, a value it cannot serialise) is <em>parked</em> (issue 11 F5): {@code parked_at} and
 * {@code parked_reason} (the error's class name) are set, it is counted ({@code crampwatch_outbox_parked_total}) and
 * logged by id, and the rows after it flow on. Retriable errors (broker down, timeouts, a topic not there yet) are
 * retried as before and never park anything.
 * <p>
 * The gauges (pending rows, age of the oldest pending row, parked rows) are recounted every
 * {@code crampwatch.outbox.metrics-interval} on a thread of their own, so they stay true during a backlog or an
 * outage (issue 11 F10).
 */
@ApplicationScoped
public class OutboxRelay {

    @Inject
    OutboxConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Workers workers;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "crampwatch")
    String applicationName;

    private final BlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong parkedRows = new AtomicLong();
    /** The oldest pending row's age in seconds as the database saw it, and when (System.nanoTime) that was measured; -1: none. */
    private volatile double oldestAgeSeconds = -1;
    private volatile long oldestMeasuredAt;
    private volatile boolean running;
    private Thread worker;
    private Worker heartbeat;
    private ScheduledExecutorService counter;
    private KafkaProducer<String, String> producer;
    private Counter published;
    private Counter failures;

    void start(@Observes StartupEvent event) {
        published = Counter.builder("crampwatch.outbox.published").description("Outbox events published to Kafka")
                .register(metrics);
        failures = Counter.builder("crampwatch.outbox.publish.failures")
                .description("Outbox publishing rounds that failed (the rows stay and are retried)").register(metrics);
        Gauge.builder("crampwatch.outbox.pending", pending, AtomicLong::get)
                .description("Outbox rows waiting to be published (not parked), recounted every crampwatch.outbox.metrics-interval")
                .register(metrics);
        if (!config.enabled()) {
            Log.info("Outbox relay disabled on this instance");
            return;
        }
        Gauge.builder("crampwatch.outbox.oldest.pending.age", this, OutboxRelay::oldestPendingAgeSeconds)
                .baseUnit("seconds")
                .description("Age of the oldest outbox row waiting to be published (0 when none); grows while Kafka is away")
                .register(metrics);
        Gauge.builder("crampwatch.outbox.parked.rows", parkedRows, AtomicLong::get)
                .description("Outbox rows parked because Kafka refuses them for good (see docs/operations.md)").register(metrics);
        producer = new KafkaProducer<>(producerProperties());
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        heartbeat = workers.register("outbox-relay").attach(worker);
        worker.start();
        counter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-metrics");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(50, config.metricsInterval().toMillis());
        counter.scheduleWithFixedDelay(this::refreshPending, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (heartbeat != null) {
            heartbeat.stopped();
        }
        if (counter != null) {
            counter.shutdownNow();
        }
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

    /** Rows waiting to be published (not parked), as last recounted. */
    public long pending() {
        return pending.get();
    }

    /** Seconds since the oldest row waiting to be published was written; 0 when none. Between recounts it keeps growing. */
    double oldestPendingAgeSeconds() {
        double measured = oldestAgeSeconds;
        if (measured < 0) {
            return 0;
        }
        return measured + (System.nanoTime() - oldestMeasuredAt) / 1e9;
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
                heartbeat.idle();
                if (backoffMs > 0) {
                    Thread.sleep(backoffMs);
                } else {
                    signal.poll(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
                heartbeat.busy();
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
                    heartbeat.progress();
                } while (running && sent == config.batchSize());
                backoffMs = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.increment();
                backoffMs = backoffMs == 0 ? 200 : Math.min(backoffMs * 2, config.maxBackoff().toMillis());
                Log.warnf("Outbox relay could not publish (retrying in %d ms): %s", backoffMs, Logs.rootMessage(e));
            }
        }
    }

    /** One round: claim, send, await acknowledgements, delete what Kafka has. Returns the rows claimed. */
    int publishBatch(int limit) {
        Round round = QuarkusTransaction.requiringNew().timeout((int) Math.max(30, config.sendTimeout().toSeconds() * 2))
                .call(() -> {
                    {
                        List<Row> rows = claim(limit);
                        if (rows.isEmpty()) {
                            return new Round(0, null);
                        }
                        Map<Row, String> parked = new LinkedHashMap<>();
                        // Ask for every topic's partitions first: while the broker (or a topic) is not there,
                        // this fails the round before anything is handed to the producer, so a half-sent
                        // batch cannot reorder a patient's events when the broker comes back. A topic Kafka
                        // refuses for good (an invalid name) parks its rows instead.
                        for (String topic : rows.stream().map(Row::topic).distinct().toList()) {
                            try {
                                producer.partitionsFor(topic);
                            } catch (RuntimeException e) {
                                if (!unpublishable(e)) {
                                    throw e;
                                }
                                rows.stream().filter(r -> r.topic.equals(topic)).forEach(r -> parked.put(r, reason(e)));
                            }
                        }
                        List<Row> sent = new ArrayList<>(rows.size());
                        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
                        for (Row row : rows) {
                            if (parked.containsKey(row)) {
                                continue;
                            }
                            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.key, row.payload);
                            record.headers().add(new RecordHeader("eventId", row.eventId.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                            try {
                                acks.add(producer.send(record));
                                sent.add(row);
                            } catch (RuntimeException e) {
                                if (!unpublishable(e)) {
                                    throw e;
                                }
                                parked.put(row, reason(e));
                            }
                        }
                        producer.flush();
                        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
                        List<Long> done = new ArrayList<>(rows.size());
                        RuntimeException failure = null;
                        for (int i = 0; i < sent.size(); i++) {
                            try {
                                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                                done.add(sent.get(i).id);
                            } catch (Exception e) {
                                if (unpublishable(e)) {
                                    parked.put(sent.get(i), reason(e));
                                    continue;
                                }
                                // Keep checking the rest: every row Kafka acknowledged is deleted, so none is
                                // published twice; the others stay and are retried.
                                if (failure == null) {
                                    failure = new IllegalStateException("Kafka did not acknowledge event " + sent.get(i).eventId, e);
                                }
                            }
                        }
                        delete(done);
                        park(parked);
                        published.increment(done.size());
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

    /** The oldest unparked rows, locked for this round; rows another instance holds are skipped. Native SQL in the session. */
    @SuppressWarnings("unchecked")
    private List<Row> claim(int limit) {
        List<Object[]> found = Panache.getEntityManager().createNativeQuery(
                        "SELECT id, event_id, topic, msg_key, payload FROM outbox_event WHERE parked_at IS NULL ORDER BY id LIMIT ?1 "
                                + "FOR UPDATE SKIP LOCKED")
                .setParameter(1, limit).getResultList();
        List<Row> rows = new ArrayList<>(found.size());
        for (Object[] r : found) {
            rows.add(new Row(((Number) r[0]).longValue(), r[1].toString(), (String) r[2], (String) r[3], (String) r[4]));
        }
        return rows;
    }

    private void delete(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Panache.getEntityManager().createNativeQuery("DELETE FROM outbox_event WHERE id IN (?1)").setParameter(1, ids).executeUpdate();
    }

    /**
     * Errors that say Kafka will never take this record, whatever is retried: it is too large (for the producer's
     * {@code max.request.size} or the broker's {@code message.max.bytes}), its topic name is invalid, or it cannot be
     * serialised. Everything else (broker down, timeouts, leader changes, a topic not created yet, authorisation,
     * which is the configuration's fault and not the row's) is retried.
     */
    static boolean unpublishable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (UNPUBLISHABLE.contains(t.getClass().getName())) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> UNPUBLISHABLE = Set.of(
            "org.apache.kafka.common.errors.RecordTooLargeException",
            "org.apache.kafka.common.errors.RecordBatchTooLargeException",
            "org.apache.kafka.common.errors.InvalidTopicException",
            "org.apache.kafka.common.InvalidRecordException",
            "org.apache.kafka.common.errors.InvalidRecordException",
            "org.apache.kafka.common.errors.SerializationException");

    /** The class name of the error that made a row unpublishable: short, bounded, and free of the payload. */
    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (UNPUBLISHABLE.contains(t.getClass().getName())) {
                return t.getClass().getSimpleName();
            }
        }
        return failure.getClass().getSimpleName();
    }

    private void park(Map<Row, String> rows) {
        if (rows.isEmpty()) {
            return;
        }
        for (Map.Entry<Row, String> e : rows.entrySet()) {
            Panache.getEntityManager().createNativeQuery("UPDATE outbox_event SET parked_at = now(), parked_reason = ?1 WHERE id = ?2")
                    .setParameter(1, e.getValue()).setParameter(2, e.getKey().id).executeUpdate();
        }
        for (Map.Entry<Row, String> e : rows.entrySet()) {
            Counter.builder("crampwatch.outbox.parked").tag("reason", e.getValue())
                    .description("Outbox rows parked because Kafka refuses them for good").register(metrics).increment();
            Log.errorf("Outbox row %d (event %s, topic %s) parked: Kafka refuses it for good (%s); the rows after it go on",
                    e.getKey().id, e.getKey().eventId, Logs.safe(e.getKey().topic), e.getValue());
        }
        parkedRows.addAndGet(rows.size());
    }

    /** Recounts the gauges from the table (one index-backed aggregate); a failure keeps the last values. */
    void refreshPending() {
        try {
            Object[] r = QuarkusTransaction.requiringNew().call(() -> (Object[]) Panache.getEntityManager().createNativeQuery(
                    "SELECT count(*) FILTER (WHERE parked_at IS NULL), count(*) FILTER (WHERE parked_at IS NOT NULL), "
                            + "EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE parked_at IS NULL)) FROM outbox_event")
                    .getSingleResult());
            long measuredAt = System.nanoTime();
            pending.set(((Number) r[0]).longValue());
            parkedRows.set(((Number) r[1]).longValue());
            oldestMeasuredAt = measuredAt;
            oldestAgeSeconds = r[2] == null ? -1 : Math.max(0, ((Number) r[2]).doubleValue());
        } catch (RuntimeException e) {
            Log.debugf("Could not count pending outbox rows: %s", Logs.failure(e));
        }
    }

    private record Row(long id, String eventId, String topic, String key, String payload) {
    }
}
