package crampwatch.bench;

import crampwatch.testsupport.Broker;
import crampwatch.testsupport.Services;
import crampwatch.testsupport.TestRunSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The CrampWatch benchmark ({@code bin/bench}, {@code bin/bench --quick} for a smoke run): starts the three
 * services, runs the phases in order ({@link AlertPhase}, {@link CostGrowth}, {@link IngestPhase}, the
 * {@link Footprint} restarts), prints the table and writes the latest run into {@code docs/benchmarks.md}.
 */
public final class Bench {

    static final String EPISODE = "episode-service";
    static final String ADVICE = "advice-service";
    static final String NOTIFICATION = "notification-service";
    static final List<String> SERVICES = List.of(EPISODE, ADVICE, NOTIFICATION);

    final Options options;
    final Plan plan;
    final Path root = Broker.repoRoot();
    final String run = Services.RUN;
    final String pgHost = System.getenv().getOrDefault("CRAMPWATCH_DB_HOST", "127.0.0.1");
    final String pgPort = System.getenv().getOrDefault("CRAMPWATCH_DB_PORT", "5432");
    final String pgUser = System.getenv().getOrDefault("CRAMPWATCH_DB_USER", "postgres");
    final Report report = new Report();
    Services services;
    SmtpSink smtp;
    /** This run's directory for JFR recordings and pgbench's script. */
    Path work;

    Bench(Options options) {
        this.options = options;
        this.plan = Plan.of(options.quick());
    }

    public static void main(String[] args) throws Exception {
        System.exit(new Bench(Options.parse(args)).run());
    }

    static void say(String format, Object... args) {
        System.out.printf("[bench %s] %s%n", DateTimeFormatter.ofPattern("HH:mm:ss").format(Instant.now().atOffset(ZoneOffset.UTC)),
                String.format(format, args));
        System.out.flush();
    }

    int run() throws Exception {
        Path doc = root.resolve("docs/benchmarks.md");
        Report.insert(Files.readString(doc), ""); // its markers are in place before the run, not found missing after it
        report.started = Instant.now();
        report.pressureAtStart = Pressure.read();
        report.command = options.command();
        report.plan = plan;
        report.serviceJavaOptions = options.serviceJavaOptions();
        report.jvmOptions = Services.describeJvmOptions();
        report.machine = Machine.describe(root, pgUrl("postgres"), pgUser);
        work = Files.createDirectories(root.resolve(".infra/bench-" + run));
        try (SmtpSink sink = new SmtpSink()) {
            smtp = sink;
            services = new Services(sink.port());
            Runtime.getRuntime().addShutdownHook(new Thread(services::stopAll));
            // The delivery sender's poll interval as shipped (Services sets a test value): alerts are measured as deployed.
            String pollInterval = options.deliveryPollInterval() != null ? options.deliveryPollInterval() : shippedDefault(
                    "notification-service/src/main/resources/application.properties", "CRAMPWATCH_DELIVERY_POLL_INTERVAL", "2s");
            services.with("CRAMPWATCH_DELIVERY_POLL_INTERVAL", pollInterval);
            // The sink speaks plain SMTP on 127.0.0.1.
            services.with("CRAMPWATCH_SMTP_HOST", "127.0.0.1").with("CRAMPWATCH_SMTP_PORT", String.valueOf(sink.port()))
                    .with("CRAMPWATCH_SMTP_STARTTLS", "DISABLED");
            report.deliveryPollInterval = pollInterval;
            options.serviceEnv().forEach(services::with);
            if (!options.serviceEnv().isEmpty()) {
                report.serviceJavaOptions = (options.serviceJavaOptions() == null ? "" : options.serviceJavaOptions() + "; ")
                        + "environment " + options.serviceEnv();
            }
            say("run %s: fresh databases " + Services.DATABASES.values() + ", topics *-e2e-%s, SMTP sink on :%d, logs in .infra/services-%s/",
                    run, run, sink.port(), run);
            Services.recreateDatabases();
            String episodesTopic = "cramp-episodes-e2e-" + run;
            Footprint footprint = new Footprint(this);

            // Footprint, part 1: time to ready, one service at a time (so they do not share the CPU while starting).
            // A service whose build has no class-data archive yet records one on this run (bin/run-service).
            report.firstStart.put(ADVICE, footprint.start(ADVICE));
            report.firstStart.put(NOTIFICATION, footprint.start(NOTIFICATION));
            services.with("CRAMPWATCH_EPISODES_TOPIC", episodesTopic);
            report.firstStart.put(EPISODE, footprint.start(EPISODE));

            if (options.phases().contains("alerts")) {
                phase("alerts", new AlertPhase(this)::run);
            }
            if (options.phases().contains("cost")) {
                phase("cost", () -> CostGrowth.phase(this, episodesTopic));
            }
            footprint.rss(report.rssAfterAlerts);

            // During the ingest runs episode-service publishes to a topic nobody consumes: the ingest figure is
            // episode-service's own (API, database, outbox relay to Kafka), not shared with the consumers' CPU.
            footprint.stop(EPISODE);
            services.with("CRAMPWATCH_EPISODES_TOPIC", "bench-ingest-" + run);
            footprint.start(EPISODE);
            IngestPhase ingest = new IngestPhase(this);
            if (options.phases().contains("ingest")) {
                phase("ingest", ingest::ingest);
            }
            footprint.rss(report.rssAfterIngest);
            // episode-service's pool (20 connections) is closed while pgbench runs 64 clients (max_connections is 100).
            footprint.stop(EPISODE);
            if (options.phases().contains("pgbench")) {
                phase("pgbench", ingest::pgbench);
            }
            phase("restart", footprint::restart);
        } finally {
            if (services != null) {
                say("stopping the services");
                services.stopAll();
            }
            TestRunSession.cleanUp(run); // this run's databases and topics
        }
        report.finished = Instant.now();
        report.pressureAtEnd = Pressure.read();
        System.out.println();
        System.out.println(report.table());
        Files.writeString(doc, Report.insert(Files.readString(doc), report.latestRun()), StandardCharsets.UTF_8);
        say("wrote %s", root.relativize(doc));
        return 0;
    }

    interface Step {
        void run() throws Exception;
    }

    /** Runs one phase; a failure is reported in the table and the run goes on with the next phase. */
    void phase(String name, Step step) {
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            String message = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            say("%s FAILED: %s", name, message);
            e.printStackTrace(System.out);
            report.failures.add(name + ": " + message);
        }
    }

    String pgUrl(String database) {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
    }

    /** The JDBC URL of a service's database in this run. */
    String dbUrl(String service) {
        return pgUrl(Services.DATABASES.get(service));
    }

    /** The default in {@code ${ENV:default}} of a service's shipped application.properties. */
    String shippedDefault(String file, String env, String fallback) {
        try {
            Matcher m = Pattern.compile("\\$\\{" + env + ":([^}]*)}").matcher(Files.readString(root.resolve(file)));
            return m.find() ? m.group(1) : fallback;
        } catch (IOException e) {
            return fallback;
        }
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }
}
