package crampwatch.common.security;

/** The roles a CrampWatch token carries in its {@code groups} claim. */
public final class Roles {
    public static final String PATIENT = "patient";
    public static final String CLINICIAN = "clinician";

    private Roles() {
    }
}
