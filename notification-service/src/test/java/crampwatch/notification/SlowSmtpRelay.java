package crampwatch.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mail relay that answers slowly: a TCP proxy in front of the test's GreenMail that holds back every
 * line the server sends (greeting, each reply to EHLO, MAIL, RCPT, DATA, …) for {@code delay}. The SMTP
 * conversation itself is real, end to end; only its pace is that of an overloaded relay. Its threads
 * wait on purpose — that is the server being slow, not a test waiting for an outcome.
 */
public final class SlowSmtpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Duration delay;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public SlowSmtpRelay(int targetPort, Duration delay) {
        this.targetPort = targetPort;
        this.delay = delay;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "slow-smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                sockets.add(client);
                sockets.add(upstream);
                start("slow-smtp-up", () -> pipe(client.getInputStream(), upstream.getOutputStream(), client, upstream));
                start("slow-smtp-down", () -> slowReplies(upstream, client));
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private interface Io {
        void run() throws IOException, InterruptedException;
    }

    private static void start(String name, Io io) {
        Thread t = new Thread(() -> {
            try {
                io.run();
            } catch (IOException | InterruptedException e) {
                // connection over
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static void pipe(InputStream in, OutputStream out, Socket a, Socket b) throws IOException {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } finally {
            closeQuietly(a);
            closeQuietly(b);
        }
    }

    private void slowReplies(Socket upstream, Socket client) throws IOException, InterruptedException {
        BufferedReader in = new BufferedReader(new InputStreamReader(upstream.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        try {
            for (String line; (line = in.readLine()) != null; ) {
                Thread.sleep(delay.toMillis()); // the fault this relay injects: every server line arrives late
                out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        sockets.forEach(SlowSmtpRelay::closeQuietly);
    }
}
