package crampwatch.episode.service;

import crampwatch.episode.config.EpisodeConfig;
import crampwatch.episode.domain.Episode;
import crampwatch.episode.messaging.EpisodeEvents;
import crampwatch.episode.persistence.EpisodeRepository;
import crampwatch.common.api.ServiceUnavailableException;
import crampwatch.common.health.Worker;
import crampwatch.common.health.Workers;
import crampwatch.common.logging.Logs;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit for new episodes. A request hands its episode to this writer and waits; a writer thread
 * takes every episode queued at that moment (up to {@code crampwatch.episodes.group-commit.max-batch}),
 * persists them and their EpisodeLogged outbox rows in <em>one</em> transaction and Hibernate session, whose flush
 * sends them as two JDBC batches ({@code quarkus.hibernate-orm.jdbc.statement-batch-size}),
 * commits, and only then releases the waiting requests. So a 201 still means "stored, and its event is in
 * the outbox", while under load many requests share one commit, one transaction and one relay wake-up
 * instead of paying for each (docs/performance.md). When nothing else is queued a batch is one episode:
 * no request ever waits for others to arrive.
 * <p>
 * If a batch fails, each of its episodes is retried in a transaction of its own, so one bad row cannot
 * fail the requests it happened to share a batch with; the failures go back to their own requests.
 */
@ApplicationScoped
public class EpisodeWriter {

    /** A queued episode; {@code abandoned} once its request gave up waiting, so a writer that gets to it later skips it. */
    private record Pending(Episode episode, CompletableFuture<Void> committed, AtomicBoolean abandoned) {
    }

    @Inject
    EpisodeRepository episodes;

    @Inject
    EpisodeEvents events;

    @Inject
    EpisodeConfig config;

    @Inject
    Workers workers;

    private Worker heartbeat;

    private BlockingQueue<Pending> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    void start(@Observes StartupEvent event) {
        queue = new LinkedBlockingQueue<>(Math.max(1, config.groupCommit().queueCapacity()));
        running = true;
        heartbeat = workers.register("episode-writers");
        for (int i = 0; i < Math.max(1, config.groupCommit().writers()); i++) {
            Thread t = new Thread(this::loop, "episode-writer-" + i);
            t.setDaemon(true);
            heartbeat.attach(t);
            t.start();
            writers.add(t);
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false; // writers finish what is queued, then stop
        if (heartbeat != null) {
            heartbeat.stopped();
        }
        for (Thread t : writers) {
            t.join(5_000);
        }
    }

    /**
     * Stores the episode and its EpisodeLogged event; returns once they are committed, throws if they are not.
     * Work in flight is bounded: a full queue, or no commit within the request timeout, is a 503 with
     * Retry-After rather than a request that hangs. A request that timed out is marked abandoned and a writer
     * skips it; only if its batch was already committing when the time ran out can a 503 follow a commit, which
     * is why a client that retries should send an Idempotency-Key.
     */
    public void store(Episode episode) {
        if (!running) {
            throw new ServiceUnavailableException("episode-service is stopping; try again shortly.", 5);
        }
        Pending p = new Pending(episode, new CompletableFuture<>(), new AtomicBoolean());
        if (!queue.offer(p)) {
            Log.warnf("Episode write queue full (%d waiting): 503 for episode %s", queue.size(), episode.id());
            throw new ServiceUnavailableException("Too many episodes are waiting to be stored; try again shortly.", 2);
        }
        try {
            p.committed().get(config.groupCommit().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            p.abandoned().set(true);
            if (p.committed().isDone() && !p.committed().isCompletedExceptionally()) {
                return; // committed in the very moment the time ran out
            }
            Log.warnf("Episode %s not committed within %s: 503", episode.id(), config.groupCommit().requestTimeout());
            throw new ServiceUnavailableException("The database did not store the episode in time; try again shortly.", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing episode " + episode.id(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void loop() {
        int max = Math.max(1, config.groupCommit().maxBatch());
        List<Pending> batch = new ArrayList<>(max);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                heartbeat.busy();
                batch.add(first);
                queue.drainTo(batch, max - 1);
                batch.removeIf(p -> p.abandoned().get());
                if (!batch.isEmpty()) {
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                // Never leave a request waiting for a writer that died: fail what it held, and keep writing.
                Log.errorf("Episode writer failed (%s); its batch is answered with an error", Logs.failure(e));
                batch.forEach(p -> p.committed().completeExceptionally(e));
            } finally {
                batch.clear();
                heartbeat.idle();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            commit(batch);
            batch.forEach(p -> p.committed().complete(null));
            return;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).committed().completeExceptionally(e);
                return;
            }
            Log.warnf("A batch of %d episodes failed (%s); writing them one by one", batch.size(), Logs.failure(e));
        }
        for (Pending p : batch) {
            heartbeat.progress();
            try {
                commit(List.of(p));
                p.committed().complete(null);
            } catch (RuntimeException e) {
                p.committed().completeExceptionally(e);
            }
        }
    }

    private void commit(List<Pending> batch) {
        List<Episode> episodes = batch.stream().map(Pending::episode).toList();
        QuarkusTransaction.requiringNew().run(() -> {
            this.episodes.add(episodes);
            events.loggedAll(episodes);
        });
    }
}
