package crampwatch.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code crampwatch.delivery.*}: how the scheduled sender works PENDING deliveries off. */
@ConfigMapping(prefix = "crampwatch.delivery")
public interface DeliveryConfig {

    /** How often the sender looks for due deliveries. */
    @WithDefault("2s")
    Duration pollInterval();

    /** Attempts per delivery (the first included) before it is FAILED. */
    @WithDefault("8")
    int maxAttempts();

    /** Wait after the first failed attempt; doubled after each further failure. */
    @WithDefault("30s")
    Duration initialBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("30m")
    Duration maxBackoff();

    /**
     * How long a new delivery waits before its first attempt (0 = at once). A withdrawal that arrives
     * within this time cancels the email before it is sent.
     */
    @WithDefault("0s")
    Duration initialDelay();

    /**
     * One email per episode: the longest a delivery waits for the other escalations its episode raised (named in the
     * event's {@code raisedTogether}) to arrive. They follow on the same partition within moments and release it at
     * once; this bound only matters if one of them never comes (then each is sent on its own).
     */
    @WithDefault("10s")
    Duration groupHold();

    /** Deliveries claimed (one at a time) per round before the round starts over with a lease sweep. */
    @WithDefault("50")
    int batchSize();

    /**
     * The lease of one claim: set at the claim and renewed right before the SMTP conversation. A SENDING
     * row past it belonged to a sender that died or froze; it goes back to PENDING (attempt counted).
     * At least twice {@code quarkus.mailer.timeout}, checked at start.
     */
    @WithDefault("5m")
    Duration sendingLease();

    /** The domain part of the Message-ID this service gives each email. */
    @WithDefault("crampwatch.local")
    String messageIdDomain();
}
