package crampwatch.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real Kafka consumer (and producer) on the test broker, for asserting what reached a topic.
 * {@link #fromNow(String)} remembers the end of every partition, so a test sees only what it caused.
 */
public final class KafkaTopic implements AutoCloseable {

    public static String bootstrapServers() {
        return Infrastructure.kafkaBootstrapServers();
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = Collections.synchronizedList(new ArrayList<>());

    private KafkaTopic(String bootstrap, String topic, boolean fromBeginning) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        ensure(bootstrap, topic);
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position);
    }

    /**
     * Creates {@code topic} with the broker's default partitions unless it exists: a run's own topics
     * are new, and a reader must not assign itself the partitions of a topic still being auto-created.
     */
    public static void ensure(String bootstrap, String topic) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, java.util.Optional.empty(), java.util.Optional.empty())))
                    .all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the broker did not create topic " + topic + " in 30 s", e);
        }
    }

    /** Starts reading {@code topic} on the shared test broker at its current end. */
    public static KafkaTopic fromNow(String topic) {
        return new KafkaTopic(bootstrapServers(), topic, false);
    }

    /** Reads {@code topic} on the given broker from its first record (filter by your own key). */
    public static KafkaTopic fromBeginning(String bootstrap, String topic) {
        return new KafkaTopic(bootstrap, topic, true);
    }

    /** Everything read so far (after polling for {@code wait}). */
    public synchronized List<ConsumerRecord<String, String>> poll(Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        do {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        } while (System.nanoTime() < end);
        return List.copyOf(seen);
    }

    /** Waits until {@code count} records matching {@code filter} have arrived; returns them. */
    public List<ConsumerRecord<String, String>> awaitRecords(Predicate<ConsumerRecord<String, String>> filter, int count,
                                                             Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> poll(Duration.ZERO).stream().filter(filter).count() >= count);
        return matching(filter);
    }

    /**
     * Asserts that exactly {@code count} records matching {@code filter} have arrived and that no more arrive for
     * {@code during} (an Awaitility {@code during}: a "nothing more happened" check without a fixed sleep); returns them.
     */
    public List<ConsumerRecord<String, String>> assertStays(Predicate<ConsumerRecord<String, String>> filter, int count,
                                                            Duration during) {
        await("exactly " + count + " matching records, for " + during).during(during).atMost(during.plusSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> poll(Duration.ZERO).stream().filter(filter).count() == count);
        return matching(filter);
    }

    public List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> filter) {
        synchronized (seen) {
            return seen.stream().filter(filter).toList();
        }
    }

    public static Predicate<ConsumerRecord<String, String>> keyed(String key) {
        return r -> key.equals(r.key());
    }

    /** Sends raw values (e.g. events or poison) to a topic and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, String... values) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, key, value)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
