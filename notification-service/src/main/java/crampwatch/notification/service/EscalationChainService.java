package crampwatch.notification.service;

import crampwatch.common.tx.AfterCommit;
import crampwatch.notification.config.DeliveryConfig;
import crampwatch.notification.config.EscalationChainConfig;
import crampwatch.notification.domain.ChainSchedule;
import crampwatch.notification.domain.ChainStep;
import crampwatch.notification.domain.Contact;
import crampwatch.notification.domain.ContactSet;
import crampwatch.notification.domain.DeliveryStatus;
import crampwatch.notification.domain.Level;
import crampwatch.notification.domain.NewDelivery;
import crampwatch.notification.domain.Recipient;
import crampwatch.notification.domain.Routing;
import crampwatch.notification.messaging.DeliveryStatePublisher;
import crampwatch.notification.domain.EscalationEvent;
import crampwatch.notification.persistence.ContactRepository;
import crampwatch.notification.persistence.DeliveryRepository;
import crampwatch.notification.persistence.EscalationChainRepository;
import crampwatch.notification.persistence.EscalationChainRepository.State;
import crampwatch.notification.persistence.OnCallContactRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The escalation chain (docs/notifications.md, "The escalation chain"): an URGENT escalation nobody acknowledges is sent
 * again, as numbered steps, to the patient's clinicians and the clinic's on-call addresses.
 * <ul>
 * <li>{@link #raised} and {@link #stopped} run inside the transaction that consumes the escalation event: a chain starts
 * with its EscalationRaised and stops with its EscalationAcknowledged or EscalationWithdrawn (then its PENDING step
 * deliveries are CANCELLED), committed with the processed-event mark or not at all.</li>
 * <li>{@link #writeDueSteps} is one transaction of the chain worker: it locks due chains ({@code SKIP LOCKED}), writes each
 * one's step as delivery rows (step N; the unique index on escalation, step and recipient keeps them single) and moves
 * the chain on. The rows are then sent like any delivery (claims, leases, retries). An instance that dies before the
 * commit wrote nothing and held only row locks, which its end releases: another instance writes the step.</li>
 * </ul>
 */
@ApplicationScoped
public class EscalationChainService {

    @Inject
    EscalationChainRepository chains;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    ContactRepository contacts;

    @Inject
    OnCallContactRepository onCall;

    @Inject
    DeliveryStatePublisher states;

    @Inject
    DeliveryMetrics metrics;

    @Inject
    EscalationChainConfig config;

    @Inject
    DeliveryConfig deliveryConfig;

    @Inject
    Event<DeliveriesDue> due;

    @Inject
    TransactionSynchronizationRegistry transactions;

    Clock clock = Clock.systemUTC();

    ChainSchedule schedule() {
        return new ChainSchedule(config.firstStep(), config.multiplier(), config.maxInterval(), config.maxSteps());
    }

    /** An URGENT escalation was raised (and not withdrawn first): its chain starts, step 1 due after first-step. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void raised(EscalationEvent event, Instant now) {
        EscalationEvent.Escalation e = event.escalation();
        if (e.level() != Level.URGENT || !config.enabled() || config.maxSteps() < 1) {
            return;
        }
        boolean started = chains.start(e.id(), event.eventId(), event.patientId(), e.rule(), e.reason(), e.raisedAt().toInstant(),
                e.episodeStartedAt(), now.plus(schedule().waitBefore(1)), now);
        if (started) {
            Log.infof("Escalation %s (patient %s): escalation chain started, step 1 due in %s", e.id(), event.patientId(),
                    config.firstStep());
        }
    }

    /**
     * The escalation was acknowledged or withdrawn: its chain stops, and its chain steps still PENDING are CANCELLED
     * (published). A step already SENDING goes out. The escalation's first email is left as it is (a withdrawal cancels
     * it separately). Returns the cancelled deliveries.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> stopped(EscalationEvent event, State state, Instant now) {
        EscalationEvent.Escalation e = event.escalation();
        String by = state == State.ACKNOWLEDGED ? e.acknowledgedBy() : null;
        boolean wasActive = e.level() == Level.URGENT
                ? chains.stop(e.id(), event.eventId(), event.patientId(), e.rule(), e.reason(), e.raisedAt().toInstant(), state, by, now)
                : false;
        List<UUID> cancelled = deliveries.cancelPendingSteps(e.id(), now);
        states.publish(deliveries.newStateVersions(cancelled));
        if (wasActive || !cancelled.isEmpty()) {
            Log.infof("Escalation %s (patient %s) %s: escalation chain stopped, %d pending steps cancelled", e.id(),
                    event.patientId(), state.name().toLowerCase(java.util.Locale.ROOT), cancelled.size());
        }
        return cancelled;
    }

    /**
     * One transaction of the chain worker: writes the steps due now of at most batch-size chains. Returns how many
     * chains were handled.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int writeDueSteps() {
        Instant now = clock.instant();
        List<ChainStep> dueSteps = chains.claimDue(now, config.batchSize());
        if (dueSteps.isEmpty()) {
            return 0;
        }
        ChainSchedule schedule = schedule();
        Instant notBefore = now.plus(deliveryConfig.initialDelay()); // like every new delivery
        List<String> onCallAddresses = onCall.addresses();
        List<UUID> written = new ArrayList<>();
        boolean anyPending = false;
        for (ChainStep step : dueSteps) {
            List<Contact> clinicians = contacts.contactsOf(step.patientId()).map(ContactSet::clinicians).orElse(List.of());
            List<Recipient> recipients = Routing.chainRecipients(clinicians, onCallAddresses);
            List<UUID> ids = new ArrayList<>();
            if (recipients.isEmpty()) {
                UUID id = deliveries.insert(delivery(step, null, DeliveryStatus.NO_RECIPIENT, now), now);
                if (id != null) {
                    ids.add(id);
                    afterCommit(metrics::noRecipient);
                }
                Log.warnf("Escalation %s (patient %s): chain step %d has no recipient (no clinician listed, no on-call address)",
                        step.escalationId(), step.patientId(), step.step());
            } else {
                for (Recipient r : recipients) {
                    UUID id = deliveries.insert(delivery(step, r, DeliveryStatus.PENDING, notBefore), now);
                    if (id != null) {
                        ids.add(id);
                        anyPending = true;
                    }
                }
            }
            written.addAll(ids);
            boolean last = schedule.isLast(step.step());
            chains.advance(step.escalationId(), step.step(), last ? null : now.plus(schedule.waitBefore(step.step() + 1)), now);
            Log.infof("Escalation %s (patient %s): chain step %d written, %d deliveries%s", step.escalationId(), step.patientId(),
                    step.step(), ids.size(), last ? "; that was the last step" : "");
        }
        states.publish(deliveries.newStateVersions(written));
        if (anyPending && deliveryConfig.initialDelay().isZero()) {
            afterCommit(() -> due.fire(new DeliveriesDue()));
        }
        return dueSteps.size();
    }

    private static NewDelivery delivery(ChainStep step, Recipient to, DeliveryStatus status, Instant notBefore) {
        return new NewDelivery(step.escalationId(), step.eventId(), step.patientId(), to == null ? null : to.email(),
                to == null ? null : to.audience(), Level.URGENT, step.rule(), step.reason(), step.raisedAt(),
                step.episodeStartedAt(), status, notBefore, null, step.step(), null); // URGENT: never held by quiet hours
    }

    private void afterCommit(Runnable action) {
        AfterCommit.run(transactions, action);
    }
}
