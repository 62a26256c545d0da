package crampwatch.faults;

import static org.awaitility.Awaitility.await;

import crampwatch.testsupport.DevTokens;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady stream of episodes from many patients, as a patient portal behind a load balancer sends
 * them: round robin over the episode-service instances, each POST with an Idempotency-Key; a request
 * that cannot reach its instance (refused, cut) is sent again, same key, to the other one. A {@code 503}
 * is an answer (load shedding), not retried. Patients are of three kinds, so what the rules demand is
 * known from the stored episodes alone: URGENT patients log 12-minute cramps (LONG_CRAMP, one escalation
 * per cramp) among short ones, SEE_DOCTOR patients cramps with pain 8 (SIGNIFICANT_PAIN, one open
 * escalation per patient), QUIET patients short mild cramps (nothing). No cramp woke anyone and all
 * started within the last two days, so no other rule can fire.
 */
final class Load implements AutoCloseable {

    enum Kind { URGENT, SEE_DOCTOR, QUIET }

    record Patient(String id, Kind kind, String token) {
        String email() {
            return id + "@patients.example";
        }

        String clinicianEmail() {
            return "dr-" + id + "@clinic.example";
        }
    }

    static final Duration HANG = Duration.ofSeconds(30);

    private final List<Patient> patients = new ArrayList<>();
    private final List<String> episodeUrls;
    private final HttpClient http;
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger();
    private volatile double perSecond;
    private double owed;

    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final AtomicInteger hangs = new AtomicInteger();
    final AtomicInteger unreachable = new AtomicInteger();
    final AtomicLong slowestMillis = new AtomicLong();

    Load(String prefix, int patientCount, List<String> episodeServiceUrls, double perSecond) {
        for (int i = 0; i < patientCount; i++) {
            String id = prefix + i;
            patients.add(new Patient(id, Kind.values()[i % 3], DevTokens.patient(id)));
        }
        this.episodeUrls = episodeServiceUrls;
        this.perSecond = perSecond;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    List<Patient> patients() {
        return patients;
    }

    void rate(double perSecond) {
        this.perSecond = perSecond;
    }

    void start() {
        ticker.scheduleAtFixedRate(this::tick, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        owed += perSecond / 10;
        while (owed >= 1) {
            owed -= 1;
            send();
        }
    }

    private void send() {
        Patient p = patients.get(ThreadLocalRandom.current().nextInt(patients.size()));
        String body = episode(p);
        String key = UUID.randomUUID().toString();
        int first = Math.floorMod(next.getAndIncrement(), episodeUrls.size());
        long started = System.nanoTime();
        CompletableFuture<?> f = attempt(p, body, key, first, 0).whenComplete((response, error) -> {
            slowestMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Math::max);
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof HttpTimeoutException) {
                    hangs.incrementAndGet();
                } else {
                    unreachable.incrementAndGet();
                }
                return;
            }
            statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            if (response.statusCode() == 201) {
                String location = response.headers().firstValue("Location").orElseThrow();
                accepted.add(location.substring(location.lastIndexOf('/') + 1));
            }
        });
        inFlight.add(f);
        f.whenComplete((r, e) -> inFlight.remove(f));
    }

    /** One try on one instance; a request that never reached an answer goes, same key, to the next instance. */
    private CompletableFuture<HttpResponse<Void>> attempt(Patient p, String body, String key, int instance, int tries) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(episodeUrls.get(instance) + "/patients/" + p.id() + "/episodes"))
                .timeout(HANG)
                .header("Authorization", "Bearer " + p.token())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(response);
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    boolean noAnswer = cause instanceof ConnectException || (cause instanceof IOException && !(cause instanceof HttpTimeoutException));
                    if (noAnswer && tries < 5) {
                        return retryLater(p, body, key, (instance + 1) % episodeUrls.size(), tries + 1);
                    }
                    return CompletableFuture.<HttpResponse<Void>>failedFuture(cause);
                }).thenCompose(f -> f);
    }

    private CompletableFuture<HttpResponse<Void>> retryLater(Patient p, String body, String key, int instance, int tries) {
        // A client's back-off before it tries the other instance (not a test waiting on a condition).
        return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(200L * tries, TimeUnit.MILLISECONDS))
                .thenCompose(x -> attempt(p, body, key, instance, tries));
    }

    static String episode(Patient p) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean flagged = random.nextBoolean();
        int seconds = p.kind() == Kind.URGENT && flagged ? 720 : 30 + random.nextInt(240);
        int pain = p.kind() == Kind.SEE_DOCTOR && flagged ? 8 : 2 + random.nextInt(4);
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusMinutes(30 + random.nextInt(46 * 60))
                .truncatedTo(ChronoUnit.SECONDS);
        return """
                {"startedAt":"%s","durationSeconds":%d,"site":"CALF","side":"LEFT","painScore":%d,"wokeFromSleep":false,
                 "relievedBy":["STRETCHING"],"symptoms":[],"exposures":[]}"""
                .formatted(startedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), seconds, pain);
    }

    /** Stops sending and waits for every request still open to end (answered, refused or timed out). */
    void stop() {
        ticker.shutdownNow();
        await("requests in flight").atMost(HANG.multipliedBy(3)).pollInterval(Duration.ofMillis(200)).until(inFlight::isEmpty);
    }

    int status(int code) {
        AtomicInteger n = statuses.get(code);
        return n == null ? 0 : n.get();
    }

    /** Answers that are neither 201 nor the 503 of load shedding (a 500, a 4xx that the input does not earn). */
    int wrongAnswers() {
        return statuses.entrySet().stream().filter(e -> e.getKey() != 201 && e.getKey() != 503)
                .mapToInt(e -> e.getValue().get()).sum();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        httpThreads.shutdownNow();
    }
}
