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

    /** Deliveries claimed per round. */
    @WithDefault("50")
    int batchSize();

    /**
     * How long a claimed (SENDING) delivery may stay unresolved before the sender concludes the
     * instance that claimed it died mid-send. Must be well above {@code quarkus.mailer.timeout}.
     */
    @WithDefault("5m")
    Duration sendingLease();

    /** The domain part of the Message-ID this service gives each email. */
    @WithDefault("crampwatch.local")
    String messageIdDomain();
}
