package crampwatch.episode.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A stored episode: what the patient reported, its id and when it was recorded. This one record is the episode's
 * shape wherever it is shown, because the shape is one contract ({@code events/episode-event.schema.json}'s
 * {@code episode}): the API's response body and the EpisodeLogged event's {@code episode} are this record.
 * {@code startedAt} keeps the offset the patient reported it in.
 */
public record Episode(
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
