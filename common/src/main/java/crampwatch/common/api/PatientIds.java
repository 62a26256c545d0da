package crampwatch.common.api;

/** What a patient id may look like in a path: the event schemas use the same pattern. */
public final class PatientIds {
    public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";
    public static final String MESSAGE = "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";
    public static final java.util.regex.Pattern REGEX = java.util.regex.Pattern.compile(PATTERN);

    private PatientIds() {
    }
}
