package crampwatch.e2e;

import static org.awaitility.Awaitility.await;

import crampwatch.testsupport.Ports;
import crampwatch.testsupport.Services;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The clinic dashboard as the fourth process, from the jar the reactor built, started the way bin/stack starts it
 * (bin/run-service, prod profile): on a free port, wired to this run's three services, with the development sign-in
 * (the development key, allowed explicitly) and plain-HTTP cookies. Its log: {@code .infra/services-RUN/clinic-dashboard.log}.
 */
final class DashboardProcess {
    final int port = Ports.free();
    private Process process;

    String url() {
        return "http://127.0.0.1:" + port;
    }

    static File log() {
        return Services.logFile("clinic-dashboard");
    }

    void start() {
        Path root = Repo.root();
        Path app = root.resolve("clinic-dashboard/target/quarkus-app");
        if (!Files.exists(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app + "/quarkus-run.jar is missing: build the dashboard first (./mvnw package)");
        }
        ProcessBuilder pb = new ProcessBuilder("sh", root.resolve("bin/run-service").toString(), app.toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log()));
        Map<String, String> env = pb.environment();
        env.put("PORT", String.valueOf(port));
        env.put("MALLOC_ARENA_MAX", "2");
        env.put("CRAMPWATCH_EPISODE_SERVICE_URL", Services.url("episode-service"));
        env.put("CRAMPWATCH_ADVICE_SERVICE_URL", Services.url("advice-service"));
        env.put("CRAMPWATCH_NOTIFICATION_SERVICE_URL", Services.url("notification-service"));
        env.put("CRAMPWATCH_DASHBOARD_DEV_SIGNING_KEY", "file:" + root.resolve("test-support/src/main/resources/dev-jwt/crampwatch-dev-private-key.pem"));
        env.put("CRAMPWATCH_ALLOW_DEVELOPMENT_KEY", "true");
        env.put("CRAMPWATCH_DASHBOARD_SECURE_COOKIE", "false");
        env.put("CRAMPWATCH_DASHBOARD_REFRESH_SECONDS", "2");
        try {
            process = pb.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not start the clinic dashboard", e);
        }
    }

    /** Waits for its readiness (it needs none of the services to be ready: it calls them per request). */
    void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        await("clinic-dashboard ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("clinic-dashboard exited with " + process.exitValue() + "; see " + log());
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
