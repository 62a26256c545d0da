package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sender applies the contacts API's address rule too (EmailAddresses): an address stored before that rule existed
 * (written here straight into the table) fails at once, without an SMTP conversation and without a retry, while the
 * other recipients of the same escalation get their mail.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class UndeliverableAddressTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aStoredAddressNoRelayWouldTakeFailsAtOnceAndTheOthersAreSent() {
        String patientId = "p-" + UUID.randomUUID();
        String good = "doc-" + UUID.randomUUID().toString().substring(0, 8) + "@clinic.example";
        String quoted = "\"q,x;(c)<a>\"@mk.example";
        String zeroWidth = "doc@clinic\u200b.example";
        Api.putContacts(patientId, null, null, good, "URGENT");
        DeliveryRows.update(dataSource, "INSERT INTO clinician_contact (patient_id, position, email, min_level) VALUES (?, 1, ?, 'URGENT')",
                patientId, quoted);
        DeliveryRows.update(dataSource, "INSERT INTO clinician_contact (patient_id, position, email, min_level) VALUES (?, 2, ?, 'URGENT')",
                patientId, zeroWidth);
        UUID escalation = UUID.randomUUID();

        Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, escalation));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<DeliveryRows.Row> rows = DeliveryRows.forEscalation(dataSource, escalation);
            return rows.size() == 3 && rows.stream().noneMatch(r -> r.status().equals("PENDING") || r.status().equals("SENDING"));
        });
        List<DeliveryRows.Row> rows = DeliveryRows.forEscalation(dataSource, escalation);
        assertThat(rows).filteredOn(r -> r.recipient().equals(good)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo("SENT"));
        assertThat(rows).filteredOn(r -> !r.recipient().equals(good)).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("FAILED");
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.lastError()).contains("not a deliverable address");
        });
        assertThat(Mailbox.to(good)).hasSize(1);
        assertThat(GreenMailResource.smtp().getReceivedMessages()).noneMatch(m -> {
            try {
                return java.util.Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains("mk.example")
                        || a.toString().contains("\u200b"));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
