package crampwatch.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code crampwatch.escalation-chain.*}: an URGENT escalation nobody acknowledges is sent again, as numbered steps, to
 * the patient's clinicians and the clinic's on-call addresses (docs/notifications.md, "The escalation chain").
 * Step 1 is due {@code first-step} after the escalation was taken in; each further step waits {@code multiplier} times
 * longer than the one before, at most {@code max-interval}; after {@code max-steps} steps the chain ends.
 */
@ConfigMapping(prefix = "crampwatch.escalation-chain")
public interface EscalationChainConfig {

    /** Off: no chain is started for new URGENT escalations (chains already started still run their course). */
    @WithDefault("true")
    boolean enabled();

    /** How long an URGENT escalation may stay unacknowledged before step 1 goes out. */
    @WithDefault("15m")
    Duration firstStep();

    /** Each interval after the first is the previous one times this (1 = evenly spaced). */
    @WithDefault("2")
    double multiplier();

    /** The longest wait between two steps. */
    @WithDefault("2h")
    Duration maxInterval();

    /** Steps after the first email (0 = no chain). */
    @WithDefault("3")
    int maxSteps();

    /** How often the chain worker looks for due steps. */
    @WithDefault("15s")
    Duration pollInterval();

    /** Due chains handled per transaction. */
    @WithDefault("20")
    int batchSize();
}
