package crampwatch.notification.persistence;

import crampwatch.notification.domain.ChainStep;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/**
 * The escalation chains ({@code escalation_chain}), in the caller's transaction. Native SQL for the statements that must
 * be safe with several instances: the inserts that yield to an existing row ({@code ON CONFLICT}) and the claim of due
 * chains ({@code FOR UPDATE SKIP LOCKED}: the row stays locked until the transaction that writes the step commits).
 */
@ApplicationScoped
public class EscalationChainRepository implements PanacheRepositoryBase<EscalationChainEntity, UUID> {

    public enum State { ACTIVE, ACKNOWLEDGED, WITHDRAWN, COMPLETED }

    /**
     * Starts the chain of a raised URGENT escalation: step 1 due at {@code firstStepAt}. An existing row (a redelivered
     * raise, or an acknowledgement or withdrawal that came first) stays as it is. True when a chain was started.
     */
    public boolean start(UUID escalationId, UUID eventId, String patientId, String rule, String reason, Instant raisedAt,
                         OffsetDateTime episodeStartedAt, Instant firstStepAt, Instant now) {
        return insert(escalationId, eventId, patientId, rule, reason, raisedAt, episodeStartedAt, State.ACTIVE, firstStepAt,
                null, null, now) == 1;
    }

    /**
     * Stops the chain ({@code state} ACKNOWLEDGED or WITHDRAWN) if it is still ACTIVE; when none exists yet (the event
     * came before the raise), writes it stopped, so a late EscalationRaised starts none. Waits for a step being written
     * for it right now (the row's lock) and acts after that step committed. True when an ACTIVE chain was stopped.
     */
    public boolean stop(UUID escalationId, UUID eventId, String patientId, String rule, String reason, Instant raisedAt,
                        State state, String by, Instant now) {
        int changed = nativeSql("""
                        UPDATE escalation_chain SET state = ?1, stopped_at = ?2, stopped_by = ?3, updated_at = ?2
                        WHERE escalation_id = ?4 AND state = 'ACTIVE'""")
                .setParameter(1, state.name()).setParameter(2, now).setParameter(3, by, String.class)
                .setParameter(4, escalationId).executeUpdate();
        if (changed == 1) {
            return true;
        }
        insert(escalationId, eventId, patientId, rule, reason, raisedAt, null, state, now, now, by, now);
        return false;
    }

    /**
     * Locks up to {@code limit} ACTIVE chains whose next step is due, skipping those another instance holds; the locks
     * last until the caller's transaction ends.
     */
    public List<ChainStep> claimDue(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = (List<Object[]>) (List<?>) nativeSql("""
                        SELECT escalation_id, event_id, patient_id, rule, reason, raised_at, episode_started_at,
                               episode_started_offset_secs, next_step
                        FROM escalation_chain WHERE state = 'ACTIVE' AND next_step_at <= ?1
                        ORDER BY next_step_at, escalation_id LIMIT ?2 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, now).setParameter(2, limit)
                .addScalar("escalation_id", UUID.class).addScalar("event_id", UUID.class).addScalar("patient_id", String.class)
                .addScalar("rule", String.class).addScalar("reason", String.class).addScalar("raised_at", Instant.class)
                .addScalar("episode_started_at", Instant.class).addScalar("episode_started_offset_secs", Integer.class)
                .addScalar("next_step", Integer.class)
                .getResultList();
        List<ChainStep> out = new ArrayList<>(found.size());
        for (Object[] r : found) {
            out.add(new ChainStep((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4], (Instant) r[5],
                    DeliveryEntity.episodeStart((Instant) r[6], (Integer) r[7]), (Integer) r[8]));
        }
        return out;
    }

    /** A claimed chain wrote {@code step}: the next one is due at {@code nextAt}, or, with {@code nextAt} null, it is COMPLETED. */
    public void advance(UUID escalationId, int step, Instant nextAt, Instant now) {
        if (nextAt == null) {
            nativeSql("""
                            UPDATE escalation_chain SET next_step = ?1, state = 'COMPLETED', stopped_at = ?2, updated_at = ?2
                            WHERE escalation_id = ?3 AND state = 'ACTIVE' AND next_step = ?4""")
                    .setParameter(1, step + 1).setParameter(2, now).setParameter(3, escalationId).setParameter(4, step)
                    .executeUpdate();
            return;
        }
        nativeSql("""
                        UPDATE escalation_chain SET next_step = ?1, next_step_at = ?2, updated_at = ?3
                        WHERE escalation_id = ?4 AND state = 'ACTIVE' AND next_step = ?5""")
                .setParameter(1, step + 1).setParameter(2, nextAt).setParameter(3, now).setParameter(4, escalationId)
                .setParameter(5, step).executeUpdate();
    }

    private int insert(UUID escalationId, UUID eventId, String patientId, String rule, String reason, Instant raisedAt,
                       OffsetDateTime episodeStartedAt, State state, Instant nextStepAt, Instant stoppedAt, String stoppedBy,
                       Instant now) {
        return nativeSql("""
                        INSERT INTO escalation_chain (escalation_id, event_id, patient_id, rule, reason, raised_at, episode_started_at,
                                                      episode_started_offset_secs, state, next_step, next_step_at, stopped_at,
                                                      stopped_by, created_at, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?11, ?12, ?13, ?13)
                        ON CONFLICT (escalation_id) DO NOTHING""")
                .setParameter(1, escalationId).setParameter(2, eventId).setParameter(3, patientId).setParameter(4, rule)
                .setParameter(5, reason).setParameter(6, raisedAt)
                .setParameter(7, episodeStartedAt == null ? null : episodeStartedAt.toInstant(), Instant.class)
                .setParameter(8, episodeStartedAt == null ? null : episodeStartedAt.getOffset().getTotalSeconds(), Integer.class)
                .setParameter(9, state.name()).setParameter(10, nextStepAt).setParameter(11, stoppedAt, Instant.class)
                .setParameter(12, stoppedBy, String.class).setParameter(13, now)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private NativeQuery<Object> nativeSql(String sql) {
        return getEntityManager().createNativeQuery(sql).unwrap(NativeQuery.class);
    }
}
