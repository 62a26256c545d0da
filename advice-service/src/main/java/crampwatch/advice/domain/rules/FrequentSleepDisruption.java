package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.LocalDate;

/**
 * SEE_DOCTOR: cramps that woke the patient on {@code nights} (3) or more distinct nights within any
 * {@code window} (7) consecutive nights (see {@link NightsInWindow}).
 */
public final class FrequentSleepDisruption extends NightsInWindow {

    public FrequentSleepDisruption(int nights, int window, int shiftHours) {
        super(nights, window, shiftHours);
    }

    @Override
    public RuleId id() {
        return RuleId.FREQUENT_SLEEP_DISRUPTION;
    }

    @Override
    public boolean counts(Episode episode) {
        return episode.wokeFromSleep();
    }

    @Override
    protected String reason(int distinct, LocalDate first, LocalDate last, int nights, int window) {
        return "Cramps woke the patient on " + distinct + " different nights from the night of " + first
                + " to the night of " + last + ", reaching the limit of " + nights + " nights in any " + window + ".";
    }
}
