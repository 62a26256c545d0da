package crampwatch.episode.persistence;

import crampwatch.episode.domain.Episode;
import crampwatch.episode.domain.EpisodeSummary;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code episode} table, in the caller's transaction. Returns domain values, never entities or API records. */
@ApplicationScoped
public class EpisodeRepository implements PanacheRepositoryBase<EpisodeEntity, UUID> {

    /**
     * Schedules the episodes' inserts in this transaction's session; they go to PostgreSQL at the flush before the commit,
     * as JDBC batches of {@code quarkus.hibernate-orm.jdbc.statement-batch-size}.
     */
    public void add(List<Episode> episodes) {
        for (Episode e : episodes) {
            persist(EpisodeEntity.of(e));
        }
    }

    public Optional<Episode> findForPatient(String patientId, UUID id) {
        return find("id = ?1 and patientId = ?2", id, patientId).firstResultOptional().map(EpisodeEntity::toEpisode);
    }

    /** Deletes the patient's episode; false if the patient has no episode with this id. */
    public boolean deleteForPatient(String patientId, UUID id) {
        return delete("id = ?1 and patientId = ?2", id, patientId) == 1;
    }

    /**
     * Newest first, at most {@code limit}: started in {@code [from, to)} (either may be null) and, for the next page,
     * before the keyset {@code (afterStart, afterId)} (both null on the first page). The row-value comparison keeps the
     * query on the index {@code episode_patient_started}.
     */
    public List<Episode> page(String patientId, Instant from, Instant to, Instant afterStart, UUID afterId, int limit) {
        StringBuilder query = new StringBuilder("patientId = :patient");
        Parameters params = Parameters.with("patient", patientId);
        if (from != null) {
            query.append(" and startedAt >= :from");
            params.and("from", from);
        }
        if (to != null) {
            query.append(" and startedAt < :to");
            params.and("to", to);
        }
        if (afterStart != null) {
            query.append(" and (startedAt, id) < (:afterStart, :afterId)");
            params.and("afterStart", afterStart).and("afterId", afterId);
        }
        return find(query.toString(), Sort.descending("startedAt", "id"), params).range(0, limit - 1).list().stream()
                .map(EpisodeEntity::toEpisode).toList();
    }

    /** The episodes that started in {@code [from, to]}, reduced to what the summary counts. */
    public List<EpisodeSummary.Row> summaryRows(String patientId, Instant from, Instant to) {
        return find("patientId = ?1 and startedAt >= ?2 and startedAt <= ?3", patientId, from, to)
                .project(EpisodeSummary.Row.class).list();
    }
}
