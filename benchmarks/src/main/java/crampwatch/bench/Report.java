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

/** The figures of one run, as tables for the terminal and as the latest-run part of {@code docs/benchmarks.md}. */
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
    Plan plan;
    Machine machine;
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
    final Map<String, Footprint.Start> firstStart = new LinkedHashMap<>();
    final Map<String, Footprint.Start> restart = new LinkedHashMap<>();
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
        Footprint.Start again = restart.get(service);
        return again != null && again.seconds() <= READY_TARGET_S && rssMax(service) <= RSS_TARGET_MB;
    }

    private static String seconds(Footprint.Start start) {
        return start == null ? "–" : f("%.2f", start.seconds());
    }

    private static String cpu(Footprint.Start start) {
        return start == null ? "–" : f("%.2f", start.cpuSeconds());
    }

    private static String archive(Map<String, Footprint.Start> starts) {
        return starts.values().stream().allMatch(Footprint.Start::classArchive) ? "mapped" : "not mapped by every service";
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
            b.append("\nWhere the CPU went, CPU ms per request (per pgbench transaction):\n\n");
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
            b.append("\nWhere an alert's time goes, from the timestamps the services store:\n\n");
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
        b.append(f("Delivery sender poll interval: %s.\n", deliveryPollInterval));
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
            Footprint.Start first = firstStart.get(s);
            Footprint.Start again = restart.get(s);
            b.append(f("| %s | %s | %s | %s | %s | %.0f | %.0f | %s |\n", s, seconds(first), cpu(first), seconds(again), cpu(again),
                    rssAfterAlerts.getOrDefault(s, Double.NaN), rssAfterIngest.getOrDefault(s, Double.NaN), met(footprintMet(s))));
        }
        b.append(f("\nClass-data archive: %s on the first start, %s on the restart.\n", archive(firstStart), archive(restart)));
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

    static final String BEGIN = "<!-- latest run: from here to the end marker, bin/bench rewrites this part -->\n";
    static final String END = "<!-- end of the latest run -->\n";

    /** The document with its latest-run part (between {@link #BEGIN} and {@link #END}) replaced. */
    static String insert(String doc, String latestRun) {
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("docs/benchmarks.md lacks the markers of its latest-run part: " + BEGIN.trim() + " … " + END.trim());
        }
        return doc.substring(0, begin + BEGIN.length()) + "\n" + latestRun + "\n" + doc.substring(end);
    }

    /** The latest run: its facts, then the tables. The fixed text of docs/benchmarks.md explains the method. */
    String latestRun() {
        DateTimeFormatter when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
        StringBuilder b = new StringBuilder();
        if (plan.quick()) {
            b.append("> **Smoke run (`--quick`)**: phases of a few seconds, few samples. Not representative; run `bin/bench` for real figures.\n\n");
        }
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
        return b.toString();
    }
}
