package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** All rules, built from one set of thresholds. Plain Java: the service wires it with the configured numbers. */
public final class RuleBook {
    private final RuleThresholds thresholds;
    private final List<EpisodeRule> episodeRules;
    private final PersistentOverTwoWeeks persistent;
    private final FrequentSleepDisruption sleep;
    private final NotHelpedBySelfCare notHelped;
    private final NewMedicine newMedicine;

    public RuleBook(RuleThresholds t) {
        this.thresholds = t;
        this.episodeRules = List.of(new LongCramp(t.longCrampSeconds()), new DebilitatingPain(t.debilitatingPain()),
                new ToxicExposure(), new ContaminatedWound(), new SignificantPain(t.significantPain(), t.debilitatingPain()),
                new LegChanges(), new OtherMuscles());
        this.persistent = new PersistentOverTwoWeeks(t.persistentDays(), t.runGapDays());
        this.sleep = new FrequentSleepDisruption(t.sleepDisruptionNights(), t.sleepWindowNights(), t.nightShiftHours());
        this.newMedicine = new NewMedicine(t.newMedicineDays(), t.nightShiftHours());
        this.notHelped = new NotHelpedBySelfCare(t.notHelpedNights(), t.notHelpedWindowNights(), t.nightShiftHours());
    }

    public RuleThresholds thresholds() {
        return thresholds;
    }

    /** Findings of the rules that look at one episode alone, in the order of the domain table. */
    public List<Finding> episodeFindings(Episode episode, ZoneId zone) {
        return episodeRules.stream().map(r -> r.evaluate(episode, zone)).flatMap(Optional::stream).toList();
    }

    public PersistentOverTwoWeeks persistent() {
        return persistent;
    }

    public FrequentSleepDisruption sleepDisruption() {
        return sleep;
    }

    public NewMedicine newMedicine() {
        return newMedicine;
    }

    /** The rules that count nights of one kind within a window, in the order of the domain table. */
    public List<NightsInWindow> nightRules() {
        return List.of(sleep, notHelped);
    }
}
