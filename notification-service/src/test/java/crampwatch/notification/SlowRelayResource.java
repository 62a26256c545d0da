package crampwatch.notification;

import crampwatch.testsupport.SmtpRelayProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * GreenMail behind a {@link SmtpRelayProxy} that holds every server reply back {@value #REPLY_DELAY_MILLIS} ms (a few
 * seconds per mail); the mailer talks to the relay.
 */
public class SlowRelayResource implements QuarkusTestResourceLifecycleManager {

    static final int REPLY_DELAY_MILLIS = 600;

    private final GreenMailResource greenMail = new GreenMailResource();
    private SmtpRelayProxy relay;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(greenMail.start());
        relay = SmtpRelayProxy.to(GreenMailResource.port());
        relay.slow(REPLY_DELAY_MILLIS, REPLY_DELAY_MILLIS);
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
