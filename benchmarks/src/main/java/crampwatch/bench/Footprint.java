package crampwatch.bench;

import crampwatch.testsupport.Services;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Each service's footprint: seconds and CPU seconds from launching its JVM to ready (a first start on a fresh
 * database at the beginning of the run, a restart at its end), and its resident memory between the phases.
 */
record Footprint(Bench bench) {

    /** One start of a service: seconds to ready, CPU seconds used until then, and whether a class-data archive was mapped. */
    record Start(double seconds, double cpuSeconds, boolean classArchive) {
    }

    /**
     * Footprint, part 2: a restart of each service, as after a deployment or a crash: the database is migrated
     * already and the class-data archive recorded on the first stop is in place.
     */
    void restart() throws InterruptedException {
        stop(Bench.ADVICE);
        stop(Bench.NOTIFICATION);
        for (String s : Bench.SERVICES) {
            bench.report.restart.put(s, start(s));
            stop(s);
        }
    }

    /** Starts a service and waits for its first 200 from /q/health/ready (polled every 20 ms). */
    Start start(String service) throws InterruptedException {
        String profile = bench.options.profile();
        String javaOptions = bench.options.serviceJavaOptions();
        if (profile != null || javaOptions != null) {
            String options = javaOptions == null ? "" : javaOptions;
            if (service.equals(profile)) {
                options += " -XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                        + bench.work.resolve(service + "-" + System.currentTimeMillis() + ".jfr");
            }
            bench.services.with("JAVA_TOOL_OPTIONS", options.trim());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ready = URI.create(Services.url(service) + "/q/health/ready");
        long t0 = System.nanoTime();
        bench.services.start(service);
        long deadline = t0 + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Process p = bench.services.process(service);
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
                    Bench.say("%s ready in %.2f s (pid %d, %.2f s of CPU, %s)", service, s, p.pid(), cpu,
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

    /** A graceful stop (SIGTERM), so a JFR recording is written. */
    void stop(String service) throws InterruptedException {
        Process p = bench.services.process(service);
        if (p != null) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /** Records each running service's resident memory (MB, VmRSS from /proc; NaN when it is not running). */
    void rss(Map<String, Double> into) {
        for (String s : Bench.SERVICES) {
            Process p = bench.services.process(s);
            into.put(s, p == null || !p.isAlive() ? Double.NaN : procStatusMb(p.pid()));
        }
    }

    private static double procStatusMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no /proc: not Linux
        }
        return Double.NaN;
    }

    /** Whether bin/run-service started the JVM with a class-data archive to map (rather than recording one). */
    private static boolean mapsClassArchive(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                    .contains("-XX:SharedArchiveFile=");
        } catch (IOException e) {
            return false;
        }
    }
}
