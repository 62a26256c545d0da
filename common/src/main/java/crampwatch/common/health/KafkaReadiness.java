package crampwatch.common.health;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness that asks the broker itself (describe cluster) rather than trusting a client's last state.
 * Not ready while Kafka does not answer; the service still accepts writes then (the outbox keeps them).
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    private volatile AdminClient admin;

    @Override
    public HealthCheckResponse call() {
        try {
            int nodes = admin().describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            return HealthCheckResponse.named("kafka").up().withData("bootstrap", bootstrapServers)
                    .withData("nodes", nodes).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("kafka").down().withData("bootstrap", bootstrapServers)
                    .withData("error", e.getClass().getSimpleName()).build();
        }
    }

    private AdminClient admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    Properties p = new Properties();
                    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
                    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
                    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "crampwatch-health");
                    admin = AdminClient.create(p);
                }
            }
        }
        return admin;
    }

    void stop(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close();
        }
    }
}
