package crampwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** The figures of one run, as a table for the terminal and as {@code docs/benchmarks.md}. */
final class Report {

    static final double INGEST_RATIO_TARGET = 0.5;
    static final double ALERT_P50_TARGET_MS = 50;
    static final double ALERT_P99_TARGET_MS = 250;
    static final double COST_RATIO_TARGET = 2.0;
    static final double RSS_TARGET_MB = 250;
    static final double READY_TARGET_S = 3;

    Instant started;
    Instant finished;
    Pressure pressureAtStart;
    Pressure pressureAtEnd;
    String command;
    boolean quick;
    Bench.Machine machine;
    String pgbenchPath;
    String deliveryPollInterval;
    String serviceJavaOptions;
    /** The services' JVM options (config/jvm.options or CRAMPWATCH_SERVICE_JVM_OPTIONS), spelled out. */
    String jvmOptions;

    final Map<Integer, Load.Result> ingest = new TreeMap<>();
    final Map<Integer, PgBench.Result> pgbench = new TreeMap<>();
    final Map<Integer, CpuMeter.Usage> ingestCpu = new TreeMap<>();
    final Map<Integer, CpuMeter.Usage> pgbenchCpu = new TreeMap<>();
    Histogram alertLatency;
    int alertsPosted;
    long alertsFailed;
    int alertsMissing;
    Load.Result background;
    long adviceLagAtStart;
    long adviceLagAtEnd;
    CpuMeter.Usage alertCpu;
    Map<String, Histogram> hops;
    long alertCpuEpisodes;
    KafkaEndToEnd.Result kafka;
    final Map<Integer, CostGrowth.Result> cost = new TreeMap<>();
    /** The first start of each service in the run (fresh database), and its restart at the end of the run. */
    final Map<String, Bench.Start> firstStart = new LinkedHashMap<>();
    final Map<String, Bench.Start> restart = new LinkedHashMap<>();
    /** CPU seconds (user + system, all threads) the service's JVM used until it was ready, first start. */
    final Map<String, Double> rssAfterIngest = new LinkedHashMap<>();
    final Map<String, Double> rssAfterAlerts = new LinkedHashMap<>();
    final java.util.List<String> failures = new java.util.ArrayList<>();

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String met(boolean ok) {
        return ok ? "**met**" : "**missed**";
    }

    double ingestRatio(int connections) {
        Load.Result r = ingest.get(connections);
        PgBench.Result p = pgbench.get(connections);
        return r == null || p == null || p.tps() == 0 ? Double.NaN : r.perSecond() / p.tps();
    }

    double alertMs(double percentile) {
        return alertLatency == null ? Double.NaN : Bench.ms(alertLatency, percentile);
    }

    double costRatio(int history) {
        CostGrowth.Result base = cost.get(10);
        CostGrowth.Result r = cost.get(history);
        return base == null || r == null ? Double.NaN : r.msPerEpisode() / base.msPerEpisode();
    }

    double rssMax(String service) {
        return Math.max(rssAfterIngest.getOrDefault(service, Double.NaN), rssAfterAlerts.getOrDefault(service, Double.NaN));
    }

    boolean footprintMet(String service) {
        Bench.Start again = restart.get(service);
        return again != null && again.seconds() <= READY_TARGET_S && rssMax(service) <= RSS_TARGET_MB;
    }

    private static String seconds(Bench.Start start) {
        return start == null ? "–" : f("%.2f", start.seconds());
    }

    private static String cpu(Bench.Start start) {
        return start == null ? "–" : f("%.2f", start.cpuSeconds());
    }

    /** The result tables (markdown, readable in a terminal too). */
    String table() {
        StringBuilder b = new StringBuilder();
        b.append("### Ingest: POST /patients/{id}/episodes vs pgbench (the same episode row + outbox row, one transaction each)\n\n");
        b.append("| Connections | CrampWatch req/s | p50 ms | p99 ms | errors | pgbench tx/s | p50 ms | p99 ms | ratio | target |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Map.Entry<Integer, Load.Result> e : ingest.entrySet()) {
            int c = e.getKey();
            Load.Result r = e.getValue();
            PgBench.Result p = pgbench.get(c);
            double ratio = ingestRatio(c);
            b.append(f("| %d | %.0f | %.1f | %.1f | %d | %s | %s | %s | %s | %s |\n", c, r.perSecond(), r.p(50), r.p(99), r.errors(),
                    p == null ? "–" : f("%.0f", p.tps()), p == null ? "–" : f("%.1f", p.p(50)), p == null ? "–" : f("%.1f", p.p(99)),
                    Double.isNaN(ratio) ? "–" : f("%.0f %%", ratio * 100),
                    c == 32 ? "≥ 50 % " + met(ratio >= INGEST_RATIO_TARGET) : ""));
        }
        if (!ingestCpu.isEmpty()) {
            b.append("\nWhere the CPU went, in CPU milliseconds per request (per pgbench transaction), from /proc; \"machine\" is all busy\n"
                    + "CPU of the machine (other users' work included) per request, out of 2,000 ms per second on 2 cores:\n\n");
            b.append("| Connections | episode-service | PostgreSQL | Kafka | load generator | machine | pgbench: PostgreSQL | pgbench client | machine |\n");
            b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Map.Entry<Integer, CpuMeter.Usage> e : ingestCpu.entrySet()) {
                int c = e.getKey();
                CpuMeter.Usage u = e.getValue();
                Load.Result r = ingest.get(c);
                long n = r.ok() + r.errors();
                CpuMeter.Usage pu = pgbenchCpu.get(c);
                PgBench.Result p = pgbench.get(c);
                long pn = p == null || pu == null ? 0 : p.transactions();
                b.append(f("| %d | %.2f | %.2f | %.2f | %.2f | %.2f | %s | %s | %s |\n", c, u.perUnit(Bench.EPISODE, n), u.perUnit("PostgreSQL", n),
                        u.perUnit("Kafka", n), u.perUnit("load generator", n), n == 0 ? Double.NaN : u.machineBusyMs() / n,
                        pu == null ? "–" : f("%.3f", pu.perUnit("PostgreSQL", pn)), pu == null ? "–" : f("%.3f", pu.perUnit("pgbench", pn)),
                        pu == null || pn == 0 ? "–" : f("%.3f", pu.machineBusyMs() / pn)));
            }
        }
        b.append("\n### Alert latency: POST response → SMTP server accepts the email, under background load\n\n");
        b.append("| | p50 ms | p95 ms | p99 ms | max ms | samples | target |\n|---|---:|---:|---:|---:|---:|---|\n");
        if (alertLatency != null) {
            boolean ok = alertMs(50) <= ALERT_P50_TARGET_MS && alertMs(99) <= ALERT_P99_TARGET_MS && alertsMissing == 0 && alertsFailed == 0;
            b.append(f("| CrampWatch URGENT alert (2 Kafka hops, 3 services) | %.1f | %.1f | %.1f | %.1f | %d of %d%s | p50 ≤ 50, p99 ≤ 250 %s |\n",
                    alertMs(50), alertMs(95), alertMs(99), alertLatency.getMaxValue() / 1e6, alertLatency.getTotalCount(), alertsPosted,
                    alertsMissing + alertsFailed > 0 ? f(" (%d no email, %d POST failed)", alertsMissing, alertsFailed) : "", met(ok)));
        }
        if (kafka != null) {
            b.append(f("| Kafka EndToEndLatency (1 hop, acks=all, 512 B; whole ms) | %d | – | %d | p99.9 %d | %d | avg %.2f ms |\n",
                    kafka.p50(), kafka.p99(), kafka.p999(), kafka.messages(), kafka.average()));
            if (alertLatency != null) {
                b.append(f("| ratio alert / Kafka (p50, p99) | %s | | %s | | | |\n",
                        kafka.p50() == 0 ? "–" : f("%.1f×", alertMs(50) / kafka.p50()),
                        kafka.p99() == 0 ? "–" : f("%.1f×", alertMs(99) / kafka.p99())));
            }
        }
        if (hops != null && !hops.isEmpty()) {
            b.append("\nWhere an alert's time goes, from the timestamps the services store (wall clock, millisecond-ish precision):\n\n");
            b.append("| Hop | p50 ms | p99 ms | samples |\n|---|---:|---:|---:|\n");
            hops.forEach((hop, h) -> b.append(f("| %s | %.1f | %.1f | %d |\n", hop, Bench.ms(h, 50), Bench.ms(h, 99), h.getTotalCount())));
        }
        if (background != null) {
            b.append(f("\nBackground load during the alerts: %.0f episodes/s achieved (target rate %s), p99 %.1f ms from the scheduled send time, %d errors.\n",
                    background.ok() / background.seconds(), "200/s", background.p(99), background.errors()));
        }
        b.append(f("advice-service backlog (episodes accepted but not yet consumed): %d when the measurement started, %d when the last alert was posted.\n",
                adviceLagAtStart, adviceLagAtEnd));
        if (alertCpu != null) {
            long n = alertCpuEpisodes;
            b.append(f("CPU ms per episode while the alerts were posted (%d episodes in %.0f s): episode-service %.2f, advice-service %.2f, "
                            + "notification-service %.2f, PostgreSQL %.2f, Kafka %.2f, load generator %.2f; machine %.2f (%.0f %% of 2 cores).\n",
                    n, alertCpu.wallMs() / 1000, alertCpu.perUnit(Bench.EPISODE, n), alertCpu.perUnit(Bench.ADVICE, n),
                    alertCpu.perUnit(Bench.NOTIFICATION, n), alertCpu.perUnit("PostgreSQL", n), alertCpu.perUnit("Kafka", n),
                    alertCpu.perUnit("load generator", n), n == 0 ? Double.NaN : alertCpu.machineBusyMs() / n,
                    alertCpu.machineBusyMs() / alertCpu.wallMs() / 2 * 100));
        }
        b.append(f("Delivery sender poll interval: %s (notification-service's shipped default unless --delivery-poll-interval was given).\n",
                deliveryPollInterval));
        b.append("\n### Cost growth: advice-service's processing time per new episode vs the patient's history\n\n");
        b.append("| History (episodes) | ms per episode | ratio to 10 | incl. Kafka, ms per event | target |\n|---:|---:|---:|---:|---|\n");
        for (Map.Entry<Integer, CostGrowth.Result> e : cost.entrySet()) {
            CostGrowth.Result r = e.getValue();
            double ratio = costRatio(e.getKey());
            b.append(f("| %,d | %.2f | %.2f× | %.2f | %s |\n", e.getKey(), r.msPerEpisode(), ratio, r.wallMsPerEpisode(),
                    e.getKey() == 100_000 ? "≤ 2× " + met(ratio <= COST_RATIO_TARGET) : ""));
        }
        b.append(f("\n### Footprint (JVM mode, `%s`, as started by bin/run-service)\n\n", jvmOptions));
        b.append("| Service | first start → ready s | CPU s | restart → ready s | CPU s | RSS after alerts + cost MB | RSS after ingest MB | target (≤ 3 s, ≤ 250 MB) |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (String s : Bench.SERVICES) {
            Bench.Start first = firstStart.get(s);
            Bench.Start again = restart.get(s);
            b.append(f("| %s | %s | %s | %s | %s | %.0f | %.0f | %s |\n", s, seconds(first), cpu(first), seconds(again), cpu(again),
                    rssAfterAlerts.getOrDefault(s, Double.NaN), rssAfterIngest.getOrDefault(s, Double.NaN), met(footprintMet(s))));
        }
        b.append("\nFirst start: fresh database (Flyway migrates it)")
                .append(firstStart.values().stream().allMatch(Bench.Start::classArchive) ? ", class-data archive of an earlier run mapped"
                        : ", and the build's first JVM start, which records the class-data archive (bin/run-service)")
                .append(". Restart: at the end of the run, schema in place")
                .append(restart.values().stream().allMatch(Bench.Start::classArchive) ? ", class-data archive mapped" : "")
                .append(". The time target is judged on the restart; see docs/performance.md.\n");
        b.append("\n### Targets\n\n");
        for (String failure : failures) {
            b.append("- **Phase failed** ").append(failure).append(" (see the run's output)\n");
        }
        double r32 = ingestRatio(32);
        b.append(f("- Ingest ≥ 50 %% of pgbench at 32 connections: %s (%.0f %%)\n", met(r32 >= INGEST_RATIO_TARGET), r32 * 100));
        b.append(f("- Alert p50 ≤ 50 ms, p99 ≤ 250 ms at 200 episodes/s: %s (p50 %.1f ms, p99 %.1f ms)\n",
                met(alertMs(50) <= ALERT_P50_TARGET_MS && alertMs(99) <= ALERT_P99_TARGET_MS && alertsMissing == 0), alertMs(50), alertMs(99)));
        double c = costRatio(100_000);
        b.append(f("- Cost at 100,000 episodes ≤ 2× cost at 10: %s (%.2f×)\n", met(c <= COST_RATIO_TARGET), c));
        for (String s : Bench.SERVICES) {
            b.append(f("- %s ≤ 250 MB RSS and ≤ 3 s to ready: %s (%.0f MB, restart %s s, first start %s s)\n", s, met(footprintMet(s)),
                    rssMax(s), seconds(restart.get(s)), seconds(firstStart.get(s))));
        }
        return b.toString();
    }

    String markdown(Bench.Plan plan) {
        DateTimeFormatter when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
        StringBuilder b = new StringBuilder();
        b.append("# Benchmarks\n\n");
        b.append("This file is written by `bin/bench` at the end of each run: the latest run's figures, then how they are measured.\n");
        b.append("Run it yourself with `bin/bench` (about 10 minutes with the build; `bin/bench --quick` is a smoke run of about 3 minutes whose\n");
        b.append("figures only show that everything works). Absolute figures drift on shared machines; the ratios to the\n");
        b.append("baselines measured in the same run are what to compare. What was changed to improve these figures, with\n");
        b.append("before/after runs, and why the targets still missed are missed: [performance.md](performance.md).\n\n");
        if (quick) {
            b.append("> **Smoke run (`--quick`)**: phases of a few seconds, few samples. Not representative; run `bin/bench` for real figures.\n\n");
        }
        b.append("## Latest run\n\n");
        b.append(f("- Date: %s (took %d min %d s)\n", when.format(started.atOffset(ZoneOffset.UTC)),
                Duration.between(started, finished).toMinutes(), Duration.between(started, finished).toSecondsPart()));
        b.append(f("- Command: `%s`\n", command));
        b.append(f("- Machine: %d cores (%s), %,d MB memory\n", machine.cores(), machine.cpu(), machine.memoryMb()));
        if (pressureAtStart != null && pressureAtEnd != null) {
            b.append(pressureAtEnd.since(pressureAtStart, Duration.between(started, finished)));
        }
        b.append(f("- Java: %s\n", machine.java()));
        if (serviceJavaOptions != null) {
            b.append(f("- Experiment: extra settings for the services: `%s`\n", serviceJavaOptions));
        }
        b.append(f("- PostgreSQL: %s (pgbench: `%s`)\n", machine.postgres(), pgbenchPath));
        b.append(f("- Kafka: %s\n", machine.kafka()));
        b.append(f("- Plan: ingest %d s warm-up then %d s per step; pgbench %d s warm-up then %d s per step; %d alerts at %.0f/s under %.0f episodes/s; "
                        + "%d Kafka latency messages; %d new episodes per history size\n\n",
                plan.ingestWarmup().toSeconds(), plan.ingestStep().toSeconds(), plan.pgWarmup().toSeconds(), plan.pgStep().toSeconds(),
                plan.alerts(), plan.alertRate(), plan.backgroundRate(), plan.kafkaMessages(), plan.costEvents()));
        b.append(table());
        b.append(METHOD);
        return b.toString();
    }

    static final String METHOD = """

            ## How it is measured

            `bin/bench` runs `bin/infra up` (PostgreSQL databases, the Kafka broker), builds the three services and this module
            (`./mvnw package -DskipTests`), then runs `crampwatch.bench.Bench` (module `benchmarks/`). The program starts the three
            services as separate JVMs from their built jars with test-support's `Services` (prod profile, development JWT key,
            ports 28081–28083, fresh databases `episodes_28080`, `advice_28080`, `notifications_28080`, topics and consumer
            groups of this run only), and an SMTP server inside the benchmark JVM. Phases in order: alerts, cost growth,
            ingest, pgbench. Logs: `.infra/services-RUN/`. At the end it stops what it
            started (and `bin/bench` stops the broker if it started it).

            **Ingest** (after the alert and cost phases). A closed-loop Java load generator (`Load.closedLoop`): N threads,
            each with one keep-alive HTTP/1.1 connection over a plain socket (`RawHttp`, a few tens of microseconds of CPU per
            request, so the generator takes little of the 2 cores from the service; its share is in the CPU table), posting
            realistic episodes (random site, side, pain 1–8, duration 15–300 s, relief, sometimes notes; offsets kept) for
            1,000 patients with pre-minted patient tokens (each reused, as a signed-in session's token is, so the services'
            verified-token cache checks each signature once; `--service-env=CRAMPWATCH_SECURITY_VERIFIED_TOKEN_CACHE_SIZE=0`
            measures without the cache). Warm-up (a minute: episode-service has just been restarted, and on 2 cores its JIT
            compilers need about that long under load; after 20 s the first step was still visibly colder), then 8, 32 and 64
            connections; latency per request into HdrHistogram. For this phase episode-service is restarted to publish to a topic of its own that nobody consumes,
            so the figure is episode-service's own work (validation, JWT, the episode row and the outbox row committed before
            the 201, the relay publishing to Kafka with acks=all and deleting the row) and the consumers do not take CPU
            from it. episode-service group-commits: the requests waiting at the same moment share one transaction (their
            rows go in as two JDBC batches), so under concurrency it commits less often than it answers; each 201 still
            comes after its own rows are committed. **Baseline**: `pgbench -M prepared -c N -j 2 -T …` on the same database with a script that inserts the
            same episode row and an outbox row carrying a real-size event in one transaction, into scratch tables created
            `LIKE episode INCLUDING ALL` and `LIKE outbox_event INCLUDING ALL` (dropped afterwards). episode-service is
            stopped while pgbench runs (PostgreSQL allows 100 connections). Ratio = CrampWatch requests/s ÷ pgbench
            transactions/s. pgbench does not publish to Kafka nor delete outbox rows; the service does both, which is part of
            what the ratio measures. pgbench commits every episode on its own, so the ratio compares the service's durable
            episodes per second with PostgreSQL's for one-episode transactions, not two identical strategies. The CPU table (from `/proc`) shows where each request's CPU went: on 2 cores, requests/s
            cannot exceed 2,000 ÷ (machine CPU ms per request).

            **Alert latency** (the first phase, on the run's real topics). A constant-rate (open-loop) background load of 200
            ordinary episodes/s over 1,000 other patients runs throughout (a pool of 64 keep-alive connections; latency counted
            from each request's scheduled time). After a warm-up with unmeasured alerts, the measurement starts once
            advice-service's backlog is under one second of background load (or after 90 s; the backlog is printed). Each alert patient first
            gets a contact list on notification-service (its own email, minimum level URGENT); then one episode over ten
            minutes is posted per alert patient at a steady rate. Latency = from the POST's 201 response arriving to the SMTP
            server accepting the message for that patient's address (end of DATA, `System.nanoTime()` in the same JVM). The
            SMTP server is a minimal sink (`SmtpSink`) that reads and drops the message: it adds no storage work to the path.
            The path: episode-service commit → outbox relay → Kafka → advice-service (rules, escalation + outbox in one
            transaction) → outbox relay → Kafka → notification-service (PENDING delivery) → delivery sender → SMTP. The
            delivery sender's poll interval is notification-service's shipped default (see the line under the table).
            **Baseline**: `org.apache.kafka.tools.EndToEndLatency BROKER TOPIC N all 512` from the broker's own jars, on the
            same broker, while the same background load still runs. It reports whole milliseconds; the alert path crosses
            Kafka twice. The hop table splits each alert's time using the timestamps the services store: episode
            `recorded_at`, escalation `raised_at`, delivery `created_at`, `claimed_at` and `sent_at`.

            **Cost growth.** For each history size a new patient's history (one cramp a night, going back as many nights as
            the size) is inserted straight into advice-service's projection table `episode`, then `ANALYZE`. Then a series of
            new EpisodeLogged events continuing the same nightly series (valid against the event schema, half of them woke
            the patient) is published to the service's topic at once. advice-service marks each consumed event in
            `processed_event` in the same transaction; its `processed_at` is that transaction's start, so
            (last − first) ÷ (n − 1) is the time one event takes in the service, without Kafka's latency. A warm-up patient
            runs first; the service is first left to work off anything earlier phases left on its topic.

            **Footprint.** Start → ready: from launching the JVM to the first `200` from `/q/health/ready` (polled every
            20 ms), one service at a time so they do not share the CPU while starting, with the CPU time (all threads, from
            `/proc/PID/stat`) the JVM used until then: a figure close to or above the elapsed time says starting up is
            CPU-bound (class loading, JIT, initialisation) on these 2 cores rather than waiting on PostgreSQL or Kafka. Each
            service is started twice: first at the beginning of the run (fresh database, so Flyway migrates it; on a new
            build this start also records the class-data archive that `bin/run-service` maps on later starts), then once
            more at the end (schema in place, archive mapped), as after a deployment or a crash; the 3 s target is judged
            on the restart. RSS: `VmRSS` from `/proc/PID/status` after the alert
            and cost phases and after the ingest runs; the target applies to the larger.
            """;
}
