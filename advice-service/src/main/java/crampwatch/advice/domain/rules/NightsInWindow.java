package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.common.time.Nights;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A SEE_DOCTOR rule that fires when episodes of one kind ({@link #counts}) fall on {@code nights} or more
 * distinct nights within any {@code window} consecutive nights. Nights are patient-local (see
 * {@link Nights}). Only an episode of that kind can fire it; it looks at the windows that contain the new
 * episode's night, and gathers the evidence of all of them, so the evidence an escalation collects is the
 * same whatever order the episodes arrive in.
 */
public abstract class NightsInWindow {
    private final int nights;
    private final int window;
    private final int shiftHours;

    protected NightsInWindow(int nights, int window, int shiftHours) {
        this.nights = nights;
        this.window = window;
        this.shiftHours = shiftHours;
    }

    public abstract RuleId id();

    /** Whether this episode is of the kind the rule counts. */
    public abstract boolean counts(Episode episode);

    /** The reason sentence: {@code distinct} nights (first and last given) reached the limit. */
    protected abstract String reason(int distinct, LocalDate first, LocalDate last, int nights, int window);

    /**
     * How far before and after the new episode's start the history must be read: the window in nights,
     * plus a day for offsets and time zones that move an episode to a neighbouring night.
     */
    public Duration lookaround() {
        return Duration.ofDays(window + 1L);
    }

    /**
     * @param trigger the new episode
     * @param history live episodes within {@link #lookaround()} of the trigger (of any kind; the trigger may be among them)
     */
    public Optional<Finding> evaluate(Episode trigger, List<Episode> history, ZoneId zone) {
        if (!counts(trigger)) {
            return Optional.empty();
        }
        Predicate<Episode> counted = this::counts;
        LocalDate night = night(trigger, zone);
        List<Episode> kind = new ArrayList<>(history.stream().filter(counted).filter(e -> !e.id().equals(trigger.id())).toList());
        kind.add(trigger);
        String reason = null;
        Set<Episode> evidence = new HashSet<>();
        for (LocalDate start = night.minusDays(window - 1L); !start.isAfter(night); start = start.plusDays(1)) {
            LocalDate from = start;
            LocalDate to = start.plusDays(window - 1L);
            List<Episode> inWindow = kind.stream()
                    .filter(e -> !night(e, zone).isBefore(from) && !night(e, zone).isAfter(to))
                    .sorted(Comparator.comparing((Episode e) -> e.startedAt().toInstant()).thenComparing(Episode::id))
                    .toList();
            TreeSet<LocalDate> distinct = new TreeSet<>();
            inWindow.forEach(e -> distinct.add(night(e, zone)));
            if (distinct.size() >= nights) {
                evidence.addAll(inWindow);
                if (reason == null) {
                    reason = reason(distinct.size(), distinct.first(), distinct.last(), nights, window);
                }
            }
        }
        if (reason == null) {
            return Optional.empty();
        }
        List<UUID> ids = evidence.stream()
                .sorted(Comparator.comparing((Episode e) -> e.startedAt().toInstant()).thenComparing(Episode::id))
                .map(Episode::id).toList();
        return Optional.of(new Finding(id(), ids, reason, null, null));
    }

    private LocalDate night(Episode e, ZoneId zone) {
        return Nights.night(e.startedAt(), zone, shiftHours);
    }
}
