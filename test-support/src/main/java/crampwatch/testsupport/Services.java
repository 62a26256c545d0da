package crampwatch.testsupport;

import static org.awaitility.Awaitility.await;


import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three real services as separate processes, from the jars the reactor built (prod profile,
 * development JWT key, free ports), each with a fresh database and topics of its own run, so a test or
 * a benchmark talks to them only over HTTP and Kafka. Logs go to {@code .infra/services-RUN/}.
 *
 * <p>By default one instance of each service, on the shared PostgreSQL and broker. {@link #instances(int)}
 * runs N instances of each (instance 1 on {@link #PORTS}, the others on free ports of their own; all
 * instances of a service share its database, topics and consumer group), and {@link #database(String, int)}
 * and {@link #kafka(String)} point them at a cluster and a broker of the caller's own (a fault-injection
 * suite's, which it may stop).
 */
public final class Services {

    static final Path ROOT = Broker.repoRoot();
    /**
     * The services' ports: free ones chosen for this run, unless {@code -Dcrampwatch.services.port-base}
     * fixes them at base+1..base+3 (for a benchmark an operator wants to watch).
     */
    public static final Map<String, Integer> PORTS = ports(Integer.getInteger("crampwatch.services.port-base", 0));

    private static Map<String, Integer> ports(int base) {
        return base > 0
                ? Map.of("episode-service", base + 1, "advice-service", base + 2, "notification-service", base + 3)
                : Map.of("episode-service", Ports.free(), "advice-service", Ports.free(), "notification-service", Ports.free());
    }

    /** This test JVM's run ({@link TestRun}): its topics, consumer groups and databases carry it. */
    public static final String RUN = TestRun.id();

    private final Map<String, Process> running = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> instancePorts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> extraEnv = new HashMap<>();
    private final int smtpPort;
    private int instances = 1;
    private String kafka;
    private String dbHost;
    private String dbPort;

    /** Runs {@code n} instances of every service (same database, topics and consumer group). */
    public Services instances(int n) {
        this.instances = n;
        return this;
    }

    public int instances() {
        return instances;
    }

    /** The PostgreSQL server the services' databases are created on (default: the shared one). */
    public Services database(String host, int port) {
        this.dbHost = host;
        this.dbPort = String.valueOf(port);
        return this;
    }

    /** The broker the services use (default: {@link KafkaTopic#bootstrapServers()}). */
    public Services kafka(String bootstrapServers) {
        this.kafka = bootstrapServers;
        return this;
    }

    private String kafkaServers() {
        return kafka != null ? kafka : KafkaTopic.bootstrapServers();
    }

    private String host() {
        return dbHost != null ? dbHost : pgHost();
    }

    private String port() {
        return dbPort != null ? dbPort : pgPort();
    }

    /** The key of an instance: the service's name for instance 1, {@code NAME-i} for the others. */
    static String key(String service, int instance) {
        return instance == 1 ? service : service + "-" + instance;
    }

    /** The HTTP port of one instance (instance 1: {@link #PORTS}; the others: a free port kept for the run). */
    public int port(String service, int instance) {
        return instance == 1 ? PORTS.get(service) : instancePorts.computeIfAbsent(key(service, instance), k -> Ports.free());
    }

    public String url(String service, int instance) {
        return "http://127.0.0.1:" + port(service, instance);
    }

    public Services(int smtpPort) {
        this.smtpPort = smtpPort;
    }

    /** This run's name of a topic ({@code cramp-episodes} → {@code cramp-episodes-e2e-RUN}); its DLQ adds {@code .dlq}. */
    public static String topic(String base) {
        return base + "-e2e-" + RUN;
    }

    public static String url(String service) {
        return "http://127.0.0.1:" + PORTS.get(service);
    }

    /**
     * Databases of this run's own, so two runners on one machine never share one; {@link TestRunSession}
     * drops them when the test JVM is done.
     */
    public static final Map<String, String> DATABASES = Map.of("episode-service", "episodes_e2e_" + RUN,
            "advice-service", "advice_e2e_" + RUN, "notification-service", "notifications_e2e_" + RUN);

    static String pgHost() {
        return Infrastructure.pgHost();
    }

    static String pgPort() {
        return Infrastructure.pgPort();
    }

    static String pgUser() {
        return Infrastructure.pgUser();
    }

    /** Fresh databases for every run: the services' Flyway migrations build the schemas. */
    public static void recreateDatabases() {
        recreateDatabases(pgHost(), pgPort());
    }

    private static void recreateDatabases(String host, String port) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres", pgUser(), "");
             java.sql.Statement st = c.createStatement()) {
            for (String db : DATABASES.values()) {
                st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                st.execute("CREATE DATABASE " + db);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not prepare the end-to-end databases", e);
        }
    }

    public void startAll() {
        recreateDatabases(host(), port());
        // Instance 1 of each first (it migrates the database), then the others.
        for (int i = 1; i <= instances; i++) {
            int instance = i;
            PORTS.keySet().forEach(service -> start(service, instance));
            PORTS.keySet().forEach(service -> awaitReady(service, instance));
        }
    }

    /**
     * The services' JVM options as bin/run-service gives them (besides the class-data archive): {@code config/jvm.options},
     * or the space-separated options in {@code CRAMPWATCH_SERVICE_JVM_OPTIONS} for an experiment.
     */
    public static List<String> jvmOptions() {
        String override = System.getenv("CRAMPWATCH_SERVICE_JVM_OPTIONS");
        if (override != null && !override.isBlank()) {
            return List.of(override.trim().split("\\s+"));
        }
        return List.of("@" + ROOT.resolve("config/jvm.options"));
    }

    /** The options {@link #jvmOptions()} stands for, spelled out (the argfile's comments left out). */
    public static String describeJvmOptions() {
        List<String> out = new ArrayList<>();
        for (String option : jvmOptions()) {
            if (!option.startsWith("@")) {
                out.add(option);
                continue;
            }
            try {
                for (String line : Files.readAllLines(Path.of(option.substring(1)))) {
                    String flags = line.replaceFirst("#.*", "").trim();
                    if (!flags.isEmpty()) {
                        out.addAll(List.of(flags.split("\\s+")));
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return String.join(" ", out);
    }

    public void start(String service) {
        start(service, 1);
    }

    public void start(String service, int instance) {
        Path jar = ROOT.resolve(service + "/target/quarkus-app/quarkus-run.jar");
        int httpPort = port(service, instance);
        try (java.net.Socket probe = new java.net.Socket("127.0.0.1", httpPort)) {
            throw new IllegalStateException("port " + httpPort + " for " + key(service, instance) + " is taken by another program");
        } catch (java.io.IOException free) {
            // nothing listens there: good
        }
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw package)");
        }
        // bin/run-service execs the JVM (so this process is the JVM) with config/jvm.options, or
        // CRAMPWATCH_SERVICE_JVM_OPTIONS from this environment, and the class-data archive of the build.
        List<String> command = List.of("sh", ROOT.resolve("bin/run-service").toString(), jar.getParent().toString());
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(key(service, instance))));
        Map<String, String> env = pb.environment();
        env.put("PORT", String.valueOf(httpPort));
        env.put("MALLOC_ARENA_MAX", "2"); // as bin/stack and the Dockerfiles: see config/jvm.options
        env.put("CRAMPWATCH_JWT_PUBLIC_KEY", "file:" + ROOT.resolve("common/src/main/resources/dev-jwt/crampwatch-dev-public-key.pem"));
        // The development key in a real (prod-profile) start: only with the explicit, loudly logged switch.
        env.put("CRAMPWATCH_ALLOW_DEVELOPMENT_KEY", "true");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaServers());
        env.put("CRAMPWATCH_DB_URL", "jdbc:postgresql://" + host() + ":" + port() + "/" + DATABASES.get(service));
        env.put("CRAMPWATCH_DB_USER", pgUser());
        // Topics and consumer groups of this run alone (its databases are new too): nothing another test
        // JVM publishes or consumes can reach these services, and they read their topics from the start.
        env.put("CRAMPWATCH_CONSUMER_GROUP", service + "-e2e-" + RUN);
        String episodes = topic("cramp-episodes");
        String escalations = topic("cramp-escalations");
        String deliveries = topic("cramp-deliveries");
        switch (service) {
            case "episode-service" -> env.put("CRAMPWATCH_EPISODES_TOPIC", episodes);
            case "advice-service" -> {
                env.put("MP_MESSAGING_INCOMING_EPISODES_TOPIC", episodes);
                env.put("MP_MESSAGING_INCOMING_EPISODES_DEAD_LETTER_QUEUE_TOPIC", episodes + ".dlq");
                env.put("CRAMPWATCH_ESCALATIONS_TOPIC", escalations);
                env.put("CRAMPWATCH_DELIVERIES_TOPIC", deliveries);
            }
            default -> {
                env.put("CRAMPWATCH_ESCALATIONS_TOPIC", escalations);
                env.put("CRAMPWATCH_DELIVERIES_TOPIC", deliveries);
            }
        }
        env.put("CRAMPWATCH_SMTP_HOST", "127.0.0.1");
        env.put("CRAMPWATCH_SMTP_PORT", String.valueOf(smtpPort));
        env.put("CRAMPWATCH_SMTP_STARTTLS", "DISABLED");
        env.put("CRAMPWATCH_DELIVERY_POLL_INTERVAL", "1s");
        env.put("CRAMPWATCH_DELIVERY_INITIAL_BACKOFF", "500ms");
        env.put("CRAMPWATCH_DELIVERY_MAX_BACKOFF", "2s");
        env.putAll(extraEnv);
        try {
            running.put(key(service, instance), pb.start());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not start " + key(service, instance), e);
        }
    }

    public static File logFile(String service) {
        File dir = ROOT.resolve(".infra/services-" + RUN).toFile();
        dir.mkdirs();
        return new File(dir, service + ".log");
    }

    /** The operating-system process of a running service (for RSS and the like). */
    public Process process(String service) {
        return running.get(service);
    }

    /** Extra environment for every service started from now on (e.g. benchmark settings). */
    public Services with(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    public void awaitReady(String service) {
        awaitReady(service, 1);
    }

    public void awaitReady(String service, int instance) {
        HttpClient http = HttpClient.newHttpClient();
        String key = key(service, instance);
        await(key + " ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Process p = running.get(key);
            if (p != null && !p.isAlive()) {
                throw new IllegalStateException(key + " exited with " + p.exitValue()
                        + "; see " + logFile(key));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url(service, instance) + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    /** Kills the process without a graceful shutdown, as a crash would. */
    public void crash(String service) throws InterruptedException {
        crash(service, 1);
    }

    /**
     * {@code kill -9} of one instance, as a crash would: bin/run-service execs the JVM, so the process
     * started is the service's JVM (its children, if any, are killed too).
     */
    public void crash(String service, int instance) throws InterruptedException {
        Process p = running.remove(key(service, instance));
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
    }

    /** A clean stop of one instance (SIGTERM: Quarkus shuts down gracefully, its consumers leave the group). */
    public void stop(String service, int instance) throws InterruptedException {
        Process p = running.remove(key(service, instance));
        if (p != null) {
            p.destroy();
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
            }
        }
    }

    public void stopAll() {
        running.values().forEach(Process::destroy);
        for (Process p : running.values()) {
            try {
                // 30 s: a service recording its class-data archive writes it on the way out (bin/run-service).
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }
}
