package crampwatch.common.logging;

/**
 * What goes into a log line from outside (a path, a header, an id a client sent): printable ASCII only,
 * everything else escaped, and cut short, so input can never start a new line or fake a field.
 */
public final class Logs {

    static final int MAX = 200;

    private Logs() {
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
