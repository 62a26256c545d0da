package crampwatch.advice.config;

import crampwatch.advice.domain.rules.RuleBook;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The rule book the service evaluates with, built once from {@link RulesConfig}. */
public class RuleBookProducer {

    @Produces
    @Singleton
    RuleBook ruleBook(RulesConfig config) {
        return new RuleBook(config.thresholds());
    }
}
