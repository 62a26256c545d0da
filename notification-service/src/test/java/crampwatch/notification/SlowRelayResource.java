package crampwatch.notification;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** GreenMail behind a {@link SlowSmtpRelay} that holds every server line back 300 ms; the mailer talks to the relay. */
public class SlowRelayResource implements QuarkusTestResourceLifecycleManager {

    static final Duration DELAY = Duration.ofMillis(300);

    private final GreenMailResource greenMail = new GreenMailResource();
    private SlowSmtpRelay relay;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(greenMail.start());
        relay = new SlowSmtpRelay(GreenMailResource.port(), DELAY);
        config.put("quarkus.mailer.port", String.valueOf(relay.port()));
        return config;
    }

    @Override
    public void stop() {
        if (relay != null) {
            relay.close();
        }
        greenMail.stop();
    }
}
