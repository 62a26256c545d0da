package crampwatch.episode.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A stored episode as the API and the EpisodeLogged event show it. */
public record EpisodeView(
        UUID id,
        String patientId,
        OffsetDateTime startedAt,
        int durationSeconds,
        String site,
        String side,
        int painScore,
        boolean wokeFromSleep,
        List<String> relievedBy,
        List<String> symptoms,
        List<String> exposures,
        String notes,
        Instant recordedAt) {
}
