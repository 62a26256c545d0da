package crampwatch.advice.config;

import crampwatch.advice.domain.rules.RuleBook;
import crampwatch.advice.domain.rules.RuleThresholds;
import crampwatch.common.config.RulesConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The rule book the service evaluates with, built once from {@link RulesConfig} and checked at start-up. */
public class RuleBookProducer {

    @Produces
    @Singleton
    RuleBook ruleBook(RulesConfig config) {
        return new RuleBook(thresholds(config));
    }

    static RuleThresholds thresholds(RulesConfig c) {
        return new RuleThresholds(c.longCrampSeconds(), c.persistentDays(), c.runGapDays(), c.debilitatingPain(),
                c.significantPain(), c.sleepDisruptionNights(), c.sleepWindowNights(), c.nightShiftHours(), c.notHelpedNights(),
                c.notHelpedWindowNights(), c.newMedicineDays());
    }

    /** Builds the rule book at start-up, so impossible thresholds stop the service with the setting's name. */
    void check(@Observes StartupEvent event, RuleBook rules) {
        Log.infof("Escalation rules in force: %s", rules.thresholds());
    }
}
