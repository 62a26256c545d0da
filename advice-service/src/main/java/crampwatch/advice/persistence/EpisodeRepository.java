package crampwatch.advice.persistence;

import crampwatch.advice.domain.episode.Episode;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.jpa.HibernateHints;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * advice-service's projection of episodes ({@code episode}) and the retractions it has seen ({@code retracted_episode}).
 * Every read is one patient's episodes in a bounded window of start times, through the index
 * {@code (patient_id, started_at)}, so its cost does not grow with the patient's history. The reads are read-only queries:
 * the rules only read the episodes, so the session keeps no snapshot of them and its flushes do not dirty-check them.
 */
@ApplicationScoped
public class EpisodeRepository implements PanacheRepositoryBase<EpisodeEntity, UUID> {

    /**
     * Stores the episode unless it is already stored or was retracted before it arrived; false then. One native statement
     * through the session ({@code INSERT … SELECT … WHERE NOT EXISTS (retraction) ON CONFLICT DO NOTHING}): one round trip
     * where the retraction check, a find by id and the entity's insert at the next flush took three (docs/performance.md,
     * section 10). One patient's events come from one partition, so one consumer at a time stores a patient's episodes;
     * were two ever to race, the primary key keeps the first and the second finds it stored.
     */
    public boolean insertUnlessKnown(String patientId, Episode e, String side, Instant recordedAt) {
        EpisodeEntity row = EpisodeEntity.of(patientId, e, side, recordedAt);
        return getEntityManager().createNativeQuery("""
                        INSERT INTO episode (id, patient_id, started_at, started_offset_secs, duration_seconds, site, side, pain_score,
                                             woke_from_sleep, relieved_by, symptoms, exposures, recorded_at)
                        SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, CAST(string_to_array(?10, ',') AS text[]),
                               CAST(string_to_array(?11, ',') AS text[]), CAST(string_to_array(?12, ',') AS text[]), ?13
                        WHERE NOT EXISTS (SELECT 1 FROM retracted_episode r WHERE r.episode_id = ?1)
                        ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, row.id).setParameter(2, row.patientId).setParameter(3, row.startedAt)
                .setParameter(4, row.startedOffsetSecs).setParameter(5, row.durationSeconds).setParameter(6, row.site)
                .setParameter(7, row.side).setParameter(8, row.painScore).setParameter(9, row.wokeFromSleep)
                .setParameter(10, String.join(",", row.relievedBy)).setParameter(11, String.join(",", row.symptoms))
                .setParameter(12, String.join(",", row.exposures)).setParameter(13, row.recordedAt).executeUpdate() == 1;
    }

    /** The patient's live episodes that started in {@code [from, to]}, oldest first. */
    public List<Episode> window(String patientId, Instant from, Instant to) {
        return find("patientId = ?1 and startedAt >= ?2 and startedAt <= ?3", Sort.by("startedAt", "id"), patientId, from, to)
                .withHint(HibernateHints.HINT_READ_ONLY, true).list().stream().map(EpisodeEntity::toEpisode).toList();
    }

    /** The patient's most recent live episodes (at most {@code limit}) that started after {@code since}. */
    public List<Episode> recent(String patientId, Instant since, int limit) {
        return find("patientId = ?1 and startedAt >= ?2", Sort.descending("startedAt").and("id"), patientId, since)
                .withHint(HibernateHints.HINT_READ_ONLY, true).range(0, limit - 1).list().stream().map(EpisodeEntity::toEpisode).toList();
    }

    /**
     * The reported start, with the offset it was reported in, of the latest of these live episodes of the patient;
     * empty when none of them is stored (retracted meanwhile).
     */
    public Optional<OffsetDateTime> latestStart(String patientId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return find("patientId = ?1 and id in ?2", Sort.descending("startedAt"), patientId, ids)
                .withHint(HibernateHints.HINT_READ_ONLY, true).firstResultOptional()
                .map(e -> e.startedAt.atOffset(ZoneOffset.ofTotalSeconds(e.startedOffsetSecs)));
    }

    public long countLive(String patientId) {
        return count("patientId", patientId);
    }

    /** Removes a retracted episode; false if it was not stored (yet). */
    public boolean deleteForPatient(String patientId, UUID id) {
        return delete("id = ?1 and patientId = ?2", id, patientId) == 1;
    }

    /** Remembers a retraction (so a late EpisodeLogged for it is ignored); false if already known. */
    public boolean rememberRetraction(String patientId, UUID id, Instant at) {
        return getEntityManager().createNativeQuery(
                        "INSERT INTO retracted_episode (episode_id, patient_id, retracted_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, id).setParameter(2, patientId).setParameter(3, at).executeUpdate() == 1;
    }

    public boolean isRetracted(UUID id) {
        return !getEntityManager().createNativeQuery("SELECT 1 FROM retracted_episode WHERE episode_id = ?1")
                .setParameter(1, id).setMaxResults(1).getResultList().isEmpty();
    }
}
