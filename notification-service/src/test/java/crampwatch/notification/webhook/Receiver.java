package crampwatch.notification.webhook;

import com.sun.net.httpserver.HttpServer;
import crampwatch.testsupport.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

/**
 * A real HTTP receiver for webhook tests (the JDK's com.sun.net.httpserver on a free loopback port): records every request
 * and answers with the queued status codes, then 200. Can be stopped and started again on the same port.
 */
final class Receiver implements AutoCloseable {

    record Request(String id, String timestamp, String signature, String contentType, String body) {
    }

    private final int port = Ports.free();
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();
    private volatile int otherwise = 200;
    private volatile java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(0);
    private HttpServer server;

    Receiver start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            var h = exchange.getRequestHeaders();
            synchronized (requests) {
                requests.add(new Request(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"),
                        h.getFirst("Content-Type"), body));
            }
            try {
                hold.await(60, java.util.concurrent.TimeUnit.SECONDS); // a slow receiver: answers once released
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Integer queued = answers.poll();
            exchange.sendResponseHeaders(queued == null ? otherwise : queued, -1);
            exchange.close();
        });
        server.start();
        return this;
    }

    void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    /** The next answers, in order; after them {@link #otherwise}. */
    Receiver answer(Integer... codes) {
        answers.addAll(List.of(codes));
        return this;
    }

    /** From now on requests hang (unanswered) until {@link #release()}. */
    Receiver hold() {
        hold = new java.util.concurrent.CountDownLatch(1);
        return this;
    }

    void release() {
        hold.countDown();
    }

    Receiver otherwise(int code) {
        this.otherwise = code;
        return this;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        release();
        if (server != null) {
            stop();
        }
    }
}
