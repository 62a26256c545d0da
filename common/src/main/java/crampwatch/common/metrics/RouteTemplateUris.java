package crampwatch.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code uri} label of HTTP metrics is a route template ({@code /patients/{patientId}/episodes}), never a
 * raw path: a request that matched no route (a 404, a 405, a request refused before routing) would otherwise
 * put the path it was sent to, patient ids included, into Prometheus, and give an attacker a label per request.
 * Kept: templates (they have a {@code {variable}}), Micrometer's own values ({@code NOT_FOUND}, {@code UNKNOWN}, …)
 * and the few fixed paths below; anything else becomes {@code UNMATCHED}.
 */
@Singleton
public class RouteTemplateUris {

    static final String UNMATCHED = "UNMATCHED";
    static final Set<String> FIXED = Set.of("/", "root", "/escalations", "/notifications", "/q/health", "/q/health/live",
            "/q/health/ready", "/q/health/started", "/q/metrics", "/q/openapi", "/q/swagger-ui", "/q/swagger-ui/");
    static final Pattern OWN_VALUES = Pattern.compile("[A-Z_]+");

    @Produces
    @Singleton
    public MeterFilter onlyTemplates() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("http.server")) {
                    return id;
                }
                String uri = id.getTag("uri");
                if (uri == null || keep(uri)) {
                    return id;
                }
                List<Tag> tags = id.getTags().stream().map(t -> t.getKey().equals("uri") ? Tag.of("uri", UNMATCHED) : t).toList();
                return id.replaceTags(tags);
            }
        };
    }

    static boolean keep(String uri) {
        return uri.contains("{") || FIXED.contains(uri) || OWN_VALUES.matcher(uri).matches();
    }
}
