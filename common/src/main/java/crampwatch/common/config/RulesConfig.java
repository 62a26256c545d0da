package crampwatch.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code crampwatch.rules.*}: every number the escalation rules use, with the domain brief's
 * defaults. Override per property or by environment, e.g. {@code CRAMPWATCH_RULES_LONG_CRAMP_SECONDS=900}.
 * docs/rules.md explains each one. One definition for both services that read it: advice-service evaluates
 * the rules with these numbers, notification-service puts the same numbers in words, so a clinic that changes a
 * threshold sets it for both and the emails never disagree with the rule that fired.
 */
@ConfigMapping(prefix = "crampwatch.rules")
public interface RulesConfig {

    /** LONG_CRAMP (URGENT) fires for a cramp lasting strictly more than this many seconds. */
    @WithDefault("600")
    int longCrampSeconds();

    /** PERSISTENT_OVER_TWO_WEEKS (SEE_DOCTOR) fires when a run spans strictly more than this many days. */
    @WithDefault("14")
    int persistentDays();

    /** A cramp-free gap of this many days or more ends a run. */
    @WithDefault("14")
    int runGapDays();

    /** DEBILITATING_PAIN (URGENT) fires at this pain score (0-10) or above. */
    @WithDefault("10")
    int debilitatingPain();

    /** SIGNIFICANT_PAIN (SEE_DOCTOR) fires from this pain score up to just below debilitating-pain. */
    @WithDefault("7")
    int significantPain();

    /** FREQUENT_SLEEP_DISRUPTION (SEE_DOCTOR) fires at this many distinct woken nights ... */
    @WithDefault("3")
    int sleepDisruptionNights();

    /** ... within any this many consecutive nights. */
    @WithDefault("7")
    int sleepWindowNights();

    /** A night is the local date of (local start time minus this many hours): 12 puts 23:30 and 03:00 on one night. */
    @WithDefault("12")
    int nightShiftHours();

    /** NOT_HELPED_BY_SELF_CARE (SEE_DOCTOR) fires at this many distinct nights on which nothing eased the cramps ... */
    @WithDefault("3")
    int notHelpedNights();

    /** ... within any this many consecutive nights. */
    @WithDefault("14")
    int notHelpedWindowNights();

    /** NEW_MEDICINE (SEE_DOCTOR): cramps within this many nights after a medicine's start date and none this many nights before. */
    @WithDefault("30")
    int newMedicineDays();

}
