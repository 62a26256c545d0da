package crampwatch.notification.mail;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the mail relay: opens a connection to the configured SMTP host, expects the 220
 * greeting, says EHLO, expects 250 and quits. Not ready while the relay does not answer (deliveries
 * wait as PENDING meanwhile; nothing is lost). With implicit TLS only the TCP connection is checked.
 */
@Readiness
@ApplicationScoped
public class SmtpReadiness implements HealthCheck {

    private static final int TIMEOUT_MS = 3_000;

    @ConfigProperty(name = "quarkus.mailer.host")
    String host;

    @ConfigProperty(name = "quarkus.mailer.port", defaultValue = "2525")
    int port;

    @ConfigProperty(name = "quarkus.mailer.tls", defaultValue = "false")
    boolean implicitTls;

    @Override
    public HealthCheckResponse call() {
        String target = host + ":" + port;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            if (!implicitTls) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream();
                expect(in, "220");
                out.write("EHLO crampwatch-health\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                expect(in, "250");
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            return HealthCheckResponse.named("smtp").up().withData("server", target).build();
        } catch (IOException | RuntimeException e) {
            return HealthCheckResponse.named("smtp").down().withData("server", target)
                    .withData("error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))
                    .build();
        }
    }

    /** Reads one (possibly multi-line) SMTP reply and checks its code. */
    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed by the server");
            }
            if (!line.startsWith(code)) {
                throw new IOException("unexpected reply: " + line);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }
}
