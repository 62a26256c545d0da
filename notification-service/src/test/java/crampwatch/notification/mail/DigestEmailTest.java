package crampwatch.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.notification.domain.DigestItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The clinicians' daily digest rendered from the real templates (plain unit test): every escalation with patient, rule,
 * label, reason, time and link; a subject without patient or rule; HTML escaped. Writes the rendering to
 * {@code target/email-examples/clinician-digest.txt} (the sample in docs/notifications.md).
 */
class DigestEmailTest {

    static final List<DigestItem> ITEMS = List.of(
            new DigestItem(UUID.randomUUID(), UUID.randomUUID(), "p-123", "SIGNIFICANT_PAIN",
                    "A cramp on 2026-11-19 was rated 8 out of 10 for pain.", Instant.parse("2026-11-19T22:41:10Z")),
            new DigestItem(UUID.randomUUID(), UUID.randomUUID(), "p-456", "FREQUENT_SLEEP_DISRUPTION",
                    "Cramps broke sleep on 4 of the last 7 nights.", Instant.parse("2026-11-20T03:02:55Z")));

    @Test
    void theDigestListsEachEscalation() throws Exception {
        EmailComposer composer = StandaloneEmails.composer(Thresholds.DEFAULTS, Duration.ofHours(24));
        RenderedEmail email = composer.composeDigest(LocalDate.of(2026, 11, 20), ITEMS);
        assertThat(email.subject()).isEqualTo("See a doctor: daily digest for 20 November 2026, 2 open escalations (CrampWatch)");
        assertThat(email.text()).contains("1. Patient:   p-123").contains("2. Patient:   p-456")
                .contains("SIGNIFICANT_PAIN (strong pain").contains("8 out of 10 for pain")
                .contains("FREQUENT_SLEEP_DISRUPTION").contains("19 November 2026, 22:41 UTC")
                .contains("http://localhost:8080/clinic/escalations?status=OPEN&patientId=p-123");
        assertThat(email.html()).contains("p-456").contains("escalations?status=OPEN&amp;patientId=p-123");
        RenderedEmail one = composer.composeDigest(LocalDate.of(2026, 11, 20), ITEMS.subList(0, 1));
        assertThat(one.subject()).contains("1 open escalation (");
        RenderedEmail hostile = composer.composeDigest(LocalDate.of(2026, 11, 20), List.of(new DigestItem(UUID.randomUUID(),
                UUID.randomUUID(), "p-1", "SIGNIFICANT_PAIN", "<script>x</script>", Instant.parse("2026-11-19T22:41:10Z"))));
        assertThat(hostile.html()).doesNotContain("<script>").contains("&lt;script&gt;");
        Path out = Path.of("target", "email-examples");
        Files.createDirectories(out);
        Files.writeString(out.resolve("clinician-digest.txt"), "Subject: " + email.subject() + "\n\n" + email.text());
    }
}
