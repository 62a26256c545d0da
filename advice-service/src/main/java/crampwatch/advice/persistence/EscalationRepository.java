package crampwatch.advice.persistence;

import crampwatch.advice.domain.escalation.Escalation;
import crampwatch.advice.domain.escalation.EscalationStatus;
import crampwatch.advice.domain.escalation.RuleId;
import crampwatch.advice.domain.escalation.WorkList;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Escalations ({@code escalation}) and the runs PERSISTENT_OVER_TWO_WEEKS has raised for ({@code persistent_run}). */
@ApplicationScoped
public class EscalationRepository implements PanacheRepositoryBase<EscalationEntity, UUID> {

    public record Run(long id, Instant firstAt, Instant lastAt, UUID escalationId) {
    }

    /** Most urgent first, then oldest first: the work list's order (index {@code escalation_work_list}). */
    private static final Sort WORK_LIST = Sort.descending("levelRank").and("raisedAt").and("id");

    /**
     * Inserts the escalation. With {@code triggerEpisode} set (URGENT per-episode rules) an escalation for the same
     * patient, rule and episode already present wins and this returns false; so does an OPEN SEE_DOCTOR escalation of
     * the same patient and rule. Native SQL in the session: the partial unique indexes decide, whoever comes first
     * ({@code ON CONFLICT DO NOTHING}).
     */
    public boolean insert(Escalation e, UUID triggerEpisode) {
        return getEntityManager().createNativeQuery("""
                        INSERT INTO escalation (id, patient_id, rule, level, level_rank, status, reason, episode_ids, trigger_episode, raised_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(string_to_array(?8, ',') AS uuid[]), ?9, ?10) ON CONFLICT DO NOTHING""")
                .setParameter(1, e.id()).setParameter(2, e.patientId()).setParameter(3, e.rule().name())
                .setParameter(4, e.level().name()).setParameter(5, e.level().rank()).setParameter(6, e.status().name())
                .setParameter(7, e.reason()).setParameter(8, String.join(",", e.episodeIds().stream().map(UUID::toString).toList()))
                .setParameter(9, triggerEpisode).setParameter(10, e.raisedAt()).executeUpdate() == 1;
    }

    /** Whether the patient has had any escalation for the rule (open, acknowledged or withdrawn). */
    public boolean anyFor(String patientId, RuleId rule) {
        return count("patientId = ?1 and rule = ?2", patientId, rule.name()) > 0;
    }

    /** The patient's OPEN escalation for a rule, locked for this transaction. */
    public Optional<Escalation> findOpenForUpdate(String patientId, RuleId rule) {
        return find("patientId = ?1 and rule = ?2 and status = 'OPEN'", Sort.by("raisedAt", "id"), patientId, rule.name())
                .withLock(LockModeType.PESSIMISTIC_WRITE).range(0, 0).firstResultOptional().map(EscalationEntity::toEscalation);
    }

    public void setEvidence(UUID id, List<UUID> episodeIds) {
        findById(id).episodeIds = new ArrayList<>(episodeIds);
    }

    /**
     * OPEN escalations of the patient none of whose evidence is still a live episode, locked. Native SQL: the evidence
     * is a {@code uuid[]} searched through its GIN index ({@code @>}).
     */
    @SuppressWarnings("unchecked")
    public List<Escalation> openWithoutLiveEvidence(String patientId, UUID retractedEpisode) {
        List<EscalationEntity> found = getEntityManager().createNativeQuery("""
                        SELECT s.* FROM escalation s WHERE s.patient_id = ?1 AND s.status = 'OPEN' AND s.episode_ids @> ARRAY[CAST(?2 AS uuid)]
                          AND NOT EXISTS (SELECT 1 FROM episode e WHERE e.patient_id = s.patient_id AND e.id = ANY (s.episode_ids))
                        ORDER BY s.raised_at, s.id FOR UPDATE""", EscalationEntity.class)
                .setParameter(1, patientId).setParameter(2, retractedEpisode.toString()).getResultList();
        return found.stream().map(EscalationEntity::toEscalation).toList();
    }

    public Escalation withdraw(UUID id, Instant at) {
        EscalationEntity e = findById(id);
        e.status = EscalationStatus.WITHDRAWN.name();
        e.withdrawnAt = at;
        return e.toEscalation();
    }

    /** OPEN → ACKNOWLEDGED (the row locked first); false if the escalation was not OPEN any more. */
    public boolean acknowledge(UUID id, String by, String note, Instant at) {
        EscalationEntity e = findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (e == null || !EscalationStatus.OPEN.name().equals(e.status)) {
            return false;
        }
        e.status = EscalationStatus.ACKNOWLEDGED.name();
        e.acknowledgedAt = at;
        e.acknowledgedBy = by;
        e.acknowledgeNote = note;
        return true;
    }

    public Optional<Escalation> find(UUID id) {
        return findByIdOptional(id).map(EscalationEntity::toEscalation);
    }

    /**
     * The escalations that set a patient's advice level: every OPEN one, and every ACKNOWLEDGED one raised after
     * {@code acknowledgedRaisedAfter} (a clinician having seen it does not make it go away for the patient). Most
     * urgent first, then oldest first.
     */
    public List<Escalation> counting(String patientId, Instant acknowledgedRaisedAfter) {
        return find("patientId = ?1 and (status = 'OPEN' or (status = 'ACKNOWLEDGED' and raisedAt > ?2))", WORK_LIST, patientId,
                acknowledgedRaisedAfter).stream().map(EscalationEntity::toEscalation).toList();
    }

    /** The episodes cited as evidence by the patient's escalations of {@code rule} that were not withdrawn. */
    public Set<UUID> citedBy(String patientId, RuleId rule) {
        Set<UUID> out = new HashSet<>();
        find("patientId = ?1 and rule = ?2 and status <> 'WITHDRAWN'", patientId, rule.name()).stream()
                .forEach(e -> out.addAll(e.episodeIds));
        return out;
    }

    /** One page of the work list: most urgent first, then oldest first (keyset pagination). */
    public List<Escalation> list(WorkList.Filter filter, WorkList.After after, int limit) {
        StringBuilder query = new StringBuilder("from EscalationEntity s where 1 = 1");
        Parameters params = new Parameters();
        if (filter.status() != null) {
            query.append(" and s.status = :status");
            params.and("status", filter.status().name());
        }
        if (filter.level() != null) {
            query.append(" and s.level = :level");
            params.and("level", filter.level().name());
        }
        if (filter.patientId() != null) {
            query.append(" and s.patientId = :patient");
            params.and("patient", filter.patientId());
        }
        if (filter.deliveryState() != null) {
            // The same precedence as DeliverySummary.state(): FAILED, then PENDING, then SENT, else NONE.
            query.append(" and (case when exists (from DeliveryStateEntity d where d.escalationId = s.id and d.status = 'FAILED') then 'FAILED'"
                    + " when exists (from DeliveryStateEntity d where d.escalationId = s.id and d.status = 'PENDING') then 'PENDING'"
                    + " when exists (from DeliveryStateEntity d where d.escalationId = s.id and d.status = 'SENT') then 'SENT'"
                    + " else 'NONE' end) = :deliveryState");
            params.and("deliveryState", filter.deliveryState().name());
        }
        if (after != null) {
            query.append(" and (s.levelRank < :rank or (s.levelRank = :rank and (s.raisedAt, s.id) > (:raisedAt, :id)))");
            params.and("rank", after.levelRank()).and("raisedAt", after.raisedAt()).and("id", after.id());
        }
        query.append(" order by s.levelRank desc, s.raisedAt, s.id");
        return find(query.toString(), params).range(0, limit - 1).stream().map(EscalationEntity::toEscalation).toList();
    }

    /** Runs already raised for that are within {@code gap} of {@code [from, to]}: the same run. Locked. */
    public List<Run> runsNear(String patientId, Instant from, Instant to, Duration gap) {
        return getEntityManager().createQuery("from PersistentRunEntity where patientId = ?1 and lastAt > ?2 and firstAt < ?3 "
                        + "order by firstAt, id", PersistentRunEntity.class)
                .setParameter(1, patientId).setParameter(2, from.minus(gap)).setParameter(3, to.plus(gap))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream()
                .map(r -> new Run(r.id, r.firstAt, r.lastAt, r.escalationId)).toList();
    }

    public void saveRun(String patientId, Instant from, Instant to, UUID escalationId) {
        PersistentRunEntity run = new PersistentRunEntity();
        run.patientId = patientId;
        run.firstAt = from;
        run.lastAt = to;
        run.escalationId = escalationId;
        getEntityManager().persist(run);
    }

    public void widenRun(long runId, Instant from, Instant to) {
        PersistentRunEntity run = getEntityManager().find(PersistentRunEntity.class, runId);
        run.firstAt = run.firstAt.isBefore(from) ? run.firstAt : from;
        run.lastAt = run.lastAt.isAfter(to) ? run.lastAt : to;
    }
}
