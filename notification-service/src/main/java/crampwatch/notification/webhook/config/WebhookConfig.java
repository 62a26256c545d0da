package crampwatch.notification.webhook.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Webhook subscriptions and their delivery (docs/webhooks.md). */
@ConfigMapping(prefix = "crampwatch.webhooks")
public interface WebhookConfig {

    /** Receiver URLs must be https (true in production; the dev and test profiles allow http). */
    @WithDefault("true")
    boolean requireHttps();

    /** Receivers on loopback addresses (127.0.0.0/8, ::1) are allowed: tests and local runs only. */
    @WithDefault("false")
    boolean allowLoopback();

    /** Receivers on private, link-local or carrier-grade NAT addresses are allowed (an internal portal backend). */
    @WithDefault("false")
    boolean allowPrivateNetworks();

    /** How often the sender looks for due deliveries (besides right after a commit that queued some). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Attempts before a delivery is FAILED. */
    @WithDefault("10")
    int maxAttempts();

    @WithDefault("10s")
    Duration initialBackoff();

    @WithDefault("1h")
    Duration maxBackoff();

    @WithDefault("5s")
    Duration connectTimeout();

    /** The whole request, until the receiver's status line. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Requests in flight at once (per instance); one subscription has at most one of them. */
    @WithDefault("8")
    int concurrency();

    /** After a rotation the previous secret signs too, for this long. */
    @WithDefault("24h")
    Duration previousSecretGrace();

    @WithDefault("50")
    int maxSubscriptionsPerOwner();
}
