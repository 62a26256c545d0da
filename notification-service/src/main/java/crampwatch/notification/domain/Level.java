package crampwatch.notification.domain;

/** Escalation levels that cause email, lowest first. */
public enum Level {
    SEE_DOCTOR,
    URGENT;

    /** Whether an escalation at this level is one a contact with {@code minLevel} wants to hear about. */
    public boolean reaches(Level minLevel) {
        return compareTo(minLevel) >= 0;
    }
}
