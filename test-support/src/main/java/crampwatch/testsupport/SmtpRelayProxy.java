package crampwatch.testsupport;

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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A mail relay in front of a test's SMTP server (GreenMail): a TCP proxy that can be {@linkplain #down() down} (the
 * port refuses connections, open conversations are cut) or {@linkplain #slow(int, int) slow} (every reply of the
 * server — greeting, EHLO, MAIL, RCPT, DATA, … — is held back a random time between two bounds, a multi-line reply as
 * one). The SMTP conversation itself is real end to end. The delays are the fault this proxy injects (an overloaded
 * relay), not a test waiting for an outcome. Used by notification-service's slow-relay test and the fault-injection
 * suite.
 */
public final class SmtpRelayProxy implements AutoCloseable {

    private final int port;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile int slowMinMillis;
    private volatile int slowMaxMillis;

    /** A proxy on a free port of the loopback interface. */
    public static SmtpRelayProxy to(int targetPort) {
        return new SmtpRelayProxy(Ports.free(), targetPort);
    }

    public SmtpRelayProxy(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
        up();
    }

    public int port() {
        return port;
    }

    /** Accepts connections again, at full speed. */
    public synchronized void up() {
        slowMinMillis = 0;
        slowMaxMillis = 0;
        if (server != null && !server.isClosed()) {
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            server = s;
        } catch (IOException e) {
            throw new IllegalStateException("could not listen on SMTP proxy port " + port, e);
        }
        ServerSocket listening = server;
        Thread acceptor = new Thread(() -> accept(listening), "smtp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The relay is gone: connections are refused and every open conversation is cut. */
    public synchronized void down() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            // closed already
        }
        sockets.forEach(SmtpRelayProxy::closeQuietly);
        sockets.clear();
    }

    /** Every reply from now on arrives after a random delay between the two bounds. */
    public void slow(int minMillis, int maxMillis) {
        slowMinMillis = minMillis;
        slowMaxMillis = maxMillis;
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                sockets.add(client);
                sockets.add(upstream);
                start(() -> pipe(client.getInputStream(), upstream.getOutputStream(), client, upstream));
                start(() -> replies(upstream, client));
            } catch (IOException e) {
                // closed (down) or one connection failed: the loop condition decides
            }
        }
    }

    private interface Io {
        void run() throws IOException, InterruptedException;
    }

    private static void start(Io io) {
        Thread t = new Thread(() -> {
            try {
                io.run();
            } catch (IOException | InterruptedException e) {
                // conversation over
            }
        }, "smtp-proxy-io");
        t.setDaemon(true);
        t.start();
    }

    private void pipe(InputStream in, OutputStream out, Socket a, Socket b) throws IOException {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } finally {
            closeQuietly(a);
            closeQuietly(b);
            sockets.remove(a);
            sockets.remove(b);
        }
    }

    private void replies(Socket upstream, Socket client) throws IOException, InterruptedException {
        BufferedReader in = new BufferedReader(new InputStreamReader(upstream.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        boolean replyStart = true;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                int min = slowMinMillis;
                int max = slowMaxMillis;
                if (replyStart && max > 0) {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(min, max + 1)); // the injected fault
                }
                out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // "250-…" continues a multi-line reply; "250 …" ends it.
                replyStart = !(line.length() > 3 && line.charAt(3) == '-');
            }
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
            sockets.remove(client);
            sockets.remove(upstream);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() {
        down();
    }
}
