package crampwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** RawHttp sends a POST once: an I/O error after the request went out is the caller's, never a second POST. */
class RawHttpTest {

    /** Reads one request per connection; the first connection is closed without an answer, the others get a 201. */
    static final class Server implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<String> requests = new CopyOnWriteArrayList<>();
        final Thread thread = new Thread(this::serve, "raw-http-test-server");

        Server() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            try {
                for (int connection = 0; ; connection++) {
                    try (Socket s = socket.accept()) {
                        InputStream in = new BufferedInputStream(s.getInputStream());
                        requests.add(readRequest(in));
                        if (connection > 0) {
                            s.getOutputStream().write("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
                            s.getOutputStream().flush();
                            in.read(); // until the client closes
                        }
                    }
                }
            } catch (IOException e) {
                // closed by the test
            }
        }

        private static String readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed in the request head");
                }
                head.append((char) b);
            }
            int length = Integer.parseInt(head.toString().replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
            return head.toString().lines().findFirst().orElse("") + " " + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aPostIsNotSentAgainWhenTheConnectionDropsBeforeTheAnswer() throws Exception {
        try (Server server = new Server(); RawHttp http = new RawHttp("127.0.0.1", server.socket.getLocalPort())) {
            assertThatThrownBy(() -> http.post("/patients/p-1/episodes", "token", "{\"n\":1}")).isInstanceOf(IOException.class);
            assertThat(server.requests).containsExactly("POST /patients/p-1/episodes HTTP/1.1 {\"n\":1}");

            // the failed connection is dropped: the next POST goes out once, on a fresh connection
            assertThat(http.post("/patients/p-1/episodes", "token", "{\"n\":2}")).isEqualTo(201);
            assertThat(server.requests).containsExactly("POST /patients/p-1/episodes HTTP/1.1 {\"n\":1}",
                    "POST /patients/p-1/episodes HTTP/1.1 {\"n\":2}");
        }
    }
}
