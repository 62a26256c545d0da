package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.notification.domain.Audience;
import crampwatch.notification.domain.Level;
import crampwatch.notification.mail.EmailComposer;
import crampwatch.notification.mail.RenderedEmail;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Renders the examples of docs/notifications.md through Quarkus's own Qute engine and the real templates
 * (default configuration), writes them to {@code target/email-examples/}, and fails when the docs show
 * anything else: each fenced block that follows a {@code <!-- rendered: NAME -->} marker must equal the
 * rendering NAME. Run with {@code -Dcrampwatch.docs.update=true} to rewrite those blocks instead.
 * (EmailContentTest checks the wording rules for every rule, level and recency.)
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class EmailExamplesTest {

    static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    static final Instant RAISED = Instant.parse("2026-11-20T01:15:03Z");
    static final OffsetDateTime FRESH = OffsetDateTime.parse("2026-11-20T02:14:00+01:00");
    static final OffsetDateTime OLD = OffsetDateTime.parse("2026-11-17T23:40:00+01:00");
    static final String LONG = "A cramp on 2026-11-20 lasted 14 min 5 s, over the 10-minute limit.";
    static final String LONG_OLD = "A cramp on 2026-11-17 lasted 14 min 5 s, over the 10-minute limit.";
    static final String PERSISTENT = "Cramps have kept coming for more than 14 days, from 2026-11-03 to 2026-11-20, without a "
            + "cramp-free break of 14 days, and after 17 days a doctor should take a look.";
    static final String PAIN = "A cramp on 2026-11-20 was rated 8 out of 10 for pain, at or above the 7 that calls for a "
            + "doctor's visit.";
    static final String LEG = "A cramp on 2026-11-20 came with swelling and numbness in the leg.";
    static final Path DOCS = Path.of("..", "docs", "notifications.md");
    static final Pattern BLOCK = Pattern.compile("<!-- rendered: ([a-z0-9.-]+) -->\\n```(text|html)\\n(.*?)```", Pattern.DOTALL);

    @Inject
    EmailComposer composer;

    Map<String, String> examples() {
        Map<String, String> out = new LinkedHashMap<>();
        txt(out, "patient-urgent-recent", composer.compose(Audience.PATIENT, Level.URGENT, "p-123", "LONG_CRAMP", LONG, RAISED, FRESH, NOW));
        txt(out, "patient-urgent-older", composer.compose(Audience.PATIENT, Level.URGENT, "p-123", "LONG_CRAMP", LONG_OLD,
                Instant.parse("2026-11-20T08:55:00Z"), OLD, NOW));
        txt(out, "patient-see-doctor", composer.compose(Audience.PATIENT, Level.SEE_DOCTOR, "p-123", "PERSISTENT_OVER_TWO_WEEKS",
                PERSISTENT, RAISED, FRESH, NOW));
        txt(out, "patient-see-doctor-leg-changes", composer.compose(Audience.PATIENT, Level.SEE_DOCTOR, "p-123", "LEG_CHANGES",
                LEG, RAISED, FRESH, NOW));
        txt(out, "clinician-urgent-older", composer.compose(Audience.CLINICIAN, Level.URGENT, "p-123", "LONG_CRAMP", LONG_OLD,
                Instant.parse("2026-11-20T08:55:00Z"), OLD, NOW));
        txt(out, "clinician-see-doctor", composer.compose(Audience.CLINICIAN, Level.SEE_DOCTOR, "p-123", "PERSISTENT_OVER_TWO_WEEKS",
                PERSISTENT, RAISED, FRESH, NOW));
        // One episode, three rules (the README's example): one email per recipient, at the highest level, each reason listed.
        java.util.List<EmailComposer.Alert> episode = java.util.List.of(
                new EmailComposer.Alert(Level.URGENT, "LONG_CRAMP", LONG, FRESH),
                new EmailComposer.Alert(Level.SEE_DOCTOR, "SIGNIFICANT_PAIN", PAIN, FRESH),
                new EmailComposer.Alert(Level.SEE_DOCTOR, "LEG_CHANGES", LEG, FRESH));
        txt(out, "patient-one-episode", composer.compose(Audience.PATIENT, "p-123", episode, RAISED, NOW));
        txt(out, "clinician-one-episode", composer.compose(Audience.CLINICIAN, "p-123", episode, RAISED, NOW));
        // A step of the escalation chain (docs/notifications.md, "The escalation chain"): the second reminder.
        txt(out, "clinician-urgent-step-2", composer.compose(Audience.CLINICIAN, "p-123",
                java.util.List.of(new EmailComposer.Alert(Level.URGENT, "LONG_CRAMP", LONG, FRESH)), RAISED, NOW, 2));
        out.put("patient-urgent-recent.html",
                composer.compose(Audience.PATIENT, Level.URGENT, "p-123", "LONG_CRAMP", LONG, RAISED, FRESH, NOW).html());
        return out;
    }

    private static void txt(Map<String, String> out, String name, RenderedEmail email) {
        out.put(name + ".txt", "Subject: " + email.subject() + "\n\n" + email.text());
    }

    @Test
    void theDocsShowWhatTheTemplatesRender() throws Exception {
        Map<String, String> examples = examples();
        Path out = Path.of("target", "email-examples");
        Files.createDirectories(out);
        for (Map.Entry<String, String> e : examples.entrySet()) {
            Files.writeString(out.resolve(e.getKey()), e.getValue());
        }
        String docs = Files.readString(DOCS);
        Matcher m = BLOCK.matcher(docs);
        StringBuilder updated = new StringBuilder();
        Map<String, String> shown = new LinkedHashMap<>();
        while (m.find()) {
            String name = m.group(1);
            assertThat(examples).as("docs/notifications.md shows an example no test renders: %s", name).containsKey(name);
            shown.put(name, m.group(3));
            String rendered = examples.get(name);
            m.appendReplacement(updated, Matcher.quoteReplacement("<!-- rendered: " + name + " -->\n```" + m.group(2) + "\n"
                    + rendered + (rendered.endsWith("\n") ? "" : "\n") + "```"));
        }
        m.appendTail(updated);
        if (Boolean.getBoolean("crampwatch.docs.update")) {
            Files.writeString(DOCS, updated.toString());
            return;
        }
        assertThat(shown.keySet()).as("every rendered example appears in docs/notifications.md").containsAll(examples.keySet());
        for (Map.Entry<String, String> e : shown.entrySet()) {
            String rendered = examples.get(e.getKey());
            assertThat(e.getValue())
                    .as("docs/notifications.md, example %s, drifted from the templates (rerun with -Dcrampwatch.docs.update=true)",
                            e.getKey())
                    .isEqualTo(rendered.endsWith("\n") ? rendered : rendered + "\n");
        }
    }

    @Test
    void quarkusRendersWithTheConfiguredDefaults() {
        RenderedEmail patient = composer.compose(Audience.PATIENT, Level.URGENT, "p-123", "LONG_CRAMP", LONG, RAISED, FRESH, NOW);
        assertThat(patient.text()).contains("On 20 November, you had a cramp that lasted more than 10 minutes.",
                "Seek emergency care now.").doesNotContain("{m.");
        assertThat(patient.html()).doesNotContain("{m.").contains("seek emergency care now");
        RenderedEmail clinician = composer.compose(Audience.CLINICIAN, Level.URGENT, "p-1", "LONG_CRAMP",
                "A cramp <b>lasted</b> 11 min & more.", RAISED, null, NOW);
        assertThat(clinician.subject()).isEqualTo("Urgent: patient p-1 (CrampWatch)");
        assertThat(clinician.html()).contains("A cramp &lt;b&gt;lasted&lt;/b&gt; 11 min &amp; more.");
        assertThat(clinician.text()).contains("A cramp <b>lasted</b> 11 min & more.");
    }
}
