package crampwatch.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code crampwatch.links.*}: where the links in emails point. */
@ConfigMapping(prefix = "crampwatch.links")
public interface LinksConfig {

    /** The clinic dashboard; clinician emails link to its work list of open escalations. */
    @WithDefault("http://localhost:8080/clinic")
    String dashboardBaseUrl();

    /** The patient portal; patient emails link to the patient's advice page. */
    @WithDefault("http://localhost:8080/portal")
    String patientPortalBaseUrl();
}
