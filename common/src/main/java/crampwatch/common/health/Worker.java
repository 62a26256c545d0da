package crampwatch.common.health;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The heartbeat of one background worker (the outbox relay, the episode writers, a consumer, the delivery sender),
 * for liveness (issue 11 F6). A worker thread calls {@link #busy()} when it starts a unit of work and whenever it
 * makes progress (a retry, the next row), and {@link #idle()} when it is done; waiting for work is idle and never
 * stalls. The worker is DOWN when one of its threads has been busy without progress for longer than the stall
 * bound, when a thread it {@link #attach attached} is gone, or (if it {@link #expectBeatsEvery expects beats}) when
 * no unit of work has started for that long. {@link #stopped()} on shutdown: a worker stopped on purpose is not dead.
 */
public final class Worker {

    private final String name;
    private final Set<Thread> threads = new CopyOnWriteArraySet<>();
    private final Map<Thread, Long> busySince = new ConcurrentHashMap<>();
    private volatile long lastBeat = System.nanoTime();
    private volatile Duration expectEvery;
    private volatile boolean stopped;

    Worker(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** A thread that must stay alive while the worker runs (a dedicated loop, not a pool's thread). */
    public Worker attach(Thread thread) {
        threads.add(thread);
        return this;
    }

    /** For a worker run on a schedule: it must start a unit of work at least this often. */
    public Worker expectBeatsEvery(Duration every) {
        this.expectEvery = every;
        return this;
    }

    /** The calling thread starts a unit of work, or made progress in the one it is doing. */
    public void busy() {
        long now = System.nanoTime();
        lastBeat = now;
        busySince.put(Thread.currentThread(), now);
    }

    /** Progress in a unit of work the calling thread is busy with (nothing if it is not busy, e.g. a test calling in). */
    public void progress() {
        busySince.computeIfPresent(Thread.currentThread(), (t, since) -> System.nanoTime());
    }

    /** The calling thread finished its unit of work. */
    public void idle() {
        lastBeat = System.nanoTime();
        busySince.remove(Thread.currentThread());
    }

    /** Stopped on purpose (shutdown): reported UP from now on. */
    public void stopped() {
        stopped = true;
    }

    /** {@code null} when alive, else why not. */
    String problem(long now, Duration stallAfter) {
        if (stopped) {
            return null;
        }
        for (Thread t : threads) {
            if (!t.isAlive()) {
                return "thread " + t.getName() + " is gone";
            }
        }
        long bound = stallAfter.toNanos();
        for (Map.Entry<Thread, Long> e : busySince.entrySet()) {
            long busyFor = now - e.getValue();
            if (busyFor > bound) {
                return "thread " + e.getKey().getName() + " busy without progress for " + busyFor / 1_000_000_000L + " s";
            }
            if (!e.getKey().isAlive()) {
                return "thread " + e.getKey().getName() + " died mid-work";
            }
        }
        Duration every = expectEvery;
        if (every != null && busySince.isEmpty() && now - lastBeat > Math.max(bound, every.toNanos())) {
            return "no round for " + (now - lastBeat) / 1_000_000_000L + " s";
        }
        return null;
    }
}
