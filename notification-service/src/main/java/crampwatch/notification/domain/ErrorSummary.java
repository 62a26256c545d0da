package crampwatch.notification.domain;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failure as logs may show it: the root exception's class plus its SQLSTATE or SMTP reply code —
 * never its message, which can quote an email address (a relay's "550 &lt;bob@…&gt; unknown") or a
 * value from the database. The full message goes only where clinicians look (a delivery's last error).
 */
public final class ErrorSummary {
    private static final Pattern SMTP_CODE = Pattern.compile("\\b([245]\\d\\d)\\b");

    private ErrorSummary() {
    }

    public static String of(Throwable failure) {
        Throwable root = failure;
        String sqlState = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                sqlState = sql.getSQLState();
            }
        }
        String name = root.getClass().getSimpleName();
        if (sqlState != null) {
            return name + " [SQLSTATE " + sqlState + "]";
        }
        if (name.contains("SMTP") && root.getMessage() != null) {
            Matcher m = SMTP_CODE.matcher(root.getMessage());
            if (m.find()) {
                return name + " [reply " + m.group(1) + "]";
            }
        }
        return name;
    }
}
