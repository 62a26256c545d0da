package crampwatch.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code crampwatch.outbox.*}: how the relay publishes outbox rows to Kafka. */
@ConfigMapping(prefix = "crampwatch.outbox")
public interface OutboxConfig {

    /** Whether this instance runs a relay (every instance may: rows are claimed with SKIP LOCKED). */
    @WithDefault("true")
    boolean enabled();

    /** Rows claimed and published per round trip. */
    @WithDefault("500")
    int batchSize();

    /** How often the poller looks for rows nobody woke it for (e.g. left while Kafka was down). */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long one batch may wait for the broker's acknowledgements before it is retried. */
    @WithDefault("15s")
    Duration sendTimeout();

    /** The longest pause between attempts while the broker does not answer. */
    @WithDefault("5s")
    Duration maxBackoff();

    /**
     * How often the outbox gauges (pending rows, age of the oldest pending row, parked rows) are recounted from the
     * table, whatever the relay is doing: steady during a backlog or an outage, not only when the relay is idle.
     */
    @WithDefault("5s")
    Duration metricsInterval();
}
