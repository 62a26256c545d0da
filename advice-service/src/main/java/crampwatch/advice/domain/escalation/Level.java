package crampwatch.advice.domain.escalation;

/** How soon a patient should get help, from lowest to highest. */
public enum Level {
    SELF_CARE, SEE_DOCTOR, URGENT;

    /** Higher is more urgent (used to sort the clinic's work list). */
    public int rank() {
        return ordinal();
    }

    public static Level ofRank(int rank) {
        return values()[rank];
    }
}
