package crampwatch.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket: the closed-loop load generator's client. It
 * writes a request and reads the status, headers and body (Content-Length or chunked) and nothing more,
 * so it spends a few tens of microseconds of CPU per request where {@code java.net.http} spends several
 * hundred, CPU the service under test would otherwise lose on a 2-core machine (pgbench's client is C).
 */
final class RawHttp implements AutoCloseable {

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line = new byte[8192];

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Sends a POST and returns the status code (the body is read and dropped). A POST is sent once and never
     * retried: the load sends no Idempotency-Key (with one, episode-service gives the request a transaction of
     * its own and an {@code idempotency_key} row, which is not the path measured), so resending after an I/O
     * error could store the episode twice. The error goes to the caller, which counts it; the connection is
     * dropped and the next request opens a fresh one. (Quarkus keeps an idle connection for 30 minutes, longer
     * than any phase, so a kept-alive connection does not go stale during a run.)
     */
    int post(String path, String bearer, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + bearer
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        try {
            connect();
            out.write(head);
            out.write(body);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            out = socket.getOutputStream();
        }
    }

    private int readResponse() throws IOException {
        String status = readLine();
        if (status == null) {
            throw new IOException("connection closed before the response");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String h;
        while ((h = readLine()) != null && !h.isEmpty()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            while (true) {
                String size = readLine();
                long n = Long.parseLong(size.split(";")[0].trim(), 16);
                skip(n);
                readLine();
                if (n == 0) {
                    break;
                }
            }
        } else if (length > 0) {
            skip(length);
        }
        if (close) {
            close();
        }
        return code;
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in the body");
                }
                s = 1;
            }
            n -= s;
        }
    }

    private String readLine() throws IOException {
        int n = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                if (n > 0 && line[n - 1] == '\r') {
                    n--;
                }
                return new String(line, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (n < line.length) {
                line[n++] = (byte) b;
            }
        }
        return n == 0 ? null : new String(line, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
    }
}
