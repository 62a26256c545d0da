package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.Episode;
import crampwatch.advice.domain.Nights;
import crampwatch.advice.domain.RuleId;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * SEE_DOCTOR: cramps that woke the patient on {@code nights} (3) or more distinct nights within any
 * {@code window} (7) consecutive nights. Nights are patient-local (see {@link Nights}). Only a
 * woken episode can fire it; it looks at the windows that contain the new episode's night.
 */
public final class FrequentSleepDisruption {
    private final int nights;
    private final int window;
    private final int shiftHours;

    public FrequentSleepDisruption(int nights, int window, int shiftHours) {
        this.nights = nights;
        this.window = window;
        this.shiftHours = shiftHours;
    }

    public RuleId id() {
        return RuleId.FREQUENT_SLEEP_DISRUPTION;
    }

    /**
     * How far before and after the new episode's start the history must be read: the window in nights,
     * plus a day for offsets and time zones that move an episode to a neighbouring night.
     */
    public Duration lookaround() {
        return Duration.ofDays(window + 1L);
    }

    /**
     * @param trigger the new episode
     * @param history live episodes within {@link #lookaround()} of the trigger (woken or not; the trigger may be among them)
     */
    public Optional<Finding> evaluate(Episode trigger, List<Episode> history, ZoneId zone) {
        if (!trigger.wokeFromSleep()) {
            return Optional.empty();
        }
        LocalDate night = night(trigger, zone);
        List<Episode> woken = new java.util.ArrayList<>(history.stream()
                .filter(Episode::wokeFromSleep).filter(e -> !e.id().equals(trigger.id())).toList());
        woken.add(trigger);
        // Every window of `window` nights that contains the new cramp's night and holds enough woken nights: the
        // reason names the first, the evidence is every woken cramp of all of them. Gathering all of them (not just
        // the first) makes the evidence an escalation collects the same whatever order the cramps arrive in.
        String reason = null;
        java.util.Set<Episode> evidence = new java.util.HashSet<>();
        for (LocalDate start = night.minusDays(window - 1L); !start.isAfter(night); start = start.plusDays(1)) {
            LocalDate from = start;
            LocalDate to = start.plusDays(window - 1L);
            List<Episode> inWindow = woken.stream()
                    .filter(e -> !night(e, zone).isBefore(from) && !night(e, zone).isAfter(to))
                    .sorted(Comparator.comparing((Episode e) -> e.startedAt().toInstant()).thenComparing(Episode::id))
                    .toList();
            TreeSet<LocalDate> distinct = new TreeSet<>();
            inWindow.forEach(e -> distinct.add(night(e, zone)));
            if (distinct.size() >= nights) {
                evidence.addAll(inWindow);
                if (reason == null) {
                    reason = "Cramps woke the patient on " + distinct.size() + " different nights from the night of "
                            + distinct.first() + " to the night of " + distinct.last() + ", reaching the limit of "
                            + nights + " nights in any " + window + ".";
                }
            }
        }
        if (reason != null) {
            List<UUID> ids = evidence.stream()
                    .sorted(Comparator.comparing((Episode e) -> e.startedAt().toInstant()).thenComparing(Episode::id))
                    .map(Episode::id).toList();
            return Optional.of(new Finding(id(), ids, reason, null, null));
        }
        return Optional.empty();
    }

    private LocalDate night(Episode e, ZoneId zone) {
        return Nights.night(e.startedAt(), zone, shiftHours);
    }
}
