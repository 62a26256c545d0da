package crampwatch.notification.webhook.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import crampwatch.common.tx.AfterCommit;
import crampwatch.notification.domain.EscalationEvent;
import crampwatch.notification.webhook.persistence.WebhookDeliveryRepository;
import crampwatch.notification.webhook.persistence.WebhookSubscriptionRepository;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Queues a consumed event for every subscription that wants it: a {@code webhook_delivery} row each, written in the
 * transaction that consumes the event (so a delivery exists exactly when the event was consumed; a redelivered event
 * was already recorded and queues nothing). The body is fixed here, once: ids, levels and rules, never a reason or a note.
 */
@ApplicationScoped
public class WebhookFanout {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookSubscriptionRepository subscriptions;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    WebhookSender sender;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    MeterRegistry metrics;

    @Transactional(Transactional.TxType.MANDATORY)
    public int enqueue(EscalationEvent event, Instant now) {
        List<UUID> wanting = subscriptions.wanting(event.type(), event.patientId());
        if (wanting.isEmpty()) {
            return 0;
        }
        String body = body(event);
        for (UUID subscription : wanting) {
            deliveries.insert(subscription, event.eventId(), event.type(), event.patientId(), body, now);
        }
        metrics.counter("crampwatch.webhooks.queued", "type", event.type()).increment(wanting.size());
        AfterCommit.run(transactions, sender::wakeUp);
        return wanting.size();
    }

    /** The request body (docs/webhooks.md): {@code {type, timestamp, eventId, data}}. */
    static String body(EscalationEvent event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", event.type());
        root.put("timestamp", time(event.occurredAt()));
        root.put("eventId", event.eventId().toString());
        ObjectNode data = root.putObject("data");
        data.put("patientId", event.patientId());
        if (EscalationEvent.ADVICE_CHANGED.equals(event.type())) {
            EscalationEvent.Advice a = event.advice();
            data.put("level", a.level());
            data.put("previousLevel", a.previousLevel());
            data.put("changedAt", time(a.changedAt()));
            ArrayNode causes = data.putArray("causeEscalationIds");
            a.causeEscalationIds().forEach(id -> causes.add(id.toString()));
        } else {
            EscalationEvent.Escalation e = event.escalation();
            data.put("escalationId", e.id().toString());
            data.put("rule", e.rule());
            data.put("level", e.level().name());
            data.put("status", e.status());
            ArrayNode episodes = data.putArray("episodeIds");
            e.episodeIds().forEach(id -> episodes.add(id.toString()));
            data.put("raisedAt", time(e.raisedAt()));
            if (e.withdrawnAt() != null) {
                data.put("withdrawnAt", time(e.withdrawnAt()));
            }
            if (e.acknowledgedAt() != null) {
                data.put("acknowledgedAt", time(e.acknowledgedAt()));
                data.put("acknowledgedBy", e.acknowledgedBy());
            }
        }
        return root.toString();
    }

    private static String time(java.time.OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.toInstant().truncatedTo(ChronoUnit.MICROS));
    }
}
