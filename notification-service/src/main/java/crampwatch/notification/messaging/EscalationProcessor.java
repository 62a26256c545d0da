package crampwatch.notification.messaging;

import crampwatch.common.tx.AfterCommit;
import crampwatch.notification.config.DeliveryConfig;
import crampwatch.notification.service.ContactService;
import crampwatch.notification.domain.ContactSet;
import crampwatch.notification.domain.Deliveries;
import crampwatch.notification.domain.DeliveryMetrics;
import crampwatch.notification.domain.DeliveryStatus;
import crampwatch.notification.domain.NewDelivery;
import crampwatch.notification.domain.Recipient;
import crampwatch.notification.domain.Routing;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applies one escalation event in one transaction: the event id is recorded (a redelivery changes
 * nothing), and an EscalationRaised writes its deliveries, an EscalationWithdrawn cancels the ones
 * still PENDING (EscalationAcknowledged and AdviceChanged send no email); every event is queued for the webhook
 * subscriptions that want it. The senders send only what this transaction committed.
 */
@ApplicationScoped
public class EscalationProcessor {

    public enum Outcome { APPLIED, DUPLICATE }

    @Inject
    Deliveries deliveries;

    @Inject
    ContactService contacts;

    @Inject
    DeliveryConfig config;

    @Inject
    DeliveryMetrics metrics;

    @Inject
    crampwatch.notification.domain.DeliveryStates states;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    crampwatch.common.events.ProcessedEvents processed;

    @Inject
    crampwatch.notification.mail.DeliverySender sender;

    @Inject
    crampwatch.notification.webhook.service.WebhookFanout webhooks;

    Clock clock = Clock.systemUTC();

    @Transactional
    public Outcome apply(EscalationEvent event) {
        Instant now = clock.instant();
        if (!processed.firstTime(event.eventId(), event.type())) {
            Log.debugf("Event %s already processed; ignoring the redelivery", event.eventId());
            return Outcome.DUPLICATE;
        }
        webhooks.enqueue(event, now); // webhook deliveries commit with this event (crampwatch.notification.webhook)
        if (EscalationEvent.RAISED.equals(event.type())) {
            raised(event, now);
        } else if (EscalationEvent.WITHDRAWN.equals(event.type())) {
            withdrawn(event, now);
        }
        return Outcome.APPLIED;
    }

    private void raised(EscalationEvent event, Instant now) {
        EscalationEvent.Escalation e = event.escalation();
        Optional<ContactSet> stored = contacts.find(event.patientId());
        List<Recipient> recipients = stored
                .map(c -> Routing.recipients(e.level(), c.patient(), c.clinicians()))
                .orElse(List.of());
        boolean withdrawn = deliveries.isWithdrawn(e.id());
        DeliveryStatus status = withdrawn ? DeliveryStatus.CANCELLED : DeliveryStatus.PENDING;
        Instant notBefore = now.plus(config.initialDelay());
        java.util.UUID trigger = e.triggeredBy();
        if (recipients.isEmpty()) {
            java.util.UUID id = deliveries.insertReturningId(new NewDelivery(e.id(), event.eventId(), event.patientId(), null, null,
                    e.level(), e.rule(), e.reason(), e.raisedAt().toInstant(), e.episodeStartedAt(), DeliveryStatus.NO_RECIPIENT, now,
                    trigger), now);
            if (id != null) {
                states.publish(id);
                afterCommit(metrics::noRecipient);
            }
            Log.warnf("Escalation %s (patient %s) has no recipient: no contact wants its level", e.id(), event.patientId());
            releaseIfComplete(event, now);
            return;
        }
        // One email per episode: while escalations the same episode raised are still on their way (they follow this
        // one on the same partition, within moments), this one's deliveries wait for them, at most group-hold; the
        // last one to arrive releases the group, and the sender claims it as one email.
        boolean waiting = trigger != null && deliveries.seenOf(e.together()) + 1 < e.together().size();
        if (waiting) {
            notBefore = later(notBefore, now.plus(config.groupHold()));
        }
        List<java.util.UUID> written = new java.util.ArrayList<>();
        for (Recipient r : recipients) {
            java.util.UUID id = deliveries.insertReturningId(new NewDelivery(e.id(), event.eventId(), event.patientId(), r.email(),
                    r.audience(), e.level(), e.rule(), e.reason(), e.raisedAt().toInstant(), e.episodeStartedAt(), status, notBefore,
                    trigger), now);
            if (id != null) {
                written.add(id);
            }
        }
        states.publish(written);
        boolean released = !waiting && releaseIfComplete(event, now);
        if ((released || !written.isEmpty() && status == DeliveryStatus.PENDING && !waiting) && config.initialDelay().isZero()) {
            afterCommit(sender::wakeUp);
        }
        Log.infof("Escalation %s (patient %s): %d deliveries written as %s", e.id(), event.patientId(), written.size(), status);
    }

    /**
     * When this event completes its episode's group (every escalation in {@code raisedTogether} has been seen), the
     * group's held deliveries become due now. True when some did.
     */
    private boolean releaseIfComplete(EscalationEvent event, Instant now) {
        EscalationEvent.Escalation e = event.escalation();
        if (e.triggeredBy() == null || e.together().size() < 2 || deliveries.seenOf(e.together()) < e.together().size()) {
            return false;
        }
        Instant due = now.plus(config.initialDelay());
        return deliveries.releaseGroup(event.patientId(), e.triggeredBy(), due) > 0;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private void withdrawn(EscalationEvent event, Instant now) {
        EscalationEvent.Escalation e = event.escalation();
        deliveries.markWithdrawn(e.id(), now);
        List<java.util.UUID> cancelled = deliveries.cancelPending(e.id(), now);
        states.publish(cancelled);
        Log.infof("Escalation %s (patient %s) withdrawn: %d pending deliveries cancelled", e.id(), event.patientId(), cancelled.size());
    }

    private void afterCommit(Runnable action) {
        AfterCommit.run(transactions, action);
    }
}
