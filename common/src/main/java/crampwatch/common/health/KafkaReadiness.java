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
 * The broker's state, asked of the broker itself (describe cluster) rather than a client's last state, in
 * the readiness report. Whether it gates readiness is the service's choice ({@code crampwatch.health.kafka-required}):
 * episode-service takes writes while Kafka is down (the outbox keeps them), so a load balancer must not drain it
 * then; it reports the check UP with {@code broker: DOWN} in its data. The others are not ready without Kafka.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092")
    String bootstrapServers;

    @ConfigProperty(name = "crampwatch.health.kafka-required", defaultValue = "true")
    boolean required;

    private volatile AdminClient admin;

    @Override
    public HealthCheckResponse call() {
        try {
            int nodes = admin().describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            return HealthCheckResponse.named("kafka").up().withData("broker", "UP").withData("bootstrap", bootstrapServers)
                    .withData("nodes", nodes).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("kafka").status(!required).withData("broker", "DOWN")
                    .withData("bootstrap", bootstrapServers).withData("requiredForReadiness", required)
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
