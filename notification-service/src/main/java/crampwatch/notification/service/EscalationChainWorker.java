package crampwatch.notification.service;

import crampwatch.common.health.Worker;
import crampwatch.common.health.Workers;
import crampwatch.notification.config.EscalationChainConfig;
import crampwatch.notification.domain.ErrorSummary;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Runs the escalation chain on a schedule ({@code crampwatch.escalation-chain.poll-interval}): each round writes the due
 * steps, one transaction per batch, until none is due. Every instance runs it; the chains' row locks
 * ({@code SKIP LOCKED}) keep two instances from writing the same step.
 */
@ApplicationScoped
public class EscalationChainWorker {

    @Inject
    EscalationChainService chain;

    @Inject
    EscalationChainConfig config;

    @Inject
    Workers workers;

    private Worker heartbeat;

    private volatile boolean stopping;

    @PostConstruct
    void registerHeartbeat() {
        heartbeat = workers.register("escalation-chain").expectBeatsEvery(config.pollInterval().multipliedBy(10));
    }

    /** A chain configuration that makes no schedule (e.g. max-interval below first-step) stops the start. */
    void check(@Observes StartupEvent event) {
        chain.schedule();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        heartbeat.stopped();
    }

    @Scheduled(every = "${crampwatch.escalation-chain.poll-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "escalation-chain")
    void round() {
        heartbeat.busy();
        try {
            runDue();
        } catch (RuntimeException e) {
            Log.warnf("Escalation chain round failed (retried next round): %s", ErrorSummary.of(e));
        } finally {
            heartbeat.idle();
        }
    }

    /** Writes every step due now; returns how many chains were handled. */
    public int runDue() {
        int total = 0;
        int handled;
        do {
            handled = chain.writeDueSteps();
            total += handled;
            heartbeat.progress();
        } while (handled == config.batchSize() && !stopping);
        return total;
    }
}
