package crampwatch.advice.service;

import crampwatch.advice.domain.Times;
import crampwatch.advice.domain.escalation.Level;
import crampwatch.advice.messaging.EscalationPublisher;
import crampwatch.advice.persistence.AdviceLevelEntity;
import crampwatch.advice.persistence.AdviceLevelRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Announces {@code AdviceChanged} when a transaction that raised, withdrew or acknowledged escalations moved the patient's
 * advice level (the level {@code GET /patients/{id}/advice} shows: the highest escalation that counts, or SELF_CARE).
 * The patient's {@code advice_level} row is locked before the level is worked out, so concurrent changes of one patient
 * are announced one after the other, each with the previous one's level as its {@code previousLevel}.
 */
@ApplicationScoped
public class AdviceLevels {

    @Inject
    AdviceLevelRepository levels;

    @Inject
    AdviceService advice;

    @Inject
    EscalationPublisher publisher;

    /** Call at the end of a transaction that may have changed the patient's escalations. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settle(String patientId) {
        EscalationPublisher.Changes changes = publisher.changesInThisTransaction();
        if (changes.isEmpty()) {
            return;
        }
        Instant now = Times.now();
        AdviceLevelEntity stored = levels.lock(patientId, now);
        Level previous = Level.valueOf(stored.level);
        Level level = advice.level(patientId, now);
        if (level == previous) {
            return;
        }
        stored.level = level.name();
        stored.changedAt = now;
        publisher.adviceChanged(patientId, level, previous, changes);
        Log.infof("Advice level of patient %s changed", patientId);
    }
}
