package crampwatch.notification.mail;

import crampwatch.notification.config.LinksConfig;
import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The real email templates ({@code templates/email/} on the classpath) rendered by a Qute engine built the
 * way Quarkus builds it (HTML escaped by content type, standalone lines removed, strict rendering), without
 * booting Quarkus: the content checks run in milliseconds. EmailExamplesTest renders the same templates
 * through Quarkus's own engine.
 */
final class StandaloneEmails {

    static final LinksConfig DEFAULT_LINKS = new LinksConfig() {
        @Override
        public String dashboardBaseUrl() {
            return "http://localhost:8080/clinic";
        }

        @Override
        public String patientPortalBaseUrl() {
            return "http://localhost:8080/portal";
        }
    };

    private static final Engine ENGINE = Engine.builder().addDefaults().addValueResolver(new ReflectionValueResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML))).strictRendering(true).removeStandaloneLines(true)
            .addLocator(StandaloneEmails::locate).build();

    private StandaloneEmails() {
    }

    static EmailComposer composer(Thresholds thresholds, Duration urgentNowWindow) {
        return EmailComposer.of(ENGINE, DEFAULT_LINKS, thresholds, urgentNowWindow);
    }

    private static Optional<TemplateLocator.TemplateLocation> locate(String id) {
        String path = "templates/" + id;
        if (StandaloneEmails.class.getClassLoader().getResource(path) == null) {
            return Optional.empty();
        }
        String type = id.endsWith(".html") ? Variant.TEXT_HTML : Variant.TEXT_PLAIN;
        return Optional.of(new TemplateLocator.TemplateLocation() {
            @Override
            public Reader read() {
                InputStream in = StandaloneEmails.class.getClassLoader().getResourceAsStream(path);
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(new Variant(Locale.ENGLISH, type, "UTF-8"));
            }
        });
    }
}
