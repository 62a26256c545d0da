package crampwatch.notification.service;

import crampwatch.common.tx.AfterCommit;
import crampwatch.notification.domain.ContactSet;
import crampwatch.notification.domain.DeliveryRecord;
import crampwatch.notification.domain.DeliveryStatus;
import crampwatch.notification.domain.EscalationDelivery;
import crampwatch.notification.domain.NewDelivery;
import crampwatch.notification.domain.Recipient;
import crampwatch.notification.domain.Routing;
import crampwatch.notification.messaging.DeliveryStatePublisher;
import crampwatch.notification.persistence.ContactRepository;
import crampwatch.notification.persistence.DeliveryRepository;
import crampwatch.notification.persistence.WithdrawnEscalationRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A clinician's resend of an escalation whose mail failed (wrong address, relay refused), after the
 * contacts were fixed. The recipients are resolved again from the patient's current contacts: a FAILED
 * delivery to an address still wanted goes back to PENDING with its attempts reset; a wanted address
 * with no delivery yet gets a new PENDING one; a FAILED delivery to an address no longer listed stays
 * FAILED (history). Deliveries SENT, PENDING or SENDING are left alone, so nobody is mailed twice.
 */
@ApplicationScoped
@Transactional
public class DeliveryResendService {

    /** What a resend did: the patient (for the audit) and the deliveries now PENDING because of it. */
    public sealed interface Result {
        record Unknown() implements Result {
        }

        /** Nothing to do; {@code why} says so in a sentence. */
        record Nothing(String patientId, String why) implements Result {
        }

        /** {@code deliveries} as they stand at the commit (PENDING), before the sender takes them. */
        record Requeued(String patientId, List<DeliveryRecord> deliveries) implements Result {
        }
    }

    @Inject
    DeliveryRepository deliveries;

    @Inject
    WithdrawnEscalationRepository withdrawals;

    @Inject
    ContactRepository contacts;

    @Inject
    DeliveryMetrics metrics;

    @Inject
    DeliveryStatePublisher states;

    @Inject
    Event<DeliveriesDue> due;

    @Inject
    TransactionSynchronizationRegistry transactions;

    Clock clock = Clock.systemUTC();

    public Result resend(UUID escalationId) {
        List<EscalationDelivery> rows = deliveries.ofEscalation(escalationId);
        if (rows.isEmpty()) {
            return new Result.Unknown();
        }
        EscalationDelivery first = rows.get(0);
        String patientId = first.patientId();
        if (rows.stream().noneMatch(r -> r.status() == DeliveryStatus.FAILED)) {
            return new Result.Nothing(patientId, "No delivery of this escalation is FAILED; there is nothing to resend.");
        }
        if (withdrawals.isWithdrawn(escalationId)) {
            return new Result.Nothing(patientId, "This escalation was withdrawn; its FAILED deliveries are not resent.");
        }
        Instant now = clock.instant();
        Map<String, EscalationDelivery> byAddress = new HashMap<>();
        for (EscalationDelivery r : rows) {
            if (r.recipient() != null) {
                byAddress.put(r.recipient().toLowerCase(Locale.ROOT), r);
            }
        }
        List<Recipient> wanted = contacts.contactsOf(patientId)
                .map((ContactSet c) -> Routing.recipients(first.level(), c.patient(), c.clinicians())).orElse(List.of());
        List<UUID> requeued = new ArrayList<>();
        int failedAgain = 0;
        for (Recipient recipient : wanted) {
            EscalationDelivery existing = byAddress.get(recipient.email().toLowerCase(Locale.ROOT));
            if (existing == null) {
                UUID id = deliveries.insert(new NewDelivery(escalationId, first.eventId(), patientId, recipient.email(),
                        recipient.audience(), first.level(), first.rule(), first.reason(), first.raisedAt(), first.episodeStartedAt(),
                        DeliveryStatus.PENDING, now, null), now);
                if (id != null) {
                    requeued.add(id);
                }
            } else if (existing.status() == DeliveryStatus.FAILED && deliveries.requeueFailed(existing.id(), recipient.audience(), now)) {
                requeued.add(existing.id());
                failedAgain++;
            }
        }
        if (requeued.isEmpty()) {
            return new Result.Nothing(patientId, "No FAILED delivery of this escalation goes to a current contact, and every "
                    + "current contact already has a delivery; fix the contacts first.");
        }
        states.publish(deliveries.newStateVersions(requeued));
        int resentCount = failedAgain;
        AfterCommit.run(transactions, () -> {
            metrics.resent(resentCount);
            due.fire(new DeliveriesDue());
        });
        Log.infof("Escalation %s (patient %s): resend put %d deliveries back to PENDING (%d FAILED retried)", escalationId,
                patientId, requeued.size(), failedAgain);
        return new Result.Requeued(patientId, deliveries.byIds(requeued));
    }
}
