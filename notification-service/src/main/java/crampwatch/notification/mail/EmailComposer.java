package crampwatch.notification.mail;

import crampwatch.notification.config.LinksConfig;
import crampwatch.notification.domain.Audience;
import crampwatch.notification.domain.Level;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Renders an alert from the Qute templates in {@code templates/email/}: one per audience and level,
 * each as plain text and HTML. Subjects start with the level ("Urgent: …", "See a doctor: …").
 */
@ApplicationScoped
public class EmailComposer {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Inject
    Engine engine;

    @Inject
    LinksConfig links;

    public RenderedEmail compose(Audience audience, Level level, String patientId, String rule, String reason, Instant raisedAt) {
        String name = "email/" + audience.name().toLowerCase(Locale.ROOT) + "-"
                + level.name().toLowerCase(Locale.ROOT).replace('_', '-');
        EmailModel model = new EmailModel(patientId, level.name(), rule, RuleLabels.of(rule), reason, WHEN.format(raisedAt),
                link(audience, patientId));
        return new RenderedEmail(subject(audience, level, patientId, rule), render(name + ".txt", model),
                render(name + ".html", model));
    }

    static String subject(Audience audience, Level level, String patientId, String rule) {
        String prefix = level == Level.URGENT ? "Urgent: " : "See a doctor: ";
        if (audience == Audience.PATIENT) {
            return prefix + (level == Level.URGENT ? "please get medical help now" : "please book an appointment")
                    + " (CrampWatch)";
        }
        return prefix + "patient " + patientId + ", " + RuleLabels.of(rule) + " (" + rule + ")";
    }

    private String link(Audience audience, String patientId) {
        if (audience == Audience.CLINICIAN) {
            return trimSlash(links.dashboardBaseUrl()) + "/escalations?status=OPEN&patientId="
                    + URLEncoder.encode(patientId, StandardCharsets.UTF_8);
        }
        return trimSlash(links.patientPortalBaseUrl()) + "/advice";
    }

    private String render(String template, EmailModel model) {
        Template t = engine.getTemplate(template);
        if (t == null) {
            throw new IllegalStateException("missing email template " + template);
        }
        return t.data("m", model).render();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
