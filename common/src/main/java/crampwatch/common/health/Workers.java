package crampwatch.common.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The background workers' heartbeats, and their liveness (issue 11 F6, reported by {@link WorkersLiveness}): {@code /q/health/live} has a check {@code workers} with one
 * entry per worker, {@code UP} or {@code DOWN: why}; it is DOWN when a worker's thread is gone or one of its threads
 * has been busy without progress for longer than {@code crampwatch.health.stall-after} (default 2 minutes: far more
 * than any single step may take — a database statement, a transaction, a Kafka acknowledgement, an SMTP
 * conversation are all bounded well below it). Restarting the instance is then the cure; an outage of the database
 * or the broker is not (workers keep retrying and so keep making progress).
 */
@ApplicationScoped
public class Workers {

    @ConfigProperty(name = "crampwatch.health.stall-after", defaultValue = "2m")
    Duration stallAfter;

    private final Map<String, Worker> workers = new ConcurrentHashMap<>();

    /** The worker called {@code name} (one per name; registering again returns the same one). */
    public Worker register(String name) {
        return workers.computeIfAbsent(name, Worker::new);
    }

    /** The {@code workers} liveness check ({@link WorkersLiveness}). */
    public HealthCheckResponse check() {
        long now = System.nanoTime();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("workers").withData("stallAfterSeconds", stallAfter.toSeconds());
        boolean up = true;
        for (Map.Entry<String, Worker> e : new TreeMap<>(workers).entrySet()) {
            String problem = e.getValue().problem(now, stallAfter);
            up &= problem == null;
            b.withData(e.getKey(), problem == null ? "UP" : "DOWN: " + problem);
        }
        return b.status(up).build();
    }
}
