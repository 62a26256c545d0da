package crampwatch.notification.mail;

import crampwatch.notification.config.LinksConfig;
import crampwatch.common.config.RulesConfig;
import crampwatch.notification.config.WordingConfig;
import crampwatch.notification.domain.Audience;
import crampwatch.notification.domain.Level;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders an alert from the Qute templates in {@code templates/email/}: one per audience and level,
 * each as plain text and HTML. Subjects start with the level ("Urgent: …", "See a doctor: …"); a
 * clinician's subject carries the patient id and nothing else (no rule, no symptom).
 *
 * <p>The patient's URGENT text is graded by recency: "now" only when the episode started within
 * {@code crampwatch.wording.urgent-now-window} before {@code now} (the moment the mail is sent). The episode's
 * start comes from the event's optional {@code episodeStartedAt}; without it the escalation's {@code raisedAt}
 * stands in. Numbers come from {@code crampwatch.rules.*} (see {@link Thresholds}).
 */
@ApplicationScoped
public class EmailComposer {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    @Inject
    Engine engine;

    @Inject
    LinksConfig links;

    @Inject
    RulesConfig rules;

    @Inject
    WordingConfig wording;

    private Thresholds fixedThresholds;
    private Duration fixedWindow;

    public EmailComposer() {
    }

    /** A composer outside CDI (plain unit tests): the given engine, links, thresholds and urgent-now window. */
    public static EmailComposer of(Engine engine, LinksConfig links, Thresholds thresholds, Duration urgentNowWindow) {
        EmailComposer c = new EmailComposer();
        c.engine = engine;
        c.links = links;
        c.fixedThresholds = thresholds;
        c.fixedWindow = urgentNowWindow;
        return c;
    }

    /** One escalation an email reports: its level, rule, reason and when its (latest) episode started, if known. */
    public record Alert(Level level, String rule, String reason, OffsetDateTime episodeStartedAt) {
    }

    /**
     * The email for one recipient about one escalation. {@code episodeStartedAt} may be null (older producers, older
     * rows): then {@code raisedAt} stands in for it. {@code now} is when the mail goes out.
     */
    public RenderedEmail compose(Audience audience, Level level, String patientId, String rule, String reason, Instant raisedAt,
                                 OffsetDateTime episodeStartedAt, Instant now) {
        return compose(audience, patientId, List.of(new Alert(level, rule, reason, episodeStartedAt)), raisedAt, now);
    }

    /**
     * One email for one recipient about every escalation one episode raised (domain.md, "One message per episode"):
     * worded at the highest level among them, the first of that level leading, and listing each reason. The recency
     * of an URGENT text goes by the leading escalation's episode.
     */
    public RenderedEmail compose(Audience audience, String patientId, List<Alert> alerts, Instant raisedAt, Instant now) {
        return compose(audience, patientId, alerts, raisedAt, now, 0);
    }

    /**
     * As above; {@code step} 1.. makes it a step of the escalation chain: the same alert and link, said to be a reminder
     * that nobody has acknowledged it yet (docs/notifications.md, "The escalation chain"). Steps go to clinicians and
     * on-call addresses only, always about one URGENT escalation.
     */
    public RenderedEmail compose(Audience audience, String patientId, List<Alert> alerts, Instant raisedAt, Instant now, int step) {
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("an email reports at least one escalation");
        }
        List<Alert> ordered = new ArrayList<>(alerts);
        ordered.sort(Comparator.comparing(Alert::level).reversed()); // stable: the first of the highest level leads
        Alert lead = ordered.get(0);
        Level level = lead.level();
        Thresholds t = thresholds();
        Duration window = window();
        OffsetDateTime started = lead.episodeStartedAt() != null ? lead.episodeStartedAt() : raisedAt.atOffset(ZoneOffset.UTC);
        boolean recent = started.toInstant().isAfter(now.minus(window));
        String episodeStarted = lead.episodeStartedAt() == null
                ? "not given (the alert was raised on " + DAY_YEAR.format(started) + ")"
                : DAY_YEAR.format(started) + ", " + TIME.format(started) + " (" + offset(started.getOffset()) + ")";
        String name = "email/" + audience.name().toLowerCase(Locale.ROOT) + "-"
                + level.name().toLowerCase(Locale.ROOT).replace('_', '-');
        List<EmailModel.Also> also = new ArrayList<>();
        for (Alert a : ordered.subList(1, ordered.size())) {
            also.add(new EmailModel.Also(a.rule(), RuleLabels.of(a.rule(), t), a.level().name(), a.reason(),
                    RuleLabels.noticed(a.rule(), t, day(a.episodeStartedAt() != null ? a.episodeStartedAt() : started, now))));
        }
        boolean clot = ordered.stream().anyMatch(a -> "LEG_CHANGES".equals(a.rule()));
        EmailModel model = new EmailModel(patientId, level.name(), lead.rule(), RuleLabels.of(lead.rule(), t), lead.reason(),
                raisedWords(raisedAt), link(audience, patientId), RuleLabels.noticed(lead.rule(), t, day(started, now)),
                episodeStarted, recent, inWords(window), clot, t.longCramp(), also, step);
        String subject = step > 0 && audience == Audience.CLINICIAN ? stepSubject(level, patientId, step)
                : subject(audience, level, patientId, clot, recent);
        return new RenderedEmail(subject, render(name + ".txt", model), render(name + ".html", model));
    }

    /**
     * A clinician's daily digest for {@code day}: every escalation in {@code items} (oldest first) with its patient, rule,
     * reason, when it was raised and a link. The subject names the day and the count only, no patient or rule.
     */
    public RenderedEmail composeDigest(LocalDate day, List<crampwatch.notification.domain.DigestItem> items) {
        Thresholds t = thresholds();
        List<DigestModel.Item> rows = items.stream()
                .map(i -> new DigestModel.Item(i.patientId(), i.rule(), RuleLabels.of(i.rule(), t), i.reason(),
                        raisedWords(i.raisedAt()), link(Audience.CLINICIAN, i.patientId())))
                .toList();
        DigestModel model = new DigestModel(DAY_YEAR.format(day), rows.size(), rows);
        String subject = "See a doctor: daily digest for " + DAY_YEAR.format(day) + ", " + rows.size()
                + (rows.size() == 1 ? " open escalation" : " open escalations") + " (CrampWatch)";
        return new RenderedEmail(subject, renderDigest("email/clinician-digest.txt", model),
                renderDigest("email/clinician-digest.html", model));
    }

    private String renderDigest(String template, DigestModel model) {
        Template tpl = engine.getTemplate(template);
        if (tpl == null) {
            throw new IllegalStateException("missing email template " + template);
        }
        return tpl.data("m", model).render();
    }

    /**
     * Subjects start with the level. The patient's says what to do, never the symptom; a clinician's names
     * the patient id only: previews and mail logs show subjects, so they carry no health data.
     */
    static String subject(Audience audience, Level level, String patientId, boolean clotWarning, boolean recent) {
        String prefix = level == Level.URGENT ? "Urgent: " : "See a doctor: ";
        if (audience == Audience.PATIENT) {
            String what;
            if (level == Level.URGENT) {
                what = recent ? "please get emergency care now" : "please read this today";
            } else {
                what = clotWarning ? "please get checked today" : "please book an appointment";
            }
            return prefix + what + " (CrampWatch)";
        }
        return prefix + "patient " + patientId + " (CrampWatch)";
    }

    /** A chain step's subject: the level first, that it is still unacknowledged and which reminder, the patient id. */
    static String stepSubject(Level level, String patientId, int step) {
        String prefix = level == Level.URGENT ? "Urgent" : "See a doctor";
        return prefix + ", not yet acknowledged (reminder " + step + "): patient " + patientId + " (CrampWatch)";
    }

    private Thresholds thresholds() {
        return fixedThresholds != null ? fixedThresholds : Thresholds.of(rules);
    }

    private Duration window() {
        return fixedWindow != null ? fixedWindow : wording.urgentNowWindow();
    }

    /** The local date the episode started, in words. */
    private static String day(OffsetDateTime started, Instant now) {
        return day(started.toLocalDate(), now);
    }

    /** "20 November", with the year when it is not this year's. */
    private static String day(LocalDate date, Instant now) {
        return date.getYear() == now.atOffset(ZoneOffset.UTC).getYear() ? DAY.format(date) : DAY_YEAR.format(date);
    }

    private static String raisedWords(Instant raisedAt) {
        OffsetDateTime at = raisedAt.atOffset(ZoneOffset.UTC);
        return DAY_YEAR.format(at) + ", " + TIME.format(at) + " UTC";
    }

    private static String offset(ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + offset.getId();
    }

    /** PT24H → "24 hours", PT90M → "90 minutes", P2D → "48 hours". */
    static String inWords(Duration d) {
        if (d.toMinutes() % 60 == 0) {
            long h = d.toHours();
            return h == 1 ? "1 hour" : h + " hours";
        }
        long m = d.toMinutes();
        return m == 1 ? "1 minute" : m + " minutes";
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
