package crampwatch.common.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** {@code /q/health/live}: the {@code workers} check (see {@link Workers}). */
@Liveness
@ApplicationScoped
public class WorkersLiveness implements HealthCheck {

    @Inject
    Workers workers;

    @Override
    public HealthCheckResponse call() {
        return workers.check();
    }
}
