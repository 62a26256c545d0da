package crampwatch.bench;

import crampwatch.testsupport.Services;
import java.nio.file.Path;
import java.util.List;

/**
 * Ingest against its baseline: {@code POST /patients/{id}/episodes} in a closed loop at 8, 32 and 64
 * connections, then pgbench inserting the same rows with as many clients (episode-service stopped).
 */
record IngestPhase(Bench bench, Plan plan, Report report) {

    IngestPhase(Bench bench) {
        this(bench, bench.plan, bench.report);
    }

    void ingest() throws InterruptedException {
        List<Load.Patient> patients = Load.patients("bi-" + bench.run, 1000);
        Load load = new Load(Services.url(Bench.EPISODE));
        Bench.say("ingest: warm-up %d s at 32 connections", plan.ingestWarmup().toSeconds());
        load.closedLoop(32, plan.ingestWarmup(), patients);
        long servicePid = bench.services.process(Bench.EPISODE).pid();
        long kafkaPid = CpuMeter.kafkaPid();
        long self = ProcessHandle.current().pid();
        for (int c : plan.connections()) {
            CpuMeter cpu = new CpuMeter().part(Bench.EPISODE, () -> CpuMeter.ticks(servicePid, false))
                    .part("PostgreSQL", () -> CpuMeter.ticksOfAll("postgres"))
                    .part("Kafka", () -> CpuMeter.ticks(kafkaPid, false))
                    .part("load generator", () -> CpuMeter.ticks(self, false));
            cpu.begin();
            Load.Result r = load.closedLoop(c, plan.ingestStep(), patients);
            report.ingestCpu.put(c, cpu.end());
            report.ingest.put(c, r);
            Bench.say("ingest: %d connections: %.0f req/s, p50 %.1f ms, p99 %.1f ms, %d errors%s", c, r.perSecond(), r.p(50), r.p(99),
                    r.errors(), r.firstError() == null ? "" : " (first: " + r.firstError() + ")");
        }
    }

    void pgbench() throws Exception {
        PgBench pg = new PgBench(bench.pgHost, bench.pgPort, bench.pgUser, Services.DATABASES.get(Bench.EPISODE), bench.work);
        report.pgbenchPath = pg.executable();
        pg.createTables();
        try {
            Path script = pg.script();
            Bench.say("pgbench: warm-up %d s at 32 clients (%s)", plan.pgWarmup().toSeconds(), pg.executable());
            pg.run(script, 32, plan.pgWarmup());
            long self = ProcessHandle.current().pid();
            for (int c : plan.connections()) {
                CpuMeter cpu = new CpuMeter().part("PostgreSQL", () -> CpuMeter.ticksOfAll("postgres"))
                        .part("pgbench", () -> CpuMeter.ticks(self, true) - CpuMeter.ticks(self, false));
                cpu.begin();
                PgBench.Result r = pg.run(script, c, plan.pgStep());
                report.pgbenchCpu.put(c, cpu.end());
                report.pgbench.put(c, r);
                Bench.say("pgbench: %d clients: %.0f tps, p50 %.1f ms, p99 %.1f ms, %d failed", c, r.tps(), r.p(50), r.p(99), r.failed());
            }
        } finally {
            pg.dropTables();
        }
    }
}
