package crampwatch.bench;

import crampwatch.testsupport.Broker;
import crampwatch.testsupport.DevTokens;
import crampwatch.testsupport.KafkaTopic;
import crampwatch.testsupport.Services;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The CrampWatch benchmark ({@code bin/bench}, {@code bin/bench --quick} for a smoke run): ingest
 * against pgbench, alert latency against Kafka's own end-to-end latency, advice-service's cost growth
 * with history, and each service's footprint. Prints the table and writes {@code docs/benchmarks.md}.
 */
public final class Bench {

    static final String EPISODE = "episode-service";
    static final String ADVICE = "advice-service";
    static final String NOTIFICATION = "notification-service";
    static final List<String> SERVICES = List.of(EPISODE, ADVICE, NOTIFICATION);

    /** How long and how much: the full run, or a smoke run with --quick. */
    record Plan(boolean quick, Duration ingestWarmup, Duration ingestStep, List<Integer> connections, Duration pgWarmup,
                Duration pgStep, double backgroundRate, Duration alertWarmup, int alerts, double alertRate, int kafkaMessages,
                int costEvents, List<Integer> histories) {
        static Plan of(boolean quick) {
            return quick
                    ? new Plan(true, Duration.ofSeconds(3), Duration.ofSeconds(5), List.of(8, 32, 64), Duration.ofSeconds(2),
                            Duration.ofSeconds(5), 200, Duration.ofSeconds(15), 40, 5, 300, 20, List.of(10, 1_000, 10_000, 100_000))
                    : new Plan(false, Duration.ofSeconds(60), Duration.ofSeconds(30), List.of(8, 32, 64), Duration.ofSeconds(5),
                            Duration.ofSeconds(30), 200, Duration.ofSeconds(30), 500, 5, 2000, 100, List.of(10, 1_000, 10_000, 100_000));
        }
    }

    final Plan plan;
    final String command;
    final Path root = Broker.repoRoot();
    final String run = Services.RUN;
    final String pgHost = System.getenv().getOrDefault("CRAMPWATCH_DB_HOST", "127.0.0.1");
    final String pgPort = System.getenv().getOrDefault("CRAMPWATCH_DB_PORT", "5432");
    final String pgUser = System.getenv().getOrDefault("CRAMPWATCH_DB_USER", "postgres");
    final Report report = new Report();
    Services services;
    List<String> phases;
    String profile;
    /** Extra JVM options for the services (JAVA_TOOL_OPTIONS), for experiments; recorded in the report. */
    String javaOptions;
    /** Extra environment for the services, for experiments (e.g. MALLOC_ARENA_MAX=2); recorded in the report. */
    Map<String, String> serviceEnv = Map.of();
    Path work;

    Bench(Plan plan, String command) {
        this.plan = plan;
        this.command = command;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        String command = "bin/bench";
        String pollInterval = null;
        String phases = "ingest,pgbench,alerts,cost";
        String profile = null;
        String javaOptions = null;
        Map<String, String> serviceEnv = new java.util.TreeMap<>();
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else if (a.startsWith("--command=")) {
                command = a.substring("--command=".length());
            } else if (a.startsWith("--phases=")) {
                phases = a.substring("--phases=".length());
            } else if (a.startsWith("--service-env=") && a.contains("=")) {
                String kv = a.substring("--service-env=".length());
                serviceEnv.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            } else if (a.startsWith("--service-java-options=")) {
                javaOptions = a.substring("--service-java-options=".length());
            } else if (a.startsWith("--profile=")) {
                profile = a.substring("--profile=".length());
            } else if (a.startsWith("--delivery-poll-interval=")) {
                pollInterval = a.substring("--delivery-poll-interval=".length());
            } else {
                System.err.println("usage: Bench [--quick] [--delivery-poll-interval=2s] [--phases=alerts,cost,ingest,pgbench] "
                        + "[--profile=SERVICE (JFR recording in .infra/bench-RUN/)] [--service-java-options='-Xms32m ...'] "
                        + "[--service-env=NAME=VALUE ...] [--command=...]");
                System.exit(2);
            }
        }
        Bench bench = new Bench(Plan.of(quick), command);
        bench.phases = List.of(phases.split(","));
        bench.profile = profile;
        bench.javaOptions = javaOptions;
        bench.serviceEnv = serviceEnv;
        int exit = bench.run(pollInterval);
        System.exit(exit);
    }

    static void say(String format, Object... args) {
        System.out.printf("[bench %s] %s%n", DateTimeFormatter.ofPattern("HH:mm:ss").format(Instant.now().atOffset(ZoneOffset.UTC)),
                String.format(format, args));
        System.out.flush();
    }

    int run(String pollIntervalOverride) throws Exception {
        report.started = Instant.now();
        report.pressureAtStart = Pressure.read();
        report.command = command;
        report.quick = plan.quick;
        report.serviceJavaOptions = javaOptions;
        report.jvmOptions = Services.describeJvmOptions();
        report.machine = Machine.describe(root, pgUrl("postgres"), pgUser);
        for (String s : SERVICES) {
            int port = Services.PORTS.get(s);
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " (" + s + ") is in use: is the end-to-end test or another "
                        + "benchmark running? Stop it first.");
            }
        }
        work = Files.createDirectories(root.resolve(".infra/bench-" + run));
        try (SmtpSink smtp = new SmtpSink()) {
            sink = smtp;
            services = new Services(smtp.port());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (services != null) {
                    services.stopAll();
                }
            }));
            // The delivery sender's poll interval as shipped (Services sets a test value): alerts are measured as deployed.
            String pollInterval = pollIntervalOverride != null ? pollIntervalOverride : shippedDefault(
                    "notification-service/src/main/resources/application.properties", "CRAMPWATCH_DELIVERY_POLL_INTERVAL", "2s");
            services.with("CRAMPWATCH_DELIVERY_POLL_INTERVAL", pollInterval);
            // The sink speaks plain SMTP on 127.0.0.1.
            services.with("CRAMPWATCH_SMTP_HOST", "127.0.0.1").with("CRAMPWATCH_SMTP_PORT", String.valueOf(smtp.port()))
                    .with("CRAMPWATCH_SMTP_STARTTLS", "DISABLED");
            report.deliveryPollInterval = pollInterval;
            serviceEnv.forEach(services::with);
            if (!serviceEnv.isEmpty()) {
                report.serviceJavaOptions = (javaOptions == null ? "" : javaOptions + "; ") + "environment " + serviceEnv;
            }
            say("run %s: fresh databases " + Services.DATABASES.values() + ", topics *-e2e-%s, SMTP sink on :%d, logs in .infra/services-%s/", run, run,
                    smtp.port(), run);
            Services.recreateDatabases();
            String episodesTopic = "cramp-episodes-e2e-" + run;
            String ingestTopic = "bench-ingest-" + run;

            // Footprint, part 1: time to ready, one service at a time (so they do not share the CPU while starting).
            // A service whose build has no class-data archive yet records one on this run (bin/run-service).
            report.firstStart.put(ADVICE, startTimed(ADVICE));
            report.firstStart.put(NOTIFICATION, startTimed(NOTIFICATION));
            services.with("CRAMPWATCH_EPISODES_TOPIC", episodesTopic);
            report.firstStart.put(EPISODE, startTimed(EPISODE));

            if (phases.contains("alerts")) {
                phase("alerts", this::alerts);
            }
            if (phases.contains("cost")) {
                phase("cost", () -> cost(episodesTopic));
            }
            for (String s : SERVICES) {
                report.rssAfterAlerts.put(s, rssMb(s));
            }

            // During the ingest runs episode-service publishes to a topic nobody consumes: the ingest figure is
            // episode-service's own (API, database, outbox relay to Kafka), not shared with the consumers' CPU.
            stop(EPISODE);
            services.with("CRAMPWATCH_EPISODES_TOPIC", ingestTopic);
            startTimed(EPISODE);
            if (phases.contains("ingest")) {
                phase("ingest", this::ingest);
            }
            for (String s : SERVICES) {
                report.rssAfterIngest.put(s, rssMb(s));
            }
            // episode-service's pool (20 connections) is closed while pgbench runs 64 clients (max_connections is 100).
            stop(EPISODE);
            if (phases.contains("pgbench")) {
                phase("pgbench", () -> pgbench(work));
            }
            // Footprint, part 2: a restart of each service, as after a deployment or a crash: the database is
            // migrated already and the class-data archive recorded on the first stop is in place.
            phase("restart", () -> {
                stop(ADVICE);
                stop(NOTIFICATION);
                for (String s : SERVICES) {
                    report.restart.put(s, startTimed(s));
                    stop(s);
                }
            });
        } finally {
            if (services != null) {
                say("stopping the services");
                services.stopAll();
            }
            crampwatch.testsupport.TestRunSession.cleanUp(run); // this run's databases and topics
        }
        report.finished = Instant.now();
        report.pressureAtEnd = Pressure.read();
        String table = report.table();
        System.out.println();
        System.out.println(table);
        Path doc = root.resolve("docs/benchmarks.md");
        Files.writeString(doc, report.markdown(plan), StandardCharsets.UTF_8);
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

    /** The default in {@code ${ENV:default}} of a service's shipped application.properties. */
    String shippedDefault(String file, String env, String fallback) {
        try {
            Matcher m = Pattern.compile("\\$\\{" + env + ":([^}]*)}").matcher(Files.readString(root.resolve(file)));
            return m.find() ? m.group(1) : fallback;
        } catch (IOException e) {
            return fallback;
        }
    }

    /** A graceful stop (SIGTERM), so a JFR recording is written. */
    void stop(String service) throws InterruptedException {
        Process p = services.process(service);
        if (p != null) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /** Whether bin/run-service started the JVM with a class-data archive to map (rather than recording one). */
    static boolean mapsClassArchive(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                    .contains("-XX:SharedArchiveFile=");
        } catch (IOException e) {
            return false;
        }
    }

    /** One start of a service: seconds to ready, CPU seconds used until then, and whether a class-data archive was mapped. */
    record Start(double seconds, double cpuSeconds, boolean classArchive) {
    }

    Start startTimed(String service) throws InterruptedException {
        if (profile != null || javaOptions != null) {
            String options = javaOptions == null ? "" : javaOptions;
            if (service.equals(profile)) {
                options += " -XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                        + work.resolve(service + "-" + System.currentTimeMillis() + ".jfr");
            }
            services.with("JAVA_TOOL_OPTIONS", options.trim());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ready = URI.create(Services.url(service) + "/q/health/ready");
        long t0 = System.nanoTime();
        services.start(service);
        long deadline = t0 + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Process p = services.process(service);
            if (p != null && !p.isAlive()) {
                throw new IllegalStateException(service + " exited with " + p.exitValue() + "; see " + Services.logFile(service));
            }
            try {
                int status = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    double s = (System.nanoTime() - t0) / 1e9;
                    double cpu = CpuMeter.cpuSeconds(p.pid());
                    boolean archive = mapsClassArchive(p.pid());
                    say("%s ready in %.2f s (pid %d, %.2f s of CPU, %s)", service, s, p.pid(), cpu,
                            archive ? "class-data archive mapped" : "no class-data archive yet: recording one");
                    return new Start(s, cpu, archive);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(service + " not ready within 120 s; see " + Services.logFile(service));
    }

    double rssMb(String service) {
        Process p = services.process(service);
        if (p == null || !p.isAlive()) {
            return Double.NaN;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no /proc: not Linux
        }
        return Double.NaN;
    }

    static List<Load.Patient> patients(String prefix, int n) {
        List<Load.Patient> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i;
            out.add(new Load.Patient(id, DevTokens.patient(id)));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- ingest

    void ingest() throws InterruptedException {
        List<Load.Patient> patients = patients("bi-" + run, 1000);
        Load load = new Load(Services.url(EPISODE));
        say("ingest: warm-up %d s at 32 connections", plan.ingestWarmup.toSeconds());
        load.closedLoop(32, plan.ingestWarmup, patients);
        long servicePid = services.process(EPISODE).pid();
        long kafkaPid = CpuMeter.kafkaPid();
        long self = ProcessHandle.current().pid();
        for (int c : plan.connections) {
            CpuMeter cpu = new CpuMeter().part(EPISODE, () -> CpuMeter.ticks(servicePid, false))
                    .part("PostgreSQL", () -> CpuMeter.ticksOfAll("postgres"))
                    .part("Kafka", () -> CpuMeter.ticks(kafkaPid, false))
                    .part("load generator", () -> CpuMeter.ticks(self, false));
            cpu.begin();
            Load.Result r = load.closedLoop(c, plan.ingestStep, patients);
            report.ingestCpu.put(c, cpu.end());
            report.ingest.put(c, r);
            say("ingest: %d connections: %.0f req/s, p50 %.1f ms, p99 %.1f ms, %d errors%s", c, r.perSecond(), r.p(50), r.p(99),
                    r.errors(), r.firstError() == null ? "" : " (first: " + r.firstError() + ")");
        }
    }

    void pgbench(Path work) throws Exception {
        PgBench pg = new PgBench(pgHost, pgPort, pgUser, Services.DATABASES.get(EPISODE), work);
        report.pgbenchPath = pg.executable();
        pg.createTables();
        try {
            Path script = pg.script();
            say("pgbench: warm-up %d s at 32 clients (%s)", plan.pgWarmup.toSeconds(), pg.executable());
            pg.run(script, 32, plan.pgWarmup);
            long self = ProcessHandle.current().pid();
            for (int c : plan.connections) {
                CpuMeter cpu = new CpuMeter().part("PostgreSQL", () -> CpuMeter.ticksOfAll("postgres"))
                        .part("pgbench", () -> CpuMeter.ticks(self, true) - CpuMeter.ticks(self, false));
                cpu.begin();
                PgBench.Result r = pg.run(script, c, plan.pgStep);
                report.pgbenchCpu.put(c, cpu.end());
                report.pgbench.put(c, r);
                say("pgbench: %d clients: %.0f tps, p50 %.1f ms, p99 %.1f ms, %d failed", c, r.tps(), r.p(50), r.p(99), r.failed());
            }
        } finally {
            pg.dropTables();
        }
    }

    // ------------------------------------------------------------------------------------------- alerts

    void alerts() throws Exception {
        List<Load.Patient> background = patients("bb-" + run, 1000);
        List<Load.Patient> alerting = patients("ba-" + run, plan.alerts);
        List<Load.Patient> warmAlerts = patients("bw-" + run, plan.quick ? 10 : 30);
        putContacts(alerting);
        putContacts(warmAlerts);
        Load load = new Load(Services.url(EPISODE));
        say("alerts: background load %.0f episodes/s (open loop); warm-up %d s with %d unmeasured alerts", plan.backgroundRate,
                plan.alertWarmup.toSeconds(), warmAlerts.size());
        Load.ConstantRate bg = load.constantRate(plan.backgroundRate, background, Bodies::ordinary);
        try (Connection advice = DriverManager.getConnection(pgUrl(Services.DATABASES.get(ADVICE)), pgUser, "")) {
            long warmStart = System.nanoTime();
            Map<String, Long> warmResponded = new ConcurrentHashMap<>();
            postAlerts(load, warmAlerts, warmResponded, new AtomicLong());
            LockSupport.parkNanos(plan.alertWarmup.toNanos() - (System.nanoTime() - warmStart));
            // Measure only once advice-service keeps up: its backlog under a second of the background rate.
            long lagDeadline = System.nanoTime() + Duration.ofSeconds(plan.quick ? 45 : 90).toNanos();
            long lag;
            while ((lag = adviceLag(advice, bg.accepted() + warmResponded.size())) > plan.backgroundRate
                    && System.nanoTime() < lagDeadline) {
                Thread.sleep(250);
            }
            report.adviceLagAtStart = lag;
            say("alerts: advice-service backlog %d events at the start of the measurement", lag);
            Map<String, Long> respondedAt = new ConcurrentHashMap<>();
            AtomicLong failed = new AtomicLong();
            CpuMeter cpu = new CpuMeter().part(EPISODE, () -> CpuMeter.ticks(services.process(EPISODE).pid(), false))
                    .part(ADVICE, () -> CpuMeter.ticks(services.process(ADVICE).pid(), false))
                    .part(NOTIFICATION, () -> CpuMeter.ticks(services.process(NOTIFICATION).pid(), false))
                    .part("PostgreSQL", () -> CpuMeter.ticksOfAll("postgres"))
                    .part("Kafka", () -> CpuMeter.ticks(CpuMeter.kafkaPid(), false))
                    .part("load generator", () -> CpuMeter.ticks(ProcessHandle.current().pid(), false));
            long bgBefore = bg.accepted();
            cpu.begin();
            say("alerts: %d URGENT episodes at %.0f/s", plan.alerts, plan.alertRate);
            postAlerts(load, alerting, respondedAt, failed);
            long lastSent = System.nanoTime();
            report.alertCpu = cpu.end();
            report.alertCpuEpisodes = bg.accepted() - bgBefore + plan.alerts;
            report.adviceLagAtEnd = adviceLag(advice, bg.accepted() + warmResponded.size() + respondedAt.size());
            Duration drain = Duration.ofSeconds(plan.quick ? 30 : 60);
            while (System.nanoTime() - lastSent < drain.toNanos()) {
                long delivered = respondedAt.keySet().stream().filter(id -> smtp().acceptedAt(email(id)) != null).count();
                if (respondedAt.size() + failed.get() == plan.alerts && delivered == respondedAt.size()) {
                    break;
                }
                Thread.sleep(100);
            }
            Histogram latency = new Histogram(3);
            int missing = 0;
            for (Map.Entry<String, Long> e : respondedAt.entrySet()) {
                Long accepted = smtp().acceptedAt(email(e.getKey()));
                if (accepted == null) {
                    missing++;
                } else {
                    latency.recordValue(Math.max(0, accepted - e.getValue()));
                }
            }
            report.alertLatency = latency;
            report.alertsPosted = plan.alerts;
            report.alertsFailed = failed.get();
            report.alertsMissing = missing;
            say("alerts: %d emails measured, %d missing after %d s, %d POSTs failed: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
                    latency.getTotalCount(), missing, drain.toSeconds(), failed.get(), ms(latency, 50), ms(latency, 95), ms(latency, 99));

            try {
                report.hops = Hops.measure(pgUser, pgUrl(Services.DATABASES.get(EPISODE)), pgUrl(Services.DATABASES.get(ADVICE)),
                        pgUrl(Services.DATABASES.get(NOTIFICATION)), "ba-" + run + "-");
                report.hops.forEach((hop, h) -> say("alerts: %s: p50 %.1f ms, p99 %.1f ms (%d)", hop, ms(h, 50), ms(h, 99), h.getTotalCount()));
            } catch (java.sql.SQLException e) {
                say("alerts: could not read the per-hop timestamps (%s)", e.getMessage());
            }

            say("alerts: Kafka's EndToEndLatency, %d messages, same broker, same background load", plan.kafkaMessages);
            phase("Kafka EndToEndLatency", () -> report.kafka = KafkaEndToEnd.run(root, KafkaTopic.bootstrapServers(),
                    "bench-latency-" + run, plan.kafkaMessages));
            if (report.kafka != null) {
                say("alerts: Kafka end-to-end p50 %d ms, p99 %d ms, p99.9 %d ms, average %.2f ms", report.kafka.p50(),
                        report.kafka.p99(), report.kafka.p999(), report.kafka.average());
            }
        } finally {
            Load.Result r = bg.stop();
            report.background = r;
            say("alerts: background load achieved %.0f episodes/s, p99 %.1f ms, %d errors", r.ok() / r.seconds(), r.p(99), r.errors());
        }
    }

    SmtpSink sink;

    /** Posts one URGENT episode per patient at the alert rate; records when each 201 arrived. */
    void postAlerts(Load load, List<Load.Patient> patients, Map<String, Long> respondedAt, AtomicLong failed) {
        HttpClient http = Load.client();
        long interval = (long) (1e9 / plan.alertRate);
        long next = System.nanoTime();
        for (Load.Patient p : patients) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            next += interval;
            http.sendAsync(load.post(p, Bodies.urgent()), HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
                long now = System.nanoTime();
                if (err == null && resp.statusCode() == 201) {
                    respondedAt.put(p.id(), now);
                } else {
                    failed.incrementAndGet();
                }
            });
        }
    }

    /** Episodes accepted by episode-service that advice-service has not consumed yet. */
    static long adviceLag(Connection advice, long accepted) throws java.sql.SQLException {
        try (Statement st = advice.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM processed_event")) {
            rs.next();
            return accepted - rs.getLong(1);
        }
    }

    SmtpSink smtp() {
        return sink;
    }

    static String email(String patientId) {
        return patientId.toLowerCase() + "@bench.example";
    }

    void putContacts(List<Load.Patient> patients) throws InterruptedException {
        HttpClient http = Load.client();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicLong failures = new AtomicLong();
        for (Load.Patient p : patients) {
            pool.execute(() -> {
                String body = "{\"patient\":{\"email\":\"" + email(p.id()) + "\",\"minLevel\":\"URGENT\"},\"clinicians\":[]}";
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                    URI.create(Services.url(NOTIFICATION) + "/patients/" + p.id() + "/contacts"))
                            .header("Authorization", "Bearer " + p.token()).header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() / 100 != 2 && failures.getAndIncrement() == 0) {
                        System.err.println("[bench] PUT contacts: " + r.statusCode() + " " + Load.abbreviate(r.body()));
                    }
                } catch (IOException | InterruptedException e) {
                    failures.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " contact lists could not be stored");
        }
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }

    // ------------------------------------------------------------------------------------------- cost growth

    void cost(String episodesTopic) throws Exception {
        String adviceDb = pgUrl(Services.DATABASES.get(ADVICE));
        try (CostGrowth cost = new CostGrowth(adviceDb, pgUser, KafkaTopic.bootstrapServers(), episodesTopic)) {
            say("cost: waiting until advice-service has worked off the earlier phases");
            cost.awaitIdle(Duration.ofMinutes(3));
            say("cost: warm-up (a patient with 10 episodes)");
            cost.measure("bc-" + run + "-warm", 10, plan.costEvents, Duration.ofMinutes(2));
            for (int h : plan.histories) {
                CostGrowth.Result r = cost.measure("bc-" + run + "-" + h, h, plan.costEvents, Duration.ofMinutes(3));
                report.cost.put(h, r);
                say("cost: history %,d episodes: %.2f ms per new episode (%d events; %.2f ms per event incl. Kafka)", h,
                        r.msPerEpisode(), r.events(), r.wallMsPerEpisode());
            }
        }
    }

    /** Machine facts for the report. */
    record Machine(int cores, String cpu, long memoryMb, String java, String postgres, String kafka) {
        static Machine describe(Path root, String pgUrl, String user) {
            String cpu = "?";
            long mem = 0;
            try {
                cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
                mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                        .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(0L);
            } catch (IOException | RuntimeException e) {
                // not Linux
            }
            String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
            String pg = "?";
            try (Connection c = DriverManager.getConnection(pgUrl, user, ""); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SHOW server_version")) {
                rs.next();
                pg = rs.getString(1);
            } catch (Exception e) {
                // reported as ?
            }
            String kafka = "?";
            try (var files = Files.list(root.resolve(".infra/kafka/libs"))) {
                kafka = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("kafka-server-[0-9].*\\.jar"))
                        .map(n -> n.substring("kafka-server-".length(), n.length() - 4)).findFirst().orElse("?");
            } catch (IOException e) {
                // reported as ?
            }
            return new Machine(Runtime.getRuntime().availableProcessors(), cpu, mem, java, pg, "Apache Kafka " + kafka + " (KRaft, single node)");
        }
    }
}
