package crampwatch.episode.api;

import crampwatch.episode.domain.Exposure;
import crampwatch.episode.domain.Relief;
import crampwatch.episode.domain.Side;
import crampwatch.episode.domain.Site;
import crampwatch.episode.domain.Symptom;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The body of {@code POST /patients/{patientId}/episodes}, bound only after the raw body passed the one
 * input contract ({@code EpisodeContract}: the schema's {@code $defs/newEpisode} and the time window).
 * The lists may be left out (none).
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
