package crampwatch.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code crampwatch.wording.*}: how the emails word what they say (docs/notifications.md, "What the emails say"). */
@ConfigMapping(prefix = "crampwatch.wording")
public interface WordingConfig {

    /**
     * The patient's URGENT email says "seek emergency care now" only when the episode started within this
     * window before the email is sent; for an older episode it says that it needed emergency care at the time.
     */
    @WithDefault("24h")
    Duration urgentNowWindow();
}
