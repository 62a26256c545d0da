package crampwatch.episode.api;

import java.time.Instant;
import java.util.Map;

/**
 * The last {@code days} days of a patient's cramps. A night is the local date of (start − 12 h) in the
 * offset the episode was reported with, so 23:30 and 03:00 fall on the same night.
 */
public record EpisodeSummary(
        String patientId,
        int days,
        Instant from,
        Instant to,
        int episodes,
        int nightsWithCramps,
        int nightsWoken,
        Integer longestDurationSeconds,
        Integer highestPainScore,
        Map<String, Integer> bySite) {
}
