package crampwatch.common.security;

/** The roles a CrampWatch token carries in its {@code groups} claim. */
public final class Roles {
    public static final String PATIENT = "patient";
    public static final String CLINICIAN = "clinician";
    /** A system acting for the clinic (a patient-portal backend): manages its own webhook subscriptions, nothing else. */
    public static final String INTEGRATION = "integration";

    private Roles() {
    }
}
