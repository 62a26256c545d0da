package crampwatch.common.logging;

/**
 * What goes into a log line from outside (a path, a header, an id a client sent): printable ASCII only,
 * everything else escaped, and cut short, so input can never start a new line or fake a field.
 */
public final class Logs {

    static final int MAX = 200;

    private Logs() {
    }

    /**
     * A failure in a few words for a log line: the root cause's class and SQLState, never its message. A
     * database's message can carry the failing row ("Failing row contains (…)", a batch's SQL with its
     * values), and so a patient's notes.
     */
    public static String failure(Throwable e) {
        Throwable root = e;
        String sqlState = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                sqlState = sql.getSQLState();
            }
        }
        return root.getClass().getSimpleName() + (sqlState == null ? "" : " (SQLState " + sqlState + ")");
    }

    /**
     * The root cause's class and message, for what is shown to an operator or clinician where the message is the
     * point (a relay's broker error, a delivery's {@code last_error}), never for a failure that may carry a row's values.
     */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().strip();
        return t.getClass().getSimpleName() + message;
    }

    /**
     * The same chain of exceptions with the same stack traces, but every message replaced by the class name and
     * SQLState: for {@code Log.errorf(Logs.redacted(e), …)} where a stack trace helps and a message could leak.
     */
    public static Throwable redacted(Throwable e) {
        if (e == null) {
            return null;
        }
        Throwable cause = e.getCause() == e ? null : e.getCause();
        String state = e instanceof java.sql.SQLException sql && sql.getSQLState() != null ? " (SQLState " + sql.getSQLState() + ")" : "";
        Redacted copy = new Redacted(e.getClass().getName() + state, redacted(cause));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** An exception whose message is only the original's class name. */
    static final class Redacted extends RuntimeException {
        Redacted(String what, Throwable cause) {
            super(what, cause, false, false);
        }

        @Override
        public String toString() {
            return "[redacted] " + getMessage();
        }
    }

    public static String safe(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX) + 8);
        for (int i = 0; i < value.length() && out.length() < MAX; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        if (out.length() >= MAX) {
            out.append("…(").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
