package crampwatch.notification.config;

import crampwatch.notification.mail.Thresholds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code crampwatch.rules.*}: the numbers the escalation rules use, read here only to put them in words
 * ("more than 10 minutes", "7 to 9 out of 10"). The same keys and defaults as advice-service's
 * RulesConfig (docs/rules.md): a clinic that changes a threshold sets it for both services, e.g.
 * {@code CRAMPWATCH_RULES_LONG_CRAMP_SECONDS=900} in the environment of each.
 */
@ConfigMapping(prefix = "crampwatch.rules")
public interface RulesConfig {

    /** LONG_CRAMP fires for a cramp lasting strictly more than this many seconds. */
    @WithDefault("600")
    int longCrampSeconds();

    /** PERSISTENT_OVER_TWO_WEEKS fires when a run spans strictly more than this many days. */
    @WithDefault("14")
    int persistentDays();

    /** A cramp-free gap of this many days or more ends a run. */
    @WithDefault("14")
    int runGapDays();

    /** DEBILITATING_PAIN fires at this pain score (0-10) or above. */
    @WithDefault("10")
    int debilitatingPain();

    /** SIGNIFICANT_PAIN fires from this pain score up to just below debilitating-pain. */
    @WithDefault("7")
    int significantPain();

    /** FREQUENT_SLEEP_DISRUPTION fires at this many distinct woken nights ... */
    @WithDefault("3")
    int sleepDisruptionNights();

    /** ... within any this many consecutive nights. */
    @WithDefault("7")
    int sleepWindowNights();

    /** Not used for wording; mapped so that a setting shared with advice-service is a known key here too. */
    @WithDefault("12")
    int nightShiftHours();

    default Thresholds thresholds() {
        return new Thresholds(longCrampSeconds(), persistentDays(), runGapDays(), debilitatingPain(), significantPain(),
                sleepDisruptionNights(), sleepWindowNights());
    }
}
