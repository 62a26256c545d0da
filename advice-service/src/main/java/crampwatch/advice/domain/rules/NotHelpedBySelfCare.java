package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.episode.Relief;
import crampwatch.advice.domain.escalation.RuleId;
import java.time.LocalDate;

/**
 * SEE_DOCTOR: cramps that nothing eased ({@code relievedBy} contains {@code NOTHING}) on {@code nights} (3) or
 * more distinct nights within any {@code window} (14) consecutive nights — severe or persistent cramps that
 * home treatment does not help (seeds 000, 001, 003). See {@link NightsInWindow}.
 */
public final class NotHelpedBySelfCare extends NightsInWindow {

    public NotHelpedBySelfCare(int nights, int window, int shiftHours) {
        super(nights, window, shiftHours);
    }

    @Override
    public RuleId id() {
        return RuleId.NOT_HELPED_BY_SELF_CARE;
    }

    @Override
    public boolean counts(Episode episode) {
        return episode.relievedBy().contains(Relief.NOTHING);
    }

    @Override
    protected String reason(int distinct, LocalDate first, LocalDate last, int nights, int window) {
        return "Nothing eased the cramps on " + distinct + " different nights from the night of " + first
                + " to the night of " + last + ", reaching the limit of " + nights + " nights in any " + window + ".";
    }
}
