package crampwatch.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code crampwatch.digest.*}: the clinicians' daily SEE_DOCTOR digest (docs/notifications.md, "Daily digest") and the
 * clinic's time zone.
 */
@ConfigMapping(prefix = "crampwatch.digest")
public interface DigestConfig {

    /** The local hour (0–23, in {@link #timeZone()}) at which each day's digests are built and sent. */
    @WithDefault("8")
    int hour();

    /**
     * The clinic's time zone (an IANA id such as Europe/London): the digest's hour and date are read in it, and a
     * patient's quiet hours too while no time zone is known for that patient.
     */
    @WithDefault("Europe/London")
    String timeZone();

    /** How often the digest worker looks for digests to build and send ("off" disables it, e.g. in tests). */
    @WithDefault("1m")
    String pollInterval();
}
