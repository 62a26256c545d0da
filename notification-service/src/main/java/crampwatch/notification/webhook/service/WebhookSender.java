package crampwatch.notification.webhook.service;

import crampwatch.common.health.Worker;
import crampwatch.common.health.Workers;
import crampwatch.notification.webhook.config.WebhookConfig;
import crampwatch.notification.webhook.domain.WebhookSignature;
import crampwatch.notification.webhook.domain.WebhookUrls;
import crampwatch.notification.webhook.persistence.WebhookDeliveryRepository.Claimed;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Works off webhook deliveries on threads of its own (never the email sender's, never the Kafka consumer's): a dispatcher
 * claims due deliveries ({@link WebhookQueue#claim}, SKIP LOCKED) and hands each to a pool of
 * {@code crampwatch.webhooks.concurrency} threads, at most one request per subscription at a time, so a slow or dead
 * receiver holds one thread for at most the request timeout and never delays another subscription or an email.
 * Each request is signed (Standard Webhooks headers) and bounded by the connect and request timeouts.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class WebhookSender {

    @Inject
    WebhookQueue queue;

    @Inject
    WebhookConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Workers workers;

    Clock clock = Clock.systemUTC();

    private Worker heartbeat;
    private HttpClient client;
    private ExecutorService pool;
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "webhook-dispatch");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean dispatchQueued = new AtomicBoolean();
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        heartbeat = workers.register("webhook-sender");
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(config.concurrency(), r -> {
            Thread t = new Thread(r, "webhook-send-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        client = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        heartbeat.stopped();
        dispatcher.shutdown();
        pool.shutdown();
    }

    /** Called after a commit that queued deliveries, and when a request finished: claim more now (coalesced). */
    public void wakeUp() {
        if (stopping || !dispatchQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            dispatcher.execute(() -> {
                dispatchQueued.set(false);
                dispatch();
            });
        } catch (RejectedExecutionException e) {
            dispatchQueued.set(false);
        }
    }

    @Scheduled(every = "${crampwatch.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "webhook-sender")
    void round() {
        wakeUp();
    }

    /** Claims while a thread is free; one claim per subscription in flight. Runs on the dispatcher thread only. */
    void dispatch() {
        heartbeat.busy();
        try {
            while (!stopping && inFlight.size() < config.concurrency()) {
                Optional<Claimed> claimed = queue.claim(Set.copyOf(inFlight), clock.instant());
                if (claimed.isEmpty()) {
                    return;
                }
                Claimed c = claimed.get();
                inFlight.add(c.subscriptionId());
                try {
                    pool.execute(() -> {
                        try {
                            deliver(c);
                        } finally {
                            inFlight.remove(c.subscriptionId());
                            wakeUp();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    inFlight.remove(c.subscriptionId()); // shutting down: the lease runs out and another sender retries it
                    return;
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("Webhook dispatch failed (retried next round): %s", e.getClass().getSimpleName());
        } finally {
            heartbeat.idle();
        }
    }

    /** One attempt of a claimed delivery, then its outcome in a transaction of its own. */
    public void deliver(Claimed c) {
        WebhookQueue.Attempt attempt = attempt(c);
        try {
            String status = queue.settle(c, attempt, clock.instant());
            if (status != null) {
                metrics.counter("crampwatch.webhooks.attempts", "outcome", status.toLowerCase(java.util.Locale.ROOT)).increment();
                Log.infof("Webhook delivery %s (event %s, subscription %s) attempt %d: %s%s", c.id(), c.eventId(), c.subscriptionId(),
                        c.attempt(), status, attempt.responseCode() == null ? "" : " (HTTP " + attempt.responseCode() + ")");
            }
        } catch (RuntimeException e) {
            // Not recorded: the lease runs out and the delivery is retried (at least once).
            Log.warnf("Webhook delivery %s: outcome not recorded (%s); retried after its lease", c.id(), e.getClass().getSimpleName());
        }
    }

    private WebhookQueue.Attempt attempt(Claimed c) {
        URI uri;
        try {
            WebhookUrls.Checked checked = WebhookUrls.parse(c.url(), config.requireHttps());
            if (checked.problem() != null) {
                return new WebhookQueue.Attempt(false, null, "URL refused: " + checked.problem());
            }
            uri = checked.uri();
            // Checked again at every attempt: a host name may have been pointed at an inside address since registration.
            for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                Optional<String> refusal = WebhookUrls.refusal(a, config.allowLoopback(), config.allowPrivateNetworks());
                if (refusal.isPresent()) {
                    return new WebhookQueue.Attempt(false, null, "address refused: " + refusal.get());
                }
            }
        } catch (UnknownHostException e) {
            return new WebhookQueue.Attempt(false, null, "unknown host");
        }
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        String previous = c.previousSecret() != null && c.previousSecretUntil() != null && c.previousSecretUntil().isAfter(now)
                ? c.previousSecret() : null;
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "CrampWatch-Webhooks/1")
                .header("webhook-id", c.eventId().toString())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.header(c.secret(), previous, c.eventId().toString(), timestamp, c.body()))
                .POST(HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8)).build();
        Timer.Sample sample = Timer.start(metrics);
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            boolean ok = code >= 200 && code < 300;
            return new WebhookQueue.Attempt(ok, code, ok ? null : "HTTP " + code);
        } catch (HttpConnectTimeoutException e) {
            return new WebhookQueue.Attempt(false, null, "connect timeout");
        } catch (HttpTimeoutException e) {
            return new WebhookQueue.Attempt(false, null, "request timeout");
        } catch (ConnectException e) {
            return new WebhookQueue.Attempt(false, null, "connection refused");
        } catch (IOException e) {
            return new WebhookQueue.Attempt(false, null, "I/O error (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WebhookQueue.Attempt(false, null, "interrupted");
        } finally {
            sample.stop(metrics.timer("crampwatch.webhooks.request"));
        }
    }
}
