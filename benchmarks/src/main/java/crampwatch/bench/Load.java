package crampwatch.bench;

import crampwatch.testsupport.DevTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** The load generator: {@code POST /patients/{id}/episodes} over real HTTP/1.1 connections. */
final class Load {

    /** One patient of the load: id and pre-minted token. */
    record Patient(String id, String token) {
    }

    /** What one load step measured (latencies in nanoseconds). */
    record Result(int connections, double seconds, long ok, long errors, Histogram latency, String firstError) {
        double perSecond() {
            return (ok + errors) / seconds;
        }

        double p(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e6;
        }
    }

    /** {@code n} patients {@code PREFIX-0} … with their tokens. */
    static List<Patient> patients(String prefix, int n) {
        List<Patient> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i;
            out.add(new Patient(id, DevTokens.patient(id)));
        }
        return out;
    }

    private final String baseUrl;

    Load(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpRequest post(Patient p, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/patients/" + p.id() + "/episodes"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + p.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Closed loop: {@code connections} threads, each with its own keep-alive HTTP/1.1 connection
     * ({@link RawHttp}), each sending the next request as soon as the previous answered.
     */
    Result closedLoop(int connections, Duration duration, List<Patient> patients) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int t = 0; t < connections; t++) {
            pool.execute(() -> {
                URI base = URI.create(baseUrl);
                ThreadLocalRandom r = ThreadLocalRandom.current();
                try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
                    while (System.nanoTime() < end) {
                        Patient p = patients.get(r.nextInt(patients.size()));
                        String body = Bodies.ordinary();
                        long t0 = System.nanoTime();
                        try {
                            int status = http.post("/patients/" + p.id() + "/episodes", p.token(), body);
                            long took = System.nanoTime() - t0;
                            if (status == 201) {
                                ok.incrementAndGet();
                                recorder.recordValue(took);
                            } else {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, "HTTP " + status);
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                        }
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(connections, seconds, ok.get(), errors.get(), recorder.getIntervalHistogram(), firstError.get());
    }

    /**
     * Open loop at a constant rate: requests go out on schedule whether or not earlier ones have
     * answered, through a pool of 64 keep-alive connections (a request waits for a free one only if all
     * 64 are busy). Latency counts from the scheduled send time, so a stall is not hidden by sending less.
     */
    final class ConstantRate {
        private static final int CONNECTIONS = 64;
        private final Thread dispatcher;
        private final java.util.concurrent.ThreadPoolExecutor senders;
        private final ThreadLocal<RawHttp> connection;
        private final List<RawHttp> opened = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        private final Recorder recorder = new Recorder(3);
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong skipped = new AtomicLong();
        private final long started = System.nanoTime();
        private volatile boolean running = true;

        ConstantRate(double perSecond, List<Patient> patients, Supplier<String> bodies) {
            URI base = URI.create(baseUrl);
            connection = ThreadLocal.withInitial(() -> {
                RawHttp c = new RawHttp(base.getHost(), base.getPort());
                opened.add(c);
                return c;
            });
            senders = new java.util.concurrent.ThreadPoolExecutor(CONNECTIONS, CONNECTIONS, 1, TimeUnit.MINUTES,
                    new java.util.concurrent.LinkedBlockingQueue<>());
            long interval = (long) (1e9 / perSecond);
            dispatcher = new Thread(() -> {
                long next = System.nanoTime();
                ThreadLocalRandom r = ThreadLocalRandom.current();
                while (running) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                        continue;
                    }
                    long scheduled = next;
                    next += interval;
                    if (senders.getQueue().size() > 2_000) {
                        skipped.incrementAndGet();
                        continue;
                    }
                    Patient p = patients.get(r.nextInt(patients.size()));
                    String body = bodies.get();
                    senders.execute(() -> {
                        try {
                            int status = connection.get().post("/patients/" + p.id() + "/episodes", p.token(), body);
                            if (status == 201) {
                                ok.incrementAndGet();
                                recorder.recordValue(Math.max(0, System.nanoTime() - scheduled));
                            } else {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    });
                }
            }, "constant-rate");
            dispatcher.setDaemon(true);
            dispatcher.start();
        }

        /** Requests answered 201 so far. */
        long accepted() {
            return ok.get();
        }

        Result stop() throws InterruptedException {
            running = false;
            dispatcher.join();
            senders.shutdown();
            senders.awaitTermination(30, TimeUnit.SECONDS);
            opened.forEach(RawHttp::close);
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Result(0, seconds, ok.get(), errors.get() + skipped.get(), recorder.getIntervalHistogram(),
                    skipped.get() > 0 ? skipped.get() + " requests skipped: over 2000 waiting for a connection" : null);
        }
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
