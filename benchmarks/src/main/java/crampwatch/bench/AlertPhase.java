package crampwatch.bench;

import crampwatch.testsupport.KafkaTopic;
import crampwatch.testsupport.Services;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Alert latency against its baseline: URGENT episodes at a steady rate under an open-loop background load,
 * each timed from its 201 to the SMTP sink accepting the email; then Kafka's own EndToEndLatency on the same
 * broker under the same load.
 */
record AlertPhase(Bench bench, Plan plan, Report report) {

    AlertPhase(Bench bench) {
        this(bench, bench.plan, bench.report);
    }

    void run() throws Exception {
        String run = bench.run;
        List<Load.Patient> background = Load.patients("bb-" + run, 1000);
        List<Load.Patient> alerting = Load.patients("ba-" + run, plan.alerts());
        List<Load.Patient> warmAlerts = Load.patients("bw-" + run, plan.quick() ? 10 : 30);
        putContacts(alerting);
        putContacts(warmAlerts);
        Load load = new Load(Services.url(Bench.EPISODE));
        Bench.say("alerts: background load %.0f episodes/s (open loop); warm-up %d s with %d unmeasured alerts", plan.backgroundRate(),
                plan.alertWarmup().toSeconds(), warmAlerts.size());
        Load.ConstantRate bg = load.new ConstantRate(plan.backgroundRate(), background, Bodies::ordinary);
        try (Connection advice = DriverManager.getConnection(bench.dbUrl(Bench.ADVICE), bench.pgUser, "")) {
            long warmStart = System.nanoTime();
            Map<String, Long> warmResponded = new ConcurrentHashMap<>();
            postAlerts(load, warmAlerts, warmResponded, new AtomicLong());
            LockSupport.parkNanos(plan.alertWarmup().toNanos() - (System.nanoTime() - warmStart));
            // Measure only once advice-service keeps up: its backlog under a second of the background rate.
            long lagDeadline = System.nanoTime() + Duration.ofSeconds(plan.quick() ? 45 : 90).toNanos();
            long lag;
            while ((lag = adviceLag(advice, bg.accepted() + warmResponded.size())) > plan.backgroundRate()
                    && System.nanoTime() < lagDeadline) {
                Thread.sleep(250);
            }
            report.adviceLagAtStart = lag;
            Bench.say("alerts: advice-service backlog %d events at the start of the measurement", lag);
            Map<String, Long> respondedAt = new ConcurrentHashMap<>();
            AtomicLong failed = new AtomicLong();
            CpuMeter cpu = new CpuMeter();
            for (String s : Bench.SERVICES) {
                cpu.part(s, () -> CpuMeter.ticks(bench.services.process(s).pid(), false));
            }
            cpu.part("PostgreSQL", () -> CpuMeter.ticksOfAll("postgres"))
                    .part("Kafka", () -> CpuMeter.ticks(CpuMeter.kafkaPid(), false))
                    .part("load generator", () -> CpuMeter.ticks(ProcessHandle.current().pid(), false));
            long bgBefore = bg.accepted();
            cpu.begin();
            Bench.say("alerts: %d URGENT episodes at %.0f/s", plan.alerts(), plan.alertRate());
            postAlerts(load, alerting, respondedAt, failed);
            long lastSent = System.nanoTime();
            report.alertCpu = cpu.end();
            report.alertCpuEpisodes = bg.accepted() - bgBefore + plan.alerts();
            report.adviceLagAtEnd = adviceLag(advice, bg.accepted() + warmResponded.size() + respondedAt.size());
            Duration drain = Duration.ofSeconds(plan.quick() ? 30 : 60);
            while (System.nanoTime() - lastSent < drain.toNanos()) {
                long delivered = respondedAt.keySet().stream().filter(id -> bench.smtp.acceptedAt(email(id)) != null).count();
                if (respondedAt.size() + failed.get() == plan.alerts() && delivered == respondedAt.size()) {
                    break;
                }
                Thread.sleep(100);
            }
            Histogram latency = new Histogram(3);
            int missing = 0;
            for (Map.Entry<String, Long> e : respondedAt.entrySet()) {
                Long accepted = bench.smtp.acceptedAt(email(e.getKey()));
                if (accepted == null) {
                    missing++;
                } else {
                    latency.recordValue(Math.max(0, accepted - e.getValue()));
                }
            }
            report.alertLatency = latency;
            report.alertsPosted = plan.alerts();
            report.alertsFailed = failed.get();
            report.alertsMissing = missing;
            Bench.say("alerts: %d emails measured, %d missing after %d s, %d POSTs failed: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
                    latency.getTotalCount(), missing, drain.toSeconds(), failed.get(), Bench.ms(latency, 50), Bench.ms(latency, 95),
                    Bench.ms(latency, 99));

            try {
                report.hops = Hops.measure(bench.pgUser, bench.dbUrl(Bench.EPISODE), bench.dbUrl(Bench.ADVICE),
                        bench.dbUrl(Bench.NOTIFICATION), "ba-" + run + "-");
                report.hops.forEach((hop, h) -> Bench.say("alerts: %s: p50 %.1f ms, p99 %.1f ms (%d)", hop, Bench.ms(h, 50),
                        Bench.ms(h, 99), h.getTotalCount()));
            } catch (SQLException e) {
                Bench.say("alerts: could not read the per-hop timestamps (%s)", e.getMessage());
            }

            Bench.say("alerts: Kafka's EndToEndLatency, %d messages, same broker, same background load", plan.kafkaMessages());
            bench.phase("Kafka EndToEndLatency", () -> report.kafka = KafkaEndToEnd.run(bench.root, KafkaTopic.bootstrapServers(),
                    "bench-latency-" + run, plan.kafkaMessages()));
            if (report.kafka != null) {
                Bench.say("alerts: Kafka end-to-end p50 %d ms, p99 %d ms, p99.9 %d ms, average %.2f ms", report.kafka.p50(),
                        report.kafka.p99(), report.kafka.p999(), report.kafka.average());
            }
        } finally {
            Load.Result r = bg.stop();
            report.background = r;
            Bench.say("alerts: background load achieved %.0f episodes/s, p99 %.1f ms, %d errors", r.ok() / r.seconds(), r.p(99), r.errors());
        }
    }

    /** Posts one URGENT episode per patient at the alert rate; records when each 201 arrived. */
    private void postAlerts(Load load, List<Load.Patient> patients, Map<String, Long> respondedAt, AtomicLong failed) {
        HttpClient http = Load.client();
        long interval = (long) (1e9 / plan.alertRate());
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
    private static long adviceLag(Connection advice, long accepted) throws SQLException {
        try (Statement st = advice.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM processed_event")) {
            rs.next();
            return accepted - rs.getLong(1);
        }
    }

    private static String email(String patientId) {
        return patientId.toLowerCase() + "@bench.example";
    }

    /** Sets each patient's own address on notification-service (the patient's token), minimum level URGENT. */
    private void putContacts(List<Load.Patient> patients) throws InterruptedException {
        HttpClient http = Load.client();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicLong failures = new AtomicLong();
        for (Load.Patient p : patients) {
            pool.execute(() -> {
                String body = "{\"email\":\"" + email(p.id()) + "\",\"minLevel\":\"URGENT\"}";
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                    URI.create(Services.url(Bench.NOTIFICATION) + "/patients/" + p.id() + "/contacts/patient"))
                            .header("Authorization", "Bearer " + p.token()).header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() / 100 != 2 && failures.getAndIncrement() == 0) {
                        System.err.println("[bench] PUT contacts/patient: " + r.statusCode() + " " + Load.abbreviate(r.body()));
                    }
                } catch (IOException | InterruptedException e) {
                    failures.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " patient addresses could not be stored");
        }
    }
}
