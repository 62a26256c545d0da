package crampwatch.advice.persistence;

import crampwatch.advice.domain.episode.Episode;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
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
 * {@code (patient_id, started_at)}, so its cost does not grow with the patient's history.
 */
@ApplicationScoped
public class EpisodeRepository implements PanacheRepositoryBase<EpisodeEntity, UUID> {

    /**
     * Stores the episode; false if one with this id is already stored. One patient's events come from one partition,
     * so one consumer at a time stores a patient's episodes; were two ever to race, the primary key refuses the second
     * and its event is retried, then finds the episode stored.
     */
    public boolean insert(String patientId, Episode e, String side, Instant recordedAt) {
        if (findById(e.id()) != null) {
            return false;
        }
        persist(EpisodeEntity.of(patientId, e, side, recordedAt));
        return true;
    }

    /** The patient's live episodes that started in {@code [from, to]}, oldest first. */
    public List<Episode> window(String patientId, Instant from, Instant to) {
        return find("patientId = ?1 and startedAt >= ?2 and startedAt <= ?3", Sort.by("startedAt", "id"), patientId, from, to).stream().map(EpisodeEntity::toEpisode).toList();
    }

    /** The patient's most recent live episodes (at most {@code limit}) that started after {@code since}. */
    public List<Episode> recent(String patientId, Instant since, int limit) {
        return find("patientId = ?1 and startedAt >= ?2", Sort.descending("startedAt").and("id"), patientId, since)
                .range(0, limit - 1).stream().map(EpisodeEntity::toEpisode).toList();
    }

    /**
     * The reported start, with the offset it was reported in, of the latest of these live episodes of the patient;
     * empty when none of them is stored (retracted meanwhile).
     */
    public Optional<OffsetDateTime> latestStart(String patientId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return find("patientId = ?1 and id in ?2", Sort.descending("startedAt"), patientId, ids).firstResultOptional()
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
