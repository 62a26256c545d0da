package crampwatch.episode.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The last {@code days} days of a patient's cramps. A night is {@link Nights#nightOf}: the local date of
 * (start − 12 h) in the offset the episode was reported with, so 23:30 and 03:00 fall on the same night.
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

    /** What the summary needs of one episode. */
    public record Row(Instant startedAt, int startedOffsetSeconds, int durationSeconds, int painScore, boolean wokeFromSleep,
                      String site) {
    }

    /** Counts {@code rows}, the patient's episodes that started in {@code [from, to]}. */
    public static EpisodeSummary of(String patientId, int days, Instant from, Instant to, List<Row> rows) {
        Set<LocalDate> nights = new HashSet<>();
        Set<LocalDate> wokenNights = new HashSet<>();
        Integer longest = null;
        Integer highest = null;
        Map<String, Integer> bySite = new TreeMap<>();
        for (Row r : rows) {
            LocalDate night = crampwatch.common.time.Nights.night(r.startedAt(), r.startedOffsetSeconds());
            nights.add(night);
            if (r.wokeFromSleep()) {
                wokenNights.add(night);
            }
            longest = longest == null ? r.durationSeconds() : Math.max(longest, r.durationSeconds());
            highest = highest == null ? r.painScore() : Math.max(highest, r.painScore());
            bySite.merge(r.site(), 1, Integer::sum);
        }
        return new EpisodeSummary(patientId, days, from, to, rows.size(), nights.size(), wokenNights.size(), longest, highest,
                bySite);
    }
}
