package crampwatch.notification.webhook.service;

import crampwatch.notification.domain.Backoff;
import crampwatch.notification.webhook.config.WebhookConfig;
import crampwatch.notification.webhook.persistence.WebhookDeliveryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/** The webhook sender's short transactions: claim one delivery, settle one attempt. */
@ApplicationScoped
@Transactional
public class WebhookQueue {

    /** What one attempt came to: a status code (null when no response came) and a short error (null on success). */
    public record Attempt(boolean delivered, Integer responseCode, String error) {
    }

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    WebhookConfig config;

    /** The claim outlasts any request (connect + request timeout) by a margin, so a live sender never loses it. */
    Duration lease() {
        return config.connectTimeout().plus(config.requestTimeout()).plusSeconds(30);
    }

    public Optional<WebhookDeliveryRepository.Claimed> claim(Collection<UUID> busySubscriptions, Instant now) {
        return deliveries.claimOne(busySubscriptions, now, now.plus(lease()));
    }

    /** SENT; or PENDING again after the backoff; or FAILED after the last attempt. Returns the status written (null if the claim was lost). */
    public String settle(WebhookDeliveryRepository.Claimed c, Attempt attempt, Instant now) {
        String status;
        Instant next = now;
        if (attempt.delivered()) {
            status = "SENT";
        } else if (c.attempt() >= config.maxAttempts()) {
            status = "FAILED";
        } else {
            status = "PENDING";
            next = now.plus(Backoff.after(c.attempt(), config.initialBackoff(), config.maxBackoff()));
        }
        return deliveries.settle(c.id(), c.attempt(), status, attempt.responseCode(), attempt.error(), next, now) ? status : null;
    }
}
