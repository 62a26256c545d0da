package crampwatch.notification.domain;

import crampwatch.notification.service.ContactService;

import crampwatch.common.tx.AfterCommit;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.Optional;
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
public class DeliveryResend {

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
    Deliveries deliveries;

    @Inject
    ContactService contacts;

    @Inject
    DeliveryMetrics metrics;

    @Inject
    DeliveryStates states;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    crampwatch.notification.mail.DeliverySender sender;

    Clock clock = Clock.systemUTC();

    public Result resend(UUID escalationId) {
        List<Deliveries.EscalationDelivery> rows = deliveries.ofEscalation(escalationId);
        if (rows.isEmpty()) {
            return new Result.Unknown();
        }
        Deliveries.EscalationDelivery first = rows.get(0);
        String patientId = first.patientId();
        if (rows.stream().noneMatch(r -> r.status() == DeliveryStatus.FAILED)) {
            return new Result.Nothing(patientId, "No delivery of this escalation is FAILED; there is nothing to resend.");
        }
        if (deliveries.isWithdrawn(escalationId)) {
            return new Result.Nothing(patientId, "This escalation was withdrawn; its FAILED deliveries are not resent.");
        }
        Instant now = clock.instant();
        Map<String, Deliveries.EscalationDelivery> byAddress = new HashMap<>();
        for (Deliveries.EscalationDelivery r : rows) {
            if (r.recipient() != null) {
                byAddress.put(r.recipient().toLowerCase(Locale.ROOT), r);
            }
        }
        Optional<ContactSet> current = contacts.find(patientId);
        List<Recipient> wanted = current.map(c -> Routing.recipients(first.level(), c.patient(), c.clinicians())).orElse(List.of());
        List<UUID> requeued = new ArrayList<>();
        int failedAgain = 0;
        for (Recipient recipient : wanted) {
            Deliveries.EscalationDelivery existing = byAddress.get(recipient.email().toLowerCase(Locale.ROOT));
            if (existing == null) {
                UUID id = deliveries.insertReturningId(new NewDelivery(escalationId, first.eventId(), patientId, recipient.email(),
                        recipient.audience(), first.level(), first.rule(), first.reason(), first.raisedAt(), first.episodeStartedAt(), DeliveryStatus.PENDING,
                        now, null), now);
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
        states.publish(requeued);
        int resentCount = failedAgain;
        AfterCommit.run(transactions, () -> {
            metrics.resent(resentCount);
            sender.wakeUp();
        });
        Log.infof("Escalation %s (patient %s): resend put %d deliveries back to PENDING (%d FAILED retried)", escalationId,
                patientId, requeued.size(), failedAgain);
        return new Result.Requeued(patientId, deliveries.byIds(requeued));
    }
}
