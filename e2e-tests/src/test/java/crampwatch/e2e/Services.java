package crampwatch.e2e;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The three real services as separate processes, from the jars this reactor just built (prod profile,
 * development JWT key, test ports 2808x), so the end-to-end test talks to them only over HTTP.
 */
final class Services {

    static final Path ROOT = Repo.root();
    static final Map<String, Integer> PORTS = Map.of("episode-service", 28081, "advice-service", 28082,
            "notification-service", 28083);

    private final Map<String, Process> running = new HashMap<>();
    private final int smtpPort;

    Services(int smtpPort) {
        this.smtpPort = smtpPort;
    }

    static String url(String service) {
        return "http://127.0.0.1:" + PORTS.get(service);
    }

    void startAll() {
        PORTS.keySet().forEach(this::start);
        PORTS.keySet().forEach(this::awaitReady);
    }

    void start(String service) {
        Path jar = ROOT.resolve(service + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw package)");
        }
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString())
                .directory(ROOT.resolve("e2e-tests/target").toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(ROOT.resolve("e2e-tests/target/" + service + ".log").toString())));
        Map<String, String> env = pb.environment();
        env.put("PORT", String.valueOf(PORTS.get(service)));
        env.put("CRAMPWATCH_JWT_PUBLIC_KEY", "file:" + ROOT.resolve("common/src/main/resources/dev-jwt/crampwatch-dev-public-key.pem"));
        env.put("KAFKA_BOOTSTRAP_SERVERS", crampwatch.testsupport.KafkaTopic.bootstrapServers());
        env.put("CRAMPWATCH_CONSUMER_GROUP", service + "-e2e");
        env.put("CRAMPWATCH_SMTP_HOST", "127.0.0.1");
        env.put("CRAMPWATCH_SMTP_PORT", String.valueOf(smtpPort));
        env.put("CRAMPWATCH_SMTP_STARTTLS", "DISABLED");
        env.put("CRAMPWATCH_DELIVERY_POLL_INTERVAL", "200ms");
        env.put("CRAMPWATCH_DELIVERY_INITIAL_BACKOFF", "500ms");
        env.put("CRAMPWATCH_DELIVERY_MAX_BACKOFF", "2s");
        try {
            running.put(service, pb.start());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not start " + service, e);
        }
    }

    void awaitReady(String service) {
        HttpClient http = HttpClient.newHttpClient();
        await(service + " ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Process p = running.get(service);
            if (p != null && !p.isAlive()) {
                throw new IllegalStateException(service + " exited with " + p.exitValue()
                        + "; see e2e-tests/target/" + service + ".log");
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    /** Kills the process without a graceful shutdown, as a crash would. */
    void crash(String service) throws InterruptedException {
        Process p = running.remove(service);
        if (p != null) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    void stopAll() {
        running.values().forEach(Process::destroy);
        for (Process p : running.values()) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }
}
