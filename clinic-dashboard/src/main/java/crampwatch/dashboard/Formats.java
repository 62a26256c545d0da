package crampwatch.dashboard;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write times: {@code {t.human}} for an instant (UTC), {@code {t.local}} for a time as it was reported. */
@TemplateExtension
public class Formats {
    static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    static String human(Instant t) {
        return t == null ? "" : AT.format(t.atOffset(ZoneOffset.UTC)) + " UTC";
    }

    /** The patient's own clock, with its offset: "22 Nov 2026 13:00 +10:00". */
    static String local(OffsetDateTime t) {
        return t == null ? "" : AT.format(t) + " " + (t.getOffset() == ZoneOffset.UTC ? "+00:00" : t.getOffset().getId());
    }
}
