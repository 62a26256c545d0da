package crampwatch.notification.webhook.service;

import crampwatch.common.api.InvalidInputException;
import crampwatch.common.api.NotFoundProblem;
import crampwatch.common.api.Problem;
import crampwatch.common.audit.AuditLog;
import crampwatch.notification.webhook.config.WebhookConfig;
import crampwatch.notification.webhook.domain.WebhookEventType;
import crampwatch.notification.webhook.domain.WebhookSignature;
import crampwatch.notification.webhook.domain.WebhookUrls;
import crampwatch.notification.webhook.persistence.WebhookDeliveryEntity;
import crampwatch.notification.webhook.persistence.WebhookDeliveryRepository;
import crampwatch.notification.webhook.persistence.WebhookSubscriptionEntity;
import crampwatch.notification.webhook.persistence.WebhookSubscriptionRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An integration's webhook subscriptions and their delivery logs; every subscription belongs to the token subject that made it. */
@ApplicationScoped
@Transactional
public class WebhookSubscriptions {

    /** A subscription as stored; {@code secret} is the secret just set (create, rotate) and null otherwise. */
    public record Subscription(UUID id, String url, List<WebhookEventType> eventTypes, List<String> patientIds, String status,
                               Instant createdAt, Instant updatedAt, String secret) {
    }

    @Inject
    WebhookSubscriptionRepository subscriptions;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    WebhookConfig config;

    @Inject
    WebhookSender sender;

    @Inject
    AuditLog audit;

    @Inject
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    Clock clock = Clock.systemUTC();

    public Subscription register(String owner, String url, String secret, List<WebhookEventType> types, List<String> patientIds) {
        checkUrl(url);
        if (secret != null && !WebhookSignature.isValidSecret(secret)) {
            throw new InvalidInputException("secret", "must be whsec_ followed by the base64 of 24 to 64 random bytes (or left out: one is made)");
        }
        if (subscriptions.countOwned(owner) >= config.maxSubscriptionsPerOwner()) {
            throw new ClientErrorException("At most " + config.maxSubscriptionsPerOwner() + " subscriptions per integration.", 409);
        }
        Instant now = now();
        WebhookSubscriptionEntity s = new WebhookSubscriptionEntity();
        s.id = UUID.randomUUID();
        s.owner = owner;
        s.url = url;
        s.secret = secret == null ? WebhookSignature.newSecret() : secret;
        s.eventTypes = new ArrayList<>(new LinkedHashSet<>(types.stream().map(Enum::name).toList()));
        s.patientIds = patientIds == null ? null : new ArrayList<>(new LinkedHashSet<>(patientIds));
        s.status = "ACTIVE";
        s.createdAt = now;
        s.updatedAt = now;
        subscriptions.persist(s);
        audit.record(owner, null, "webhook.subscribe", s.id.toString());
        Log.infof("Webhook subscription %s registered", s.id);
        return view(s, s.secret);
    }

    public Subscription get(String owner, UUID id) {
        return view(owned(owner, id), null);
    }

    public List<Subscription> page(String owner, Instant afterCreated, UUID afterId, int limit) {
        return subscriptions.page(owner, afterCreated, afterId, limit).stream().map(s -> view(s, null)).toList();
    }

    public Subscription setStatus(String owner, UUID id, boolean active) {
        WebhookSubscriptionEntity s = owned(owner, id);
        s.status = active ? "ACTIVE" : "PAUSED";
        s.updatedAt = now();
        audit.record(owner, null, active ? "webhook.resume" : "webhook.pause", id.toString());
        if (active) {
            crampwatch.common.tx.AfterCommit.run(transactions, sender::wakeUp);
        }
        return view(s, null);
    }

    public void delete(String owner, UUID id) {
        WebhookSubscriptionEntity s = owned(owner, id);
        subscriptions.delete(s);
        audit.record(owner, null, "webhook.delete", id.toString());
    }

    /** A new secret signs from now on; the previous one signs too for {@code previous-secret-grace}. */
    public Subscription rotate(String owner, UUID id, String secret) {
        if (secret != null && !WebhookSignature.isValidSecret(secret)) {
            throw new InvalidInputException("secret", "must be whsec_ followed by the base64 of 24 to 64 random bytes (or left out: one is made)");
        }
        WebhookSubscriptionEntity s = owned(owner, id);
        Instant now = now();
        s.previousSecret = s.secret;
        s.previousSecretUntil = now.plus(config.previousSecretGrace());
        s.secret = secret == null ? WebhookSignature.newSecret() : secret;
        s.updatedAt = now;
        audit.record(owner, null, "webhook.rotate-secret", id.toString());
        return view(s, s.secret);
    }

    public List<WebhookDeliveryEntity> deliveries(String owner, UUID id, String status, Long beforeSeq, int limit) {
        owned(owner, id);
        List<WebhookDeliveryEntity> page = deliveries.page(id, status, beforeSeq, limit);
        page.forEach(d -> deliveries.getEntityManager().detach(d));
        return page;
    }

    /** A SENT or FAILED delivery is sent again (same event id, attempts from zero); 409 while it is still on its way. */
    public WebhookDeliveryEntity redeliver(String owner, UUID id, UUID deliveryId) {
        owned(owner, id);
        WebhookDeliveryEntity d = deliveries.of(id, deliveryId).orElseThrow(() -> new NotFoundProblem("delivery"));
        if ("PENDING".equals(d.status) || "SENDING".equals(d.status)) {
            throw new ClientErrorException("The delivery is " + d.status + "; it is still on its way.", 409);
        }
        d.status = "PENDING";
        d.attempts = 0;
        d.nextAttemptAt = now();
        d.leaseUntil = null;
        crampwatch.common.tx.AfterCommit.run(transactions, sender::wakeUp);
        audit.record(owner, d.patientId, "webhook.redeliver", deliveryId.toString());
        return d;
    }

    private WebhookSubscriptionEntity owned(String owner, UUID id) {
        return subscriptions.owned(id, owner).orElseThrow(() -> new NotFoundProblem("subscription"));
    }

    /** The URL's form, and every address its host resolves to now (checked again at each attempt). */
    private void checkUrl(String url) {
        WebhookUrls.Checked checked = WebhookUrls.parse(url, config.requireHttps());
        if (checked.problem() != null) {
            throw new InvalidInputException("url", checked.problem());
        }
        URI uri = checked.uri();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new InvalidInputException("url", "the host name does not resolve");
        }
        for (InetAddress a : addresses) {
            Optional<String> refusal = WebhookUrls.refusal(a, config.allowLoopback(), config.allowPrivateNetworks());
            if (refusal.isPresent()) {
                throw new InvalidInputException("url", refusal.get() + "; not allowed by this service's configuration");
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Subscription view(WebhookSubscriptionEntity s, String secret) {
        return new Subscription(s.id, s.url, s.eventTypes.stream().map(WebhookEventType::valueOf).toList(),
                s.patientIds == null ? null : List.copyOf(s.patientIds), s.status, s.createdAt, s.updatedAt, secret);
    }
}
