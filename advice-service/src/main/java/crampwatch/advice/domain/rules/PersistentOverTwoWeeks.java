package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.common.time.Nights;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SEE_DOCTOR: cramps that have not let up for more than two weeks. A run is a maximal sequence of
 * episodes, ordered by reported start, with no gap of {@code runGapDays} (14) days or more between
 * consecutive ones; the rule fires when the run containing the new episode spans strictly more than
 * {@code persistentDays} (14) days from its first start to a later start. Days are 24-hour periods
 * between reported instants.
 *
 * <p>Bounded history: the rule needs only the episodes within {@link #lookaround()} (persistentDays +
 * runGapDays) of the new one. If the run around the new episode, as far as that window shows it, spans
 * more than {@code persistentDays}, the whole run does too; if it does not, every episode of that run
 * lies within {@code persistentDays} of the new one and the next episode on either side is at least
 * {@code runGapDays} further, so it is inside the window too and would have been seen.
 */
public final class PersistentOverTwoWeeks {
    private final Duration span;
    private final Duration gap;

    public PersistentOverTwoWeeks(int persistentDays, int runGapDays) {
        this.span = Duration.ofDays(persistentDays);
        this.gap = Duration.ofDays(runGapDays);
    }

    public RuleId id() {
        return RuleId.PERSISTENT_OVER_TWO_WEEKS;
    }

    /** How far before and after the new episode's start the history must be read. */
    public Duration lookaround() {
        return span.plus(gap);
    }

    /**
     * @param trigger the new episode
     * @param window  the live episodes within {@link #lookaround()} of the trigger (the trigger may be among them)
     */
    public Optional<Finding> evaluate(Episode trigger, List<Episode> window, ZoneId zone) {
        List<Episode> run = runAround(trigger, window);
        Episode first = run.get(0);
        Episode last = run.get(run.size() - 1);
        Duration runSpan = Duration.between(first.startedAt().toInstant(), last.startedAt().toInstant());
        if (runSpan.compareTo(span) <= 0) {
            return Optional.empty();
        }
        Instant mark = first.startedAt().toInstant().plus(span);
        Episode crossing = run.stream().filter(e -> e.startedAt().toInstant().isAfter(mark)).findFirst().orElse(last);
        long days = runSpan.toDays();
        String howLong = runSpan.equals(Duration.ofDays(days)) ? Reasons.days(days) : "more than " + Reasons.days(days);
        String reason = "Cramps have kept coming for " + howLong + ", from "
                + Nights.localDate(first.startedAt(), zone) + " to " + Nights.localDate(last.startedAt(), zone)
                + ", without a cramp-free break of " + Reasons.days(gap.toDays()) + ", and after "
                + Reasons.days(span.toDays()) + " a doctor should take a look.";
        List<UUID> evidence = new ArrayList<>(List.of(first.id()));
        if (!crossing.id().equals(first.id())) {
            evidence.add(crossing.id());
        }
        return Optional.of(new Finding(id(), evidence, reason, first.startedAt().toInstant(), last.startedAt().toInstant()));
    }

    /** The run (as far as {@code window} shows it) that contains {@code trigger}, ordered by start. */
    List<Episode> runAround(Episode trigger, List<Episode> window) {
        List<Episode> sorted = new ArrayList<>(window.stream().filter(e -> !e.id().equals(trigger.id())).toList());
        sorted.add(trigger);
        sorted.sort(Comparator.comparing((Episode e) -> e.startedAt().toInstant()).thenComparing(Episode::id));
        int at = sorted.indexOf(trigger);
        int from = at;
        while (from > 0 && closeEnough(sorted.get(from - 1), sorted.get(from))) {
            from--;
        }
        int to = at;
        while (to < sorted.size() - 1 && closeEnough(sorted.get(to), sorted.get(to + 1))) {
            to++;
        }
        return sorted.subList(from, to + 1);
    }

    private boolean closeEnough(Episode earlier, Episode later) {
        return Duration.between(earlier.startedAt().toInstant(), later.startedAt().toInstant()).compareTo(gap) < 0;
    }
}
