package crampwatch.episode.domain;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a patient reports: the body of {@code POST /patients/{patientId}/episodes}, bound only after the raw body
 * passed the one input contract ({@code EpisodeContract}: the schema's {@code $defs/newEpisode} and the time
 * window), and the command the service stores. The lists may be left out (none).
 */
public record NewEpisode(
        OffsetDateTime startedAt,
        Integer durationSeconds,
        Site site,
        Side side,
        Integer painScore,
        Boolean wokeFromSleep,
        List<Relief> relievedBy,
        List<Symptom> symptoms,
        List<Exposure> exposures,
        String notes) {
}
