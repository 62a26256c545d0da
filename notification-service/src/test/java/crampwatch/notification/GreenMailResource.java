package crampwatch.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) inside the test JVM on a free local port; the service's mailer is
 * pointed at it. Tests reach it through {@link #smtp()} and may stop and restart it to simulate an
 * outage.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static volatile GreenMail greenMail;
    private static volatile int port;

    @Override
    public Map<String, String> start() {
        if (greenMail == null) {
            port = freePort();
            greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        }
        if (!greenMail.isRunning()) {
            greenMail.start();
        }
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(port));
    }

    @Override
    public void stop() {
        if (greenMail != null && greenMail.isRunning()) {
            greenMail.stop();
        }
    }

    public static GreenMail smtp() {
        if (greenMail == null) {
            throw new IllegalStateException("GreenMail is not started (is the test annotated with @WithTestResource(GreenMailResource.class)?)");
        }
        return greenMail;
    }

    public static int port() {
        return port;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
