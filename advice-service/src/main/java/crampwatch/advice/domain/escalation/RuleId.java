package crampwatch.advice.domain.escalation;

/** The escalation rules of the domain brief, each with the level it raises. */
public enum RuleId {
    LONG_CRAMP(Level.URGENT),
    PERSISTENT_OVER_TWO_WEEKS(Level.SEE_DOCTOR),
    DEBILITATING_PAIN(Level.URGENT),
    TOXIC_EXPOSURE(Level.URGENT),
    CONTAMINATED_WOUND(Level.URGENT),
    SIGNIFICANT_PAIN(Level.SEE_DOCTOR),
    LEG_CHANGES(Level.SEE_DOCTOR),
    OTHER_MUSCLES(Level.SEE_DOCTOR),
    FREQUENT_SLEEP_DISRUPTION(Level.SEE_DOCTOR),
    NOT_HELPED_BY_SELF_CARE(Level.SEE_DOCTOR),
    NEW_MEDICINE(Level.SEE_DOCTOR);

    private final Level level;

    RuleId(Level level) {
        this.level = level;
    }

    public Level level() {
        return level;
    }
}
