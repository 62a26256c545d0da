package crampwatch.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Where this test JVM's PostgreSQL and Kafka are: the one place every test (and the services under test)
 * learns them from (issue 14). Two paths, the same test code on both:
 * <ul>
 * <li><b>local</b>: what {@code bin/infra up} started (PostgreSQL on 127.0.0.1:5432 with trust auth for
 * {@code postgres}, Kafka on 127.0.0.1:9092), or what {@code CRAMPWATCH_DB_HOST/PORT/USER} and {@code KAFKA_BOOTSTRAP_SERVERS} name;</li>
 * <li><b>containers</b>: a PostgreSQL and a Kafka container of this JVM's own, started by Testcontainers
 * when {@link #start()} runs (before any test, from {@link TestRunSession}) and removed when the JVM's
 * tests are done.</li>
 * </ul>
 * {@code CRAMPWATCH_INFRA} (environment or system property) chooses: {@code local}, {@code containers}, or
 * {@code auto} (the default: local when PostgreSQL and Kafka answer there, otherwise containers when a
 * container engine answers). The images are {@code CRAMPWATCH_POSTGRES_IMAGE} ({@value #POSTGRES_IMAGE})
 * and {@code CRAMPWATCH_KAFKA_IMAGE} ({@value #KAFKA_IMAGE}); any replacement must behave like those
 * official images ({@code bin/containers} builds such stand-ins where no registry is reachable).
 * <p>
 * On the containers path the addresses become system properties of this JVM ({@code CRAMPWATCH_DB_HOST},
 * {@code CRAMPWATCH_DB_PORT}, {@code KAFKA_BOOTSTRAP_SERVERS}, …): Quarkus reads system properties
 * before the environment, so the services' {@code %test} configuration finds the containers unchanged.
 * Per-run isolation stays as it is (schemas, topics and groups suffixed with {@link TestRun#id()}).
 */
public final class Infrastructure {

    public static final String MODE = "CRAMPWATCH_INFRA";
    public static final String POSTGRES_IMAGE = "postgres:15";
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    /** Every container the tests start carries this label: {@code bin/containers clean} finds leftovers by it. */
    public static final Map<String, String> LABELS = Map.of("crampwatch.owner", "crampwatch", "crampwatch.test-run", TestRun.id());
    static final List<String> DATABASES = List.of("episodes", "advice", "notifications");

    private static PostgreSQLContainer postgres;
    private static KafkaContainer kafka;
    private static String mode;

    private Infrastructure() {
    }

    /** A setting from the system properties (set by {@link #start()} on the containers path), else the environment. */
    static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    public static String pgHost() {
        return setting("CRAMPWATCH_DB_HOST", "127.0.0.1");
    }

    public static String pgPort() {
        return setting("CRAMPWATCH_DB_PORT", "5432");
    }

    /** The superuser the tests connect as (trust auth on both paths: no password). */
    public static String pgUser() {
        return setting("CRAMPWATCH_DB_USER", "postgres");
    }

    public static String kafkaBootstrapServers() {
        return setting("KAFKA_BOOTSTRAP_SERVERS", System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092"));
    }

    /** {@code local} or {@code containers}, once {@link #start()} ran. */
    public static synchronized String mode() {
        return mode == null ? "local" : mode;
    }

    /**
     * Chooses the path and, on the containers path, starts this JVM's containers (once per JVM; later calls
     * return at once). Fails loudly when {@code CRAMPWATCH_INFRA=containers} and no engine answers.
     */
    public static synchronized void start() {
        if (mode != null) {
            return;
        }
        String wanted = setting(MODE, "auto").toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "local" -> mode = "local";
            case "containers" -> startContainers();
            case "auto" -> {
                if (localAnswers()) {
                    mode = "local";
                } else if (engineAnswers()) {
                    System.err.println("[infra] no PostgreSQL/Kafka on " + pgHost() + ":" + pgPort() + " / "
                            + kafkaBootstrapServers() + " but a container engine answers: starting them with Testcontainers");
                    startContainers();
                } else {
                    mode = "local";
                }
            }
            default -> throw new IllegalStateException(MODE + " must be local, containers or auto, not " + wanted);
        }
    }

    private static boolean localAnswers() {
        String[] kafkaAddress = kafkaBootstrapServers().split(",")[0].split(":");
        return answers(pgHost(), Integer.parseInt(pgPort()))
                && answers(kafkaAddress[0], Integer.parseInt(kafkaAddress[kafkaAddress.length - 1]));
    }

    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean engineAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void startContainers() {
        if (!engineAnswers()) {
            throw new IllegalStateException(MODE + "=containers but no container engine answers (DOCKER_HOST="
                    + System.getenv("DOCKER_HOST") + "); on a Debian machine as root `bin/containers prepare` installs podman");
        }
        long t0 = System.nanoTime();
        String pgImage = setting("CRAMPWATCH_POSTGRES_IMAGE", POSTGRES_IMAGE);
        String kafkaImage = setting("CRAMPWATCH_KAFKA_IMAGE", KAFKA_IMAGE);
        postgres = new PostgreSQLContainer(DockerImageName.parse(pgImage).asCompatibleSubstituteFor("postgres"))
                .withUsername("postgres").withPassword("postgres").withDatabaseName("postgres")
                // The tests connect as postgres without a password, as they do to bin/infra's server.
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=300")
                .withLabels(LABELS)
                .withStartupTimeout(Duration.ofMinutes(3));
        kafka = new KafkaContainer(DockerImageName.parse(kafkaImage).asCompatibleSubstituteFor("apache/kafka"))
                .withEnv("KAFKA_NUM_PARTITIONS", "3")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withLabels(LABELS)
                .withStartupTimeout(Duration.ofMinutes(3));
        Runtime.getRuntime().addShutdownHook(new Thread(Infrastructure::stop, "crampwatch-containers-stop"));
        try {
            // Both at once: on 2 cores the broker's JVM start is the long pole.
            Thread pg = new Thread(postgres::start, "start-postgres");
            pg.start();
            kafka.start();
            pg.join();
            if (!postgres.isRunning()) {
                throw new IllegalStateException("the PostgreSQL container did not start (image " + pgImage + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String host = postgres.getHost();
        String port = String.valueOf(postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT));
        createDatabases(host, port);
        Map.of("CRAMPWATCH_DB_HOST", host, "CRAMPWATCH_DB_PORT", port, "CRAMPWATCH_DB_USER", "postgres",
                "KAFKA_BOOTSTRAP_SERVERS", kafka.getBootstrapServers(), "kafka.bootstrap.servers", kafka.getBootstrapServers())
                .forEach(System::setProperty);
        mode = "containers";
        System.err.printf("[infra] Testcontainers: PostgreSQL (%s) on %s:%s, Kafka (%s) on %s, up in %d s%n", pgImage, host, port,
                kafkaImage, kafka.getBootstrapServers(), (System.nanoTime() - t0) / 1_000_000_000L);
    }

    private static void createDatabases(String host, String port) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", "postgres", "");
             Statement st = c.createStatement()) {
            for (String db : DATABASES) {
                st.execute("CREATE DATABASE \"" + db + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the databases in the PostgreSQL container", e);
        }
    }

    /** Removes this JVM's containers (no-op on the local path). */
    public static synchronized void stop() {
        if (kafka != null) {
            kafka.stop();
            kafka = null;
        }
        if (postgres != null) {
            postgres.stop();
            postgres = null;
        }
    }
}
