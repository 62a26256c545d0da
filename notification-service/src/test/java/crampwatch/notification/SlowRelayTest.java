package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crampwatch.notification.mail.DeliverySender;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
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
 * A relay that takes ~600 ms per reply (a few seconds per mail) while several senders — this instance's
 * scheduled round and test threads standing in for other instances — work off 16 URGENT deliveries
 * whose total sending time is far longer than the lease. Every delivery must be tried and SENT once:
 * no lease expires under a sender that is still working, no row is FAILED without a try, and no mail
 * that went out is recorded as anything but SENT.
 */
@QuarkusTest
@TestProfile(SlowRelayTest.Slow.class)
@WithTestResource(SlowRelayResource.class)
class SlowRelayTest {

    public static class Slow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crampwatch.delivery.initial-delay", "1h",
                    "crampwatch.delivery.sending-lease", "20s",
                    "quarkus.mailer.timeout", "10s");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DeliverySender sender;

    @Inject
    Scheduler scheduler;

    @Test
    void everyUrgentDeliveryIsTriedAndSentOnceThoughTheRelayIsSlowerThanTheLease() throws Exception {
        String patientId = "p-" + UUID.randomUUID();
        String patient = "patient-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String clinician = "doctor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Api.putContacts(patientId, patient, "URGENT", clinician, "URGENT");
        GreenMailResource.smtp().setUser(patient, patient, patient);
        GreenMailResource.smtp().setUser(clinician, clinician, clinician);
        double failedBefore = Metrics.metric("crampwatch_deliveries_failed_total");
        int escalations = 8;
        for (int i = 0; i < escalations; i++) {
            Events.send(patientId, Events.raised(UUID.randomUUID(), patientId, UUID.randomUUID(), "URGENT", "LONG_CRAMP",
                    "Slow cramp " + i + " lasted 11 min 0 s, over the 10-minute limit."));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> DeliveryRows.forPatient(dataSource, patientId).size() == 2 * escalations);

        // One sender (a test thread: "instance A") gets the first claim; then this instance's scheduled round
        // ("instance B", which also runs the lease sweep) and three more threads join in.
        scheduler.pause("delivery-sender");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            DeliveryRows.update(dataSource, "UPDATE delivery SET not_before = ? WHERE patient_id = ?",
                    OffsetDateTime.ofInstant(Instant.now().minusSeconds(60), ZoneOffset.UTC), patientId);
            List<Future<Integer>> senders = new ArrayList<>();
            senders.add(pool.submit(this::sendUntilNothingIsDue));
            await().atMost(Duration.ofSeconds(30)).until(() -> DeliveryRows.forPatient(dataSource, patientId).stream()
                    .anyMatch(r -> r.status().equals("SENDING")));
            scheduler.resume("delivery-sender");
            for (int t = 0; t < 3; t++) {
                senders.add(pool.submit(this::sendUntilNothingIsDue));
            }
            for (Future<Integer> f : senders) {
                f.get(180, TimeUnit.SECONDS);
            }
        } finally {
            scheduler.resume("delivery-sender");
            pool.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(120)).until(() -> DeliveryRows.forPatient(dataSource, patientId).stream()
                .allMatch(r -> r.status().equals("SENT") || r.status().equals("FAILED")));
        List<DeliveryRows.Row> rows = DeliveryRows.forPatient(dataSource, patientId);
        assertThat(rows).hasSize(2 * escalations).allSatisfy(r -> {
            assertThat(r.status()).as("delivery %s (%s)", r.id(), r.lastError()).isEqualTo("SENT");
            assertThat(r.attempts()).as("attempts of %s (%s)", r.id(), r.lastError()).isEqualTo(1);
        });
        // Nothing more goes out afterwards, and every mail arrived exactly once.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                Mailbox.to(patient).size() == escalations && Mailbox.to(clinician).size() == escalations);
        for (int i = 0; i < escalations; i++) {
            String reason = "Slow cramp " + i + " ";
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
        assertThat(Metrics.metric("crampwatch_deliveries_failed_total")).isEqualTo(failedBefore);
    }

    private int sendUntilNothingIsDue() {
        int total = 0;
        for (int n = sender.sendBatch(); n > 0; n = sender.sendBatch()) {
            total += n;
        }
        return total;
    }

}
