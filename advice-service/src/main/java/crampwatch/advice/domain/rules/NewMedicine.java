package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.profile.Medicine;
import crampwatch.common.time.Nights;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * SEE_DOCTOR: cramps that began after a new medicine was started (seed 000). It fires for a medicine with a
 * start date D when the patient has an episode whose night falls in D+1 … D+{@code days} and none whose night
 * falls in D−{@code days} … D. Its evidence is every episode in the "after" nights of every medicine that
 * qualifies, so the result is the same whatever order the episodes and the profile arrive in. The reason never
 * names the medicine.
 */
public final class NewMedicine {
    private final int days;
    private final int shiftHours;

    public NewMedicine(int days, int shiftHours) {
        this.days = days;
        this.shiftHours = shiftHours;
    }

    public RuleId id() {
        return RuleId.NEW_MEDICINE;
    }

    /** The medicines the rule can look at: those with a start date. */
    public static List<Medicine> dated(List<Medicine> medicines) {
        return medicines.stream().filter(m -> m.startedOn() != null).toList();
    }

    /** The instants between which a history must be read for these medicines (a day's margin for zones), or empty. */
    public Optional<Instant[]> span(List<Medicine> medicines) {
        List<LocalDate> starts = dated(medicines).stream().map(Medicine::startedOn).sorted().toList();
        if (starts.isEmpty()) {
            return Optional.empty();
        }
        Duration margin = Duration.ofDays(2);
        return Optional.of(new Instant[] {
            starts.get(0).minusDays(days).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().minus(margin),
            starts.get(starts.size() - 1).plusDays(days + 1L).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plus(margin)});
    }

    /**
     * @param medicines the profile's medicines
     * @param history   the patient's live episodes, at least within {@link #span}
     */
    public Optional<Finding> evaluate(List<Medicine> medicines, List<Episode> history, ZoneId zone) {
        TreeSet<Episode> evidence = new TreeSet<>(Comparator.comparing((Episode e) -> e.startedAt().toInstant()).thenComparing(Episode::id));
        LocalDate firstNight = null;
        for (Medicine m : dated(medicines)) {
            LocalDate d = m.startedOn();
            boolean before = history.stream().anyMatch(e -> within(night(e, zone), d.minusDays(days), d));
            List<Episode> after = history.stream().filter(e -> within(night(e, zone), d.plusDays(1), d.plusDays(days))).toList();
            if (!before && !after.isEmpty()) {
                evidence.addAll(after);
            }
        }
        if (evidence.isEmpty()) {
            return Optional.empty();
        }
        firstNight = night(evidence.first(), zone);
        List<UUID> ids = evidence.stream().map(Episode::id).toList();
        String reason = "Cramps began within " + days + " days of starting a medicine listed in the profile, with none in the "
                + days + " days before it; the first was on the night of " + firstNight + ".";
        return Optional.of(new Finding(id(), ids, reason, null, null));
    }

    private static boolean within(LocalDate night, LocalDate from, LocalDate to) {
        return !night.isBefore(from) && !night.isAfter(to);
    }

    private LocalDate night(Episode e, ZoneId zone) {
        return Nights.night(e.startedAt(), zone, shiftHours);
    }
}
