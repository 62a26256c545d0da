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
import org.junit.jupiter.api.Test;

/**
 * Renders every email (audience × level) from the real templates, checks the wording rules, and
 * writes the results to {@code target/email-examples/} (the examples in docs/notifications.md).
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class EmailExamplesTest {

    static final Instant RAISED = Instant.parse("2026-11-20T01:15:03Z");

    @Inject
    EmailComposer composer;

    @Test
    void everyEmailSaysTheLevelFirstAndOnlyWhatItMay() throws Exception {
        Path out = Path.of("target", "email-examples");
        Files.createDirectories(out);
        for (Audience audience : Audience.values()) {
            for (Level level : Level.values()) {
                String rule = level == Level.URGENT ? "LONG_CRAMP" : "PERSISTENT_OVER_TWO_WEEKS";
                String reason = level == Level.URGENT ? "A cramp on 2026-11-20 lasted 14 min 5 s, over the 10-minute limit."
                        : "Cramps have gone on for 17 days, from 2026-11-03 to 2026-11-20, without a two-week break.";
                RenderedEmail email = composer.compose(audience, level, "p-123", rule, reason, RAISED);
                String name = audience.name().toLowerCase() + "-" + level.name().toLowerCase().replace('_', '-');
                Files.writeString(out.resolve(name + ".txt"), "Subject: " + email.subject() + "\n\n" + email.text());
                Files.writeString(out.resolve(name + ".html"), email.html());

                assertThat(email.subject()).startsWith(level == Level.URGENT ? "Urgent: " : "See a doctor: ");
                assertThat(email.text()).contains(reason).doesNotContain("{m.");
                assertThat(email.html()).contains(reason).doesNotContain("{m.");
                if (audience == Audience.PATIENT) {
                    assertThat(email.text()).contains("not medical advice");
                    assertThat(email.html().replaceAll("\\s+", " ")).contains("not medical advice");
                    assertThat(email.text()).contains(level == Level.URGENT ? "Seek urgent medical help now" : "book an appointment");
                } else {
                    assertThat(email.subject()).contains("p-123", rule);
                    assertThat(email.text()).contains("Patient:   p-123", rule,
                            "http://localhost:8080/clinic/escalations?status=OPEN&patientId=p-123");
                }
            }
        }
    }

    @Test
    void htmlEscapesWhatItShows() {
        RenderedEmail email = composer.compose(Audience.CLINICIAN, Level.URGENT, "p-1", "LONG_CRAMP",
                "A cramp <b>lasted</b> 11 min & more.", RAISED);
        assertThat(email.html()).contains("A cramp &lt;b&gt;lasted&lt;/b&gt; 11 min &amp; more.");
        assertThat(email.text()).contains("A cramp <b>lasted</b> 11 min & more.");
    }
}
