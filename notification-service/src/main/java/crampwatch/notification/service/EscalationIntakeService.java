package crampwatch.notification.service;

import crampwatch.common.events.ProcessedEvents;
import crampwatch.common.tx.AfterCommit;
import crampwatch.notification.config.DeliveryConfig;
import crampwatch.notification.domain.ContactSet;
import crampwatch.notification.domain.DeliveryStatus;
import crampwatch.notification.domain.NewDelivery;
import crampwatch.notification.domain.Recipient;
import crampwatch.notification.domain.Routing;
import crampwatch.notification.messaging.DeliveryStatePublisher;
import crampwatch.notification.domain.EscalationEvent;
import crampwatch.notification.persistence.ContactRepository;
import crampwatch.notification.persistence.DeliveryRepository;
import crampwatch.notification.persistence.EscalationChainRepository;
import crampwatch.notification.persistence.PatientZoneRepository;
import crampwatch.notification.persistence.WithdrawnEscalationRepository;
import crampwatch.notification.webhook.service.WebhookFanout;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Takes in one escalation event in one transaction: the event id is marked processed (a redelivery changes nothing,
 * common's {@link ProcessedEvents}), an EscalationRaised writes its deliveries (routed to the patient's current
 * contacts, held for the rest of its episode's group), an EscalationWithdrawn cancels the ones still PENDING. Every
 * changed delivery's status goes to the outbox in the same transaction. The sender sends only what this transaction
 * committed; after the commit it is woken ({@link DeliveriesDue}) when something is due at once.
 * An URGENT EscalationRaised starts its escalation chain; an EscalationAcknowledged or EscalationWithdrawn stops it
 * ({@link EscalationChainService}). EscalationAcknowledged and AdviceChanged send no email; every event is queued for the
 * webhook subscriptions that want it ({@link WebhookFanout}), in the same transaction.
 */
@ApplicationScoped
@Transactional
public class EscalationIntakeService {

    public enum Outcome { APPLIED, DUPLICATE }

    @Inject
    ProcessedEvents processed;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    WithdrawnEscalationRepository withdrawals;

    @Inject
    ContactRepository contacts;

    @Inject
    DeliveryStatePublisher states;

    @Inject
    DeliveryConfig config;

    @Inject
    DeliveryMetrics metrics;

    @Inject
    Event<DeliveriesDue> due;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    WebhookFanout webhooks;

    @Inject
    EscalationChainService chain;

    @Inject
    PatientZoneRepository zones;

    @Inject
    PatientQuietHours quietHours;


    Clock clock = Clock.systemUTC();

    /**
     * The one place a consumed escalation event is handled, inside its transaction: whatever else an event should
     * cause commits (or rolls back) with the processed-event mark and the deliveries.
     */
    public Outcome apply(EscalationEvent event) {
        if (!processed.firstTime(event.eventId(), event.type())) {
            Log.debugf("Event %s already processed; ignoring the redelivery", event.eventId());
            return Outcome.DUPLICATE;
        }
        Instant now = clock.instant();
        webhooks.enqueue(event, now); // webhook deliveries commit with this event (crampwatch.notification.webhook)
        if (EscalationEvent.RAISED.equals(event.type())) {
            rememberZone(event);
            raised(event, now);
        } else if (EscalationEvent.WITHDRAWN.equals(event.type())) {
            withdrawn(event, now);
        } else if (EscalationEvent.ACKNOWLEDGED.equals(event.type())) {
            acknowledged(event, now);
        }
        return Outcome.APPLIED;
    }

    private void raised(EscalationEvent event, Instant now) {
        EscalationEvent.Escalation e = event.escalation();
        List<Recipient> recipients = contacts.contactsOf(event.patientId())
                .map((ContactSet c) -> Routing.recipients(e.level(), c.patient(), c.clinicians()))
                .orElse(List.of());
        DeliveryStatus status = withdrawals.isWithdrawn(e.id()) ? DeliveryStatus.CANCELLED : DeliveryStatus.PENDING;
        if (status == DeliveryStatus.PENDING) {
            chain.raised(event, now); // URGENT only: its escalation chain starts (EscalationChainService)
        }
        Instant notBefore = now.plus(config.initialDelay());
        UUID trigger = e.triggeredBy();
        if (recipients.isEmpty()) {
            UUID id = deliveries.insert(newDelivery(event, null, DeliveryStatus.NO_RECIPIENT, now, null), now);
            if (id != null) {
                publish(List.of(id));
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
        List<UUID> written = new ArrayList<>();
        ZoneId zone = null;
        for (Recipient r : recipients) {
            // A clinician who chose the daily digest gets this SEE_DOCTOR alert in the next digest, not on its own.
            DeliveryStatus own = status == DeliveryStatus.PENDING && r.digest() ? DeliveryStatus.DIGEST : status;
            // A patient's non-URGENT mail waits for the end of its quiet hours (Routing gives URGENT none).
            Instant due = notBefore;
            Instant quietUntil = null;
            if (r.quietHours() != null) {
                zone = zone != null ? zone : quietHours.zoneOf(event.patientId());
                Instant release = r.quietHours().releaseOf(notBefore, zone);
                if (release.isAfter(notBefore)) {
                    due = release;
                    quietUntil = release;
                }
            }
            UUID id = deliveries.insert(newDelivery(event, r, own, due, quietUntil), now);
            if (id != null) {
                written.add(id);
            }
        }
        publish(written);
        boolean released = !waiting && releaseIfComplete(event, now);
        if ((released || !written.isEmpty() && status == DeliveryStatus.PENDING && !waiting) && config.initialDelay().isZero()) {
            afterCommit(() -> due.fire(new DeliveriesDue()));
        }
        Log.infof("Escalation %s (patient %s): %d deliveries written as %s", e.id(), event.patientId(), written.size(), status);
    }

    /** The delivery of a raised escalation to {@code to}; with {@code to} null, the NO_RECIPIENT row. */
    private static NewDelivery newDelivery(EscalationEvent event, Recipient to, DeliveryStatus status, Instant notBefore,
                                           Instant quietUntil) {
        EscalationEvent.Escalation e = event.escalation();
        return new NewDelivery(e.id(), event.eventId(), event.patientId(), to == null ? null : to.email(),
                to == null ? null : to.audience(), e.level(), e.rule(), e.reason(), e.raisedAt().toInstant(), e.episodeStartedAt(),
                status, notBefore, e.triggeredBy(), 0, quietUntil);
    }

    /**
     * The patient's time zone as advice-service last reported it (EscalationRaised's optional
     * {@code escalation.patientTimeZone}); a zone this JVM does not know is ignored like an absent one.
     */
    private void rememberZone(EscalationEvent event) {
        String zone = event.escalation().patientTimeZone();
        if (zone == null) {
            return;
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            Log.warnf("Event %s: escalation.patientTimeZone is not a known time zone; ignored", event.eventId());
            return;
        }
        zones.remember(event.patientId(), zone, event.occurredAt().toInstant());
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
        return deliveries.releaseGroup(event.patientId(), e.triggeredBy(), now.plus(config.initialDelay())) > 0;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * No email. The escalation's chain stops, and it is no longer open: the daily digests it was still owed to leave it
     * out (its first emails, sent or still PENDING, are left as they are).
     */
    private void acknowledged(EscalationEvent event, Instant now) {
        EscalationEvent.Escalation e = event.escalation();
        chain.stopped(event, EscalationChainRepository.State.ACKNOWLEDGED, now);
        List<UUID> cancelled = deliveries.cancelOwedToDigest(e.id(), now);
        publish(cancelled);
        if (!cancelled.isEmpty()) {
            Log.infof("Escalation %s (patient %s) acknowledged: %d digest lines cancelled", e.id(), event.patientId(), cancelled.size());
        }
    }

    private void withdrawn(EscalationEvent event, Instant now) {
        EscalationEvent.Escalation e = event.escalation();
        withdrawals.markWithdrawn(e.id(), now);
        List<UUID> cancelled = deliveries.cancelPending(e.id(), now);
        publish(cancelled);
        chain.stopped(event, EscalationChainRepository.State.WITHDRAWN, now);
        Log.infof("Escalation %s (patient %s) withdrawn: %d pending deliveries cancelled", e.id(), event.patientId(), cancelled.size());
    }

    private void publish(Collection<UUID> deliveryIds) {
        states.publish(deliveries.newStateVersions(deliveryIds));
    }

    private void afterCommit(Runnable action) {
        AfterCommit.run(transactions, action);
    }
}
