package crampwatch.episode.api;

import crampwatch.episode.domain.Exposure;
import crampwatch.episode.domain.Relief;
import crampwatch.episode.domain.Side;
import crampwatch.episode.domain.Site;
import crampwatch.episode.domain.Symptom;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/** The body of {@code POST /patients/{patientId}/episodes}. The lists may be left out (none). */
public record NewEpisode(
        @NotNull OffsetDateTime startedAt,
        @NotNull @Min(1) @Max(86400) Integer durationSeconds,
        @NotNull Site site,
        @NotNull Side side,
        @NotNull @Min(0) @Max(10) Integer painScore,
        @NotNull Boolean wokeFromSleep,
        @Size(max = 6) List<@NotNull Relief> relievedBy,
        @Size(max = 4) List<@NotNull Symptom> symptoms,
        @Size(max = 2) List<@NotNull Exposure> exposures,
        @Size(max = 2000) String notes) {
}
