package crampwatch.common.dlq;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code bin/dlq-replay}: re-publishes chosen records of a dead-letter topic to the topic they came from (the
 * {@code dead-letter-topic} header SmallRye adds, or {@code --to}), with their key, value and headers (without the
 * {@code dead-letter-*} ones, plus {@value #REPLAYED_FROM}: {@code DLQ/partition@offset}). Records are chosen by
 * reason ({@code --reason TEXT}: the {@code dead-letter-reason} or {@code dead-letter-exception-class-name} header
 * contains TEXT, case-insensitive; or {@code --all-reasons}) and optionally by {@code --key}, {@code --partition},
 * {@code --from-offset}/{@code --to-offset} (inclusive). {@code --dry-run} only lists them.
 * <p>
 * What was replayed is recorded in a ledger topic ({@code DLQ.replayed}, compacted; {@code --ledger} to name
 * another), one record per replayed DLQ record keyed {@code partition@offset}, written right after the broker
 * acknowledged the replay. A later run reads the ledger first and skips what it holds, so no record is replayed
 * twice, whatever filters either run used. A crash between the replay and its ledger record replays that one
 * record again on the next run; consumers deduplicate by event id, so that changes nothing.
 * <p>
 * Self-contained (the JDK and kafka-clients only), so {@code bin/dlq-replay} runs this very file with the Kafka jars
 * that {@code bin/infra} downloads. It prints partitions, offsets, keys (patient ids) and event ids, never a value
 * or a reason text (either can carry a patient's notes).
 */
public final class DlqReplay {

    public static final String REPLAYED_FROM = "dlq-replayed-from";
    static final String DEAD_LETTER_PREFIX = "dead-letter-";

    /** What to replay. Null means "no filter" for the optional fields. */
    public record Options(String bootstrapServers, String dlqTopic, String reason, boolean allReasons, String key,
                          Integer partition, Long fromOffset, Long toOffset, String targetTopic, String ledgerTopic,
                          boolean dryRun) {

        public Options {
            if (dlqTopic == null || dlqTopic.isBlank()) {
                throw new IllegalArgumentException("--topic (the dead-letter topic) is required");
            }
            if ((reason == null || reason.isBlank()) && !allReasons) {
                throw new IllegalArgumentException("choose what to replay: --reason TEXT, or --all-reasons");
            }
        }

        public static Options of(String bootstrapServers, String dlqTopic, String reason) {
            return new Options(bootstrapServers, dlqTopic, reason, false, null, null, null, null, null, null, false);
        }

        public Options dryRun(boolean dry) {
            return new Options(bootstrapServers, dlqTopic, reason, allReasons, key, partition, fromOffset, toOffset,
                    targetTopic, ledgerTopic, dry);
        }

        String ledger() {
            return ledgerTopic != null && !ledgerTopic.isBlank() ? ledgerTopic : dlqTopic + ".replayed";
        }
    }

    /** {@code replayed}: {@code partition@offset} of each record re-published by this run. */
    public record Result(List<String> replayed, int alreadyReplayed, int notChosen, int noTarget) {
    }

    private DlqReplay() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bin/dlq-replay: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            Result r = run(options, System.out);
            System.out.printf("%s %d record(s); %d already replayed before (ledger %s), %d not chosen by the filters, %d without a "
                            + "target topic%n", options.dryRun() ? "would replay" : "replayed", r.replayed().size(), r.alreadyReplayed(),
                    options.ledger(), r.notChosen(), r.noTarget());
            System.exit(0);
        } catch (RuntimeException e) {
            System.err.println("bin/dlq-replay failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static final String USAGE = """
            usage: bin/dlq-replay --topic DLQ_TOPIC (--reason TEXT | --all-reasons) [--key KEY] [--partition N]
                                  [--from-offset N] [--to-offset N] [--to TOPIC] [--ledger TOPIC] [--dry-run]
                                  [--bootstrap-server HOST:PORT]   (default $KAFKA_BOOTSTRAP_SERVERS or 127.0.0.1:9092)""";

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        Set<String> withValue = Set.of("--topic", "--reason", "--key", "--partition", "--from-offset", "--to-offset", "--to",
                "--ledger", "--bootstrap-server");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (withValue.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                values.put(a, args[++i]);
            } else if (a.equals("--dry-run") || a.equals("--all-reasons")) {
                flags.add(a);
            } else {
                throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        String env = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        String bootstrap = values.getOrDefault("--bootstrap-server", env != null && !env.isBlank() ? env : "127.0.0.1:9092");
        return new Options(bootstrap, values.get("--topic"), values.get("--reason"), flags.contains("--all-reasons"),
                values.get("--key"), integer(values.get("--partition")), longValue(values.get("--from-offset")),
                longValue(values.get("--to-offset")), values.get("--to"), values.get("--ledger"), flags.contains("--dry-run"));
    }

    public static Result run(Options o, PrintStream out) {
        ensureLedger(o);
        Set<String> done = readLedger(o);
        List<String> replayed = new ArrayList<>();
        int already = 0;
        int notChosen = 0;
        int noTarget = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(o.bootstrapServers()));
             KafkaProducer<byte[], byte[]> producer = o.dryRun() ? null : new KafkaProducer<>(producerProperties(o.bootstrapServers()))) {
            for (ConsumerRecord<byte[], byte[]> r : readAll(consumer, o.dlqTopic(), o.partition(), o.fromOffset())) {
                String id = r.partition() + "@" + r.offset();
                if (!chosen(o, r)) {
                    notChosen++;
                    continue;
                }
                if (done.contains(id)) {
                    already++;
                    continue;
                }
                String target = o.targetTopic() != null ? o.targetTopic() : header(r, DEAD_LETTER_PREFIX + "topic").orElse(null);
                if (target == null) {
                    out.printf("skipped %s/%s: no dead-letter-topic header (pass --to TOPIC)%n", o.dlqTopic(), id);
                    noTarget++;
                    continue;
                }
                String key = r.key() == null ? "(none)" : new String(r.key(), StandardCharsets.UTF_8);
                String eventId = header(r, "eventId").orElse("-");
                if (o.dryRun()) {
                    out.printf("would replay %s/%s -> %s (key %s, eventId %s)%n", o.dlqTopic(), id, target, safe(key), safe(eventId));
                    replayed.add(id);
                    continue;
                }
                ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(target, null, r.key(), r.value());
                for (Header h : r.headers()) {
                    if (!h.key().startsWith(DEAD_LETTER_PREFIX) && !h.key().equals(REPLAYED_FROM)) {
                        again.headers().add(h);
                    }
                }
                again.headers().add(new RecordHeader(REPLAYED_FROM, (o.dlqTopic() + "/" + id).getBytes(StandardCharsets.UTF_8)));
                try {
                    producer.send(again).get(30, TimeUnit.SECONDS);
                    String note = "replayed to " + target + " at " + Instant.now();
                    producer.send(new ProducerRecord<>(o.ledger(), id.getBytes(StandardCharsets.UTF_8), note.getBytes(StandardCharsets.UTF_8)))
                            .get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while replaying " + id, e);
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("could not replay " + o.dlqTopic() + "/" + id + " (" + replayed.size()
                            + " replayed before it, recorded in " + o.ledger() + ")", e);
                }
                out.printf("replayed %s/%s -> %s (key %s, eventId %s)%n", o.dlqTopic(), id, target, safe(key), safe(eventId));
                replayed.add(id);
            }
        }
        return new Result(replayed, already, notChosen, noTarget);
    }

    private static boolean chosen(Options o, ConsumerRecord<byte[], byte[]> r) {
        if (o.toOffset() != null && r.offset() > o.toOffset()) {
            return false;
        }
        if (o.fromOffset() != null && r.offset() < o.fromOffset()) {
            return false;
        }
        if (o.key() != null && (r.key() == null || !o.key().equals(new String(r.key(), StandardCharsets.UTF_8)))) {
            return false;
        }
        if (o.allReasons()) {
            return true;
        }
        String wanted = o.reason().toLowerCase(Locale.ROOT);
        return header(r, DEAD_LETTER_PREFIX + "reason").map(s -> s.toLowerCase(Locale.ROOT).contains(wanted)).orElse(false)
                || header(r, DEAD_LETTER_PREFIX + "exception-class-name").map(s -> s.toLowerCase(Locale.ROOT).contains(wanted)).orElse(false);
    }

    /** Every record of the topic (or one partition) from the start (or {@code fromOffset}) up to its end as of now. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaConsumer<byte[], byte[]> consumer, String topic, Integer partition,
                                                                Long fromOffset) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .filter(p -> partition == null || p.partition() == partition)
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        if (fromOffset != null) {
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            partitions.forEach(tp -> consumer.seek(tp, Math.max(fromOffset, begin.get(tp))));
        } else {
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(30)) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end within 5 minutes");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    records.add(r);
                }
            }
        }
        records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return records;
    }

    private static Set<String> readLedger(Options o) {
        Set<String> done = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(o.bootstrapServers()))) {
            for (ConsumerRecord<byte[], byte[]> r : readAll(consumer, o.ledger(), null, null)) {
                if (r.key() != null) {
                    done.add(new String(r.key(), StandardCharsets.UTF_8));
                }
            }
        }
        return done;
    }

    /** The ledger is compacted (one record per replayed DLQ record, kept for good); created on first use. */
    private static void ensureLedger(Options o) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrapServers());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(p)) {
            NewTopic topic = new NewTopic(o.ledger(), Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create the ledger topic " + o.ledger(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the broker did not answer within 30 s", e);
        }
    }

    private static Optional<String> header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    private static Properties consumerProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "crampwatch-dlq-replay-" + UUID.randomUUID()); // never committed: assign + seek
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private static Properties producerProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "crampwatch-dlq-replay");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static Integer integer(String s) {
        return s == null ? null : Integer.valueOf(s);
    }

    private static Long longValue(String s) {
        return s == null ? null : Long.valueOf(s);
    }

    /** Printable ASCII only, cut short: a key comes from outside. */
    private static String safe(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 120; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return b.toString();
    }
}
