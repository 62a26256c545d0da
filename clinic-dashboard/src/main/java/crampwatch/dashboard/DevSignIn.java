package crampwatch.dashboard;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The development sign-in: only where {@code crampwatch.dashboard.dev-signing-key} names the development
 * private key (bin/stack, the browser tests) does the sign-in page mint a clinician token, and the page says so.
 * A real start (the prod profile) refuses to start with it unless {@code crampwatch.security.allow-development-key}
 * is true (CRAMPWATCH_ALLOW_DEVELOPMENT_KEY, the same switch as the services'), and then logs an INSECURE error.
 * Without it, sign-in is the job of an authenticating proxy in front of the dashboard (docs/dashboard.md).
 */
@ApplicationScoped
public class DevSignIn {
    private static final Logger LOG = Logger.getLogger(DevSignIn.class);

    @ConfigProperty(name = "crampwatch.dashboard.dev-signing-key")
    Optional<String> keyLocation;
    @ConfigProperty(name = "crampwatch.security.allow-development-key", defaultValue = "false")
    boolean allowDevelopmentKey;
    @ConfigProperty(name = "crampwatch.dashboard.jwt.issuer", defaultValue = "crampwatch")
    String issuer;
    @ConfigProperty(name = "crampwatch.dashboard.jwt.audience", defaultValue = "crampwatch")
    String audience;

    private PrivateKey key;

    void onStart(@Observes StartupEvent event) throws Exception {
        if (keyLocation.isEmpty() || keyLocation.get().isBlank()) {
            return;
        }
        if (LaunchMode.current() == LaunchMode.NORMAL && !allowDevelopmentKey) {
            throw new IllegalStateException("crampwatch.dashboard.dev-signing-key is set in a real start: the development "
                    + "sign-in is for local runs only (set CRAMPWATCH_ALLOW_DEVELOPMENT_KEY=true for a local run)");
        }
        String location = keyLocation.get().replaceFirst("^file:", "");
        key = Tokens.privateKey(Files.readString(Path.of(location)));
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.error("INSECURE: the development sign-in is on (development key); never in production");
        }
    }

    public boolean enabled() {
        return key != null;
    }

    public String mint(String clinicianId) {
        return Tokens.mint(key, clinicianId, issuer, audience, Duration.ofHours(8));
    }
}
