package crampwatch.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal SMTP server inside the benchmark JVM that records, for every recipient, the
 * {@link System#nanoTime()} at which a message for it was accepted: the moment the end of DATA arrived,
 * just before the 250 reply. It stores nothing else (the message text is read and dropped), so it adds
 * no delivery work of its own to the latency it measures. GreenMail would store and parse every message
 * first and offers no hook at the acceptance instant, hence this sink.
 */
final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smtp-sink");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Long> firstAccepted = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    SmtpSink() throws IOException {
        server = new ServerSocket(0, 100, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::acceptLoop, "smtp-sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** nanoTime at which the first message to this (lower-case) address was accepted, or null. */
    Long acceptedAt(String recipient) {
        return firstAccepted.get(recipient.toLowerCase(Locale.ROOT));
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                connections.execute(() -> serve(s));
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 bench-smtp ESMTP ready");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (cmd) {
                    case "EHLO" -> reply(out, "250-bench-smtp\r\n250-8BITMIME\r\n250 SIZE 52428800");
                    case "HELO" -> reply(out, "250 bench-smtp");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipients.add(address(line));
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            // the message text is not kept
                        }
                        long now = System.nanoTime();
                        for (String r : recipients) {
                            firstAccepted.putIfAbsent(r, now);
                        }
                        recipients.clear();
                        reply(out, "250 OK accepted");
                    }
                    case "RSET" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 command not implemented");
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private static String address(String rcptLine) {
        int lt = rcptLine.indexOf('<');
        int gt = rcptLine.indexOf('>', lt + 1);
        String a = lt >= 0 && gt > lt ? rcptLine.substring(lt + 1, gt) : rcptLine.substring(rcptLine.indexOf(':') + 1).trim();
        return a.toLowerCase(Locale.ROOT);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.shutdownNow();
    }
}
