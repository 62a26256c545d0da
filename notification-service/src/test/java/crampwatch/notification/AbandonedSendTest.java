package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A SENDING row whose sender died: the lease sweep gives it back (tried again with the same Message-ID), or ends it
 * FAILED when that was the last attempt.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class AbandonedSendTest {

    @Inject
    AgroalDataSource dataSource;

    /** A SENDING row whose sender died: claimed an hour ago, lease long gone (or, from an older version, none recorded). */
    UUID insertAbandoned(String patientId, String recipient, UUID escalation, int attempts, boolean withLease) {
        UUID id = UUID.randomUUID();
        Timestamp longAgo = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
        DeliveryRows.update(dataSource, """
                INSERT INTO delivery (id, escalation_id, event_id, patient_id, recipient, audience, level, rule, reason, raised_at,
                                      status, attempts, not_before, created_at, updated_at, claimed_at)
                VALUES (?, ?, ?, ?, ?, 'CLINICIAN', 'URGENT', 'LONG_CRAMP', 'A cramp lasted 11 min.', ?, 'SENDING', ?, ?, ?, ?, ?)""",
                id, escalation, UUID.randomUUID(), patientId, recipient, longAgo, attempts, longAgo, longAgo, longAgo, longAgo);
        if (withLease) {
            DeliveryRows.update(dataSource, "UPDATE delivery SET lease_until = claimed_at + interval '30 seconds', claim_token = ? "
                    + "WHERE id = ?", UUID.randomUUID(), id);
        }
        return id;
    }

    @Test
    void aDeliveryWhoseSenderDiedMidSendIsTriedAgainWithTheSameMessageId() {
        String patientId = Events.patientId();
        String recipient = Mailbox.newAddress("doctor");
        UUID escalation = UUID.randomUUID();
        UUID id = insertAbandoned(patientId, recipient, escalation, 1, false);
        await().atMost(Events.WAIT).until(() -> DeliveryRows.forEscalation(dataSource, escalation).get(0).status().equals("SENT"));
        DeliveryRows.Row row = DeliveryRows.forEscalation(dataSource, escalation).get(0);
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.messageId()).isEqualTo("<" + id + "@crampwatch.local>");
        List<MimeMessage> mail = Mailbox.await(recipient, 1);
        assertThat(mail).hasSize(1);
        assertThat(Mailbox.header(mail.get(0), "Message-ID")).isEqualTo(row.messageId());
    }

    @Test
    void aLeaseThatRunsOutOnTheLastAttemptEndsFailedAndCounted() {
        String patientId = Events.patientId();
        String recipient = Mailbox.newAddress("doctor");
        UUID escalation = UUID.randomUUID();
        double before = Metrics.metric("crampwatch_deliveries_failed_total{level=\"URGENT\"}");
        insertAbandoned(patientId, recipient, escalation, 60, true); // the test profile's max-attempts
        await().atMost(Events.WAIT).until(() -> DeliveryRows.forEscalation(dataSource, escalation).get(0).status().equals("FAILED"));
        assertThat(DeliveryRows.forEscalation(dataSource, escalation).get(0).lastError()).startsWith("attempt 60: ")
                .contains("lease expired");
        assertThat(Metrics.metric("crampwatch_deliveries_failed_total{level=\"URGENT\"}")).isEqualTo(before + 1);
        assertThat(Mailbox.to(recipient)).isEmpty();
    }
}
