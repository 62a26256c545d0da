package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crampwatch.notification.mail.DeliverySender;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With {@code crampwatch.delivery.initial-delay=1h} new deliveries wait, so the test decides when a
 * delivery becomes due (by moving its {@code not_before}): a withdrawal can deterministically arrive
 * first, a delivery can be made to use up its (two) attempts against a stopped server, and many
 * deliveries can be made due at once for racing senders (claiming three at a time).
 */
@QuarkusTest
@TestProfile(HeldDeliveriesTest.Held.class)
@WithTestResource(GreenMailResource.class)
class HeldDeliveriesTest {

    public static class Held implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crampwatch.delivery.initial-delay", "1h", "crampwatch.delivery.max-attempts", "2",
                    "crampwatch.delivery.batch-size", "3");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DeliverySender sender;

    static String addr(String who) {
        return Mailbox.newAddress(who);
    }

    void makeDue(UUID escalation) {
        DeliveryRows.update(dataSource, "UPDATE delivery SET not_before = ? WHERE escalation_id = ?",
                OffsetDateTime.ofInstant(Instant.now().minusSeconds(60), ZoneOffset.UTC), escalation);
    }

    void awaitStatus(UUID escalation, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var rows = DeliveryRows.forEscalation(dataSource, escalation);
            return !rows.isEmpty() && rows.stream().allMatch(r -> r.status().equals(status));
        });
    }

    @Test
    void aWithdrawalBeforeSendingCancelsTheEmail() throws Exception {
        String patientId = "p-" + UUID.randomUUID();
        String patient = addr("patient");
        String clinician = addr("doctor");
        Api.putContacts(patientId, patient, "SEE_DOCTOR", clinician, "SEE_DOCTOR");
        UUID withdrawn = UUID.randomUUID();
        UUID kept = UUID.randomUUID();

        Events.send(patientId, Events.seeDoctorPain(UUID.randomUUID(), patientId, withdrawn),
                Events.urgentLongCramp(UUID.randomUUID(), patientId, kept));
        awaitStatus(withdrawn, "PENDING");
        awaitStatus(kept, "PENDING");
        Events.send(patientId, Events.withdrawn(UUID.randomUUID(), patientId, withdrawn, "SEE_DOCTOR", "SIGNIFICANT_PAIN",
                "A cramp on 2026-11-19 was rated 8 out of 10 for pain."));
        awaitStatus(withdrawn, "CANCELLED");

        // Both are now due; the sender sends the one still wanted and leaves the cancelled one alone.
        makeDue(withdrawn);
        makeDue(kept);
        awaitStatus(kept, "SENT");
        // Several sender rounds later the cancelled ones are still untouched.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> DeliveryRows.forEscalation(dataSource, withdrawn)
                .stream().allMatch(r -> r.status().equals("CANCELLED") && r.attempts() == 0));
        assertThat(DeliveryRows.forEscalation(dataSource, withdrawn)).hasSize(2)
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo("CANCELLED");
                    assertThat(r.attempts()).isZero();
                });
        assertThat(Mailbox.to(patient)).hasSize(1).allSatisfy(m -> assertThat(Mailbox.subject(m)).startsWith("Urgent: "));
        assertThat(Mailbox.to(clinician)).hasSize(1).allSatisfy(m -> assertThat(Mailbox.subject(m)).startsWith("Urgent: "));
        Api.asClinician().queryParam("patientId", patientId).queryParam("status", "CANCELLED").get("/notifications")
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(2));
    }

    @Test
    void concurrentSendersNeverMailTheSameDeliveryTwice() throws Exception {
        String patientId = "p-" + UUID.randomUUID();
        String patient = addr("patient");
        String clinician = addr("doctor");
        Api.putContacts(patientId, patient, "URGENT", clinician, "SEE_DOCTOR");
        // GreenMail creates a mailbox lazily on the first delivery to an address; two first deliveries racing
        // for the same new address can stall one SMTP session until the client's timeout (seen once in CI).
        // Create both up front, so the race under test is only our senders'.
        GreenMailResource.smtp().setUser(patient, patient, patient);
        GreenMailResource.smtp().setUser(clinician, clinician, clinician);
        List<UUID> escalations = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID escalation = UUID.randomUUID();
            escalations.add(escalation);
            Events.send(patientId, Events.raised(UUID.randomUUID(), patientId, escalation, "URGENT", "LONG_CRAMP",
                    "Race cramp " + i + " lasted 11 min 0 s, over the 10-minute limit."));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> DeliveryRows.forPatient(dataSource, patientId).size() == 24);
        double attemptFailuresBefore = Metrics.metric("crampwatch_deliveries_attempt_failures_total");
        escalations.forEach(this::makeDue);

        // Four senders race the scheduled one for the same 24 due deliveries.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> claimed = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                claimed.add(pool.submit(() -> {
                    int total = 0;
                    for (int n = sender.sendBatch(); n > 0; n = sender.sendBatch()) {
                        total += n;
                    }
                    return total;
                }));
            }
            for (Future<Integer> f : claimed) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> DeliveryRows.forPatient(dataSource, patientId).stream()
                .allMatch(r -> r.status().equals("SENT")));
        // Several sender rounds later nothing more has gone out.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> Mailbox.to(patient).size() == 12 && Mailbox.to(clinician).size() == 12);
        assertThat(Mailbox.to(patient)).hasSize(12);
        assertThat(Mailbox.to(clinician)).hasSize(12);
        for (int i = 0; i < 12; i++) {
            String reason = "Race cramp " + i + " ";
            assertThat(Mailbox.to(clinician)).filteredOn(m -> Mailbox.text(m).contains(reason)).hasSize(1);
        }
        // The patient's email does not show the clinicians' reason sentence: each patient delivery arrived once, by its Message-ID.
        for (DeliveryRows.Row r : DeliveryRows.forPatient(dataSource, patientId)) {
            if (patient.equals(r.recipient())) {
                assertThat(Mailbox.to(patient)).filteredOn(m -> Mailbox.header(m, "Message-ID").startsWith("<" + r.id() + "@"))
                        .hasSize(1);
            }
        }
        assertThat(Mailbox.to(patient)).extracting(m -> Mailbox.header(m, "Message-ID")).doesNotHaveDuplicates();
        assertThat(Mailbox.to(clinician)).extracting(m -> Mailbox.header(m, "Message-ID")).doesNotHaveDuplicates();
        // No delivery was claimed twice: every attempt beyond the first is one the sender recorded as failed.
        // (Not "attempts == 1": on a loaded machine one SMTP session to the in-JVM server once stalled past the
        // mailer's 30 s timeout; the sender then rightly recorded the failed attempt and sent the mail on its
        // second one — one mail, attempts = 2. What this test guards is that no second claim ever happens.)
        int extraAttempts = DeliveryRows.forPatient(dataSource, patientId).stream().mapToInt(r -> r.attempts() - 1).sum();
        assertThat((double) extraAttempts).isLessThanOrEqualTo(
                Metrics.metric("crampwatch_deliveries_attempt_failures_total") - attemptFailuresBefore);
    }

    @Test
    void aDeliveryThatRunsOutOfAttemptsIsFailedWithTheLastError() {
        String patientId = "p-" + UUID.randomUUID();
        String clinician = addr("doctor");
        Api.putContacts(patientId, null, null, clinician, "URGENT");
        UUID escalation = UUID.randomUUID();
        double failedBefore = Metrics.metric("crampwatch_deliveries_failed_total{level=\"URGENT\"}");

        Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, escalation));
        awaitStatus(escalation, "PENDING");
        GreenMailResource.smtp().stop();
        try {
            makeDue(escalation);
            awaitStatus(escalation, "FAILED");
        } finally {
            GreenMailResource.smtp().start();
        }
        DeliveryRows.Row row = DeliveryRows.forEscalation(dataSource, escalation).get(0);
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.lastError()).startsWith("attempt 2: ").containsIgnoringCase("connect");
        assertThat(row.sentAt()).isNull();
        assertThat(Mailbox.to(clinician)).isEmpty();
        assertThat(Metrics.metric("crampwatch_deliveries_failed_total{level=\"URGENT\"}")).isEqualTo(failedBefore + 1);
        JsonPath log = Api.asClinician().queryParam("patientId", patientId).get("/notifications")
                .then().statusCode(200).extract().jsonPath();
        assertThat(log.getString("items[0].status")).isEqualTo("FAILED");
        assertThat(log.getInt("items[0].attempts")).isEqualTo(2);
        assertThat(log.getString("items[0].lastError")).isEqualTo(row.lastError());
    }
}
