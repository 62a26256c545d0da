package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The mail server is down while escalations arrive: nothing is sent, nothing is lost, and everything goes out once it is back. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class SmtpOutageTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void mailWaitsForTheServerAndIsDeliveredExactlyOnceWhenItIsBack() throws Exception {
        String patientId = "p-" + UUID.randomUUID();
        String patient = "patient-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String clinician = "doctor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Api.putContacts(patientId, patient, "URGENT", clinician, "SEE_DOCTOR");
        List<UUID> escalations = new ArrayList<>();

        GreenMailResource.smtp().stop();
        try {
            for (int i = 1; i <= 3; i++) {
                UUID escalation = UUID.randomUUID();
                escalations.add(escalation);
                Events.send(patientId, Events.raised(UUID.randomUUID(), patientId, escalation, "URGENT", "LONG_CRAMP",
                        "Outage cramp number " + i + " lasted 12 min 0 s, over the 10-minute limit."));
            }
            // Every delivery is written, has been tried at least twice, and is still PENDING with the error.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                List<DeliveryRows.Row> rows = DeliveryRows.forPatient(dataSource, patientId);
                return rows.size() == 6 && rows.stream().allMatch(r -> r.attempts() >= 2 && r.lastError() != null
                        && (r.status().equals("PENDING") || r.status().equals("SENDING")));
            });
            assertThat(DeliveryRows.forPatient(dataSource, patientId)).noneMatch(r -> r.status().equals("SENT"))
                    .noneMatch(r -> r.status().equals("FAILED"));
            RestAssured.given().get("/q/health/ready").then().statusCode(503).body(containsString("\"smtp\""));
        } finally {
            GreenMailResource.smtp().start();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> DeliveryRows.forPatient(dataSource, patientId).stream()
                .allMatch(r -> r.status().equals("SENT")));
        // Several sender rounds later nothing further has gone out.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> Mailbox.to(patient).size() == 3 && Mailbox.to(clinician).size() == 3);
        assertThat(Mailbox.to(patient)).hasSize(3);
        assertThat(Mailbox.to(clinician)).hasSize(3);
        for (int i = 1; i <= 3; i++) {
            String reason = "Outage cramp number " + i + " ";
            assertThat(Mailbox.to(clinician)).filteredOn(m -> Mailbox.text(m).contains(reason)).hasSize(1);
        }
        // The patient's email does not show the clinicians' reason sentence: each patient delivery arrived once, by its Message-ID.
        for (DeliveryRows.Row r : DeliveryRows.forPatient(dataSource, patientId)) {
            if (patient.equals(r.recipient())) {
                assertThat(Mailbox.to(patient)).filteredOn(m -> Mailbox.header(m, "Message-ID").startsWith("<" + r.id() + "@"))
                        .hasSize(1);
            }
        }
        assertThat(DeliveryRows.forPatient(dataSource, patientId)).allSatisfy(r -> {
            assertThat(r.attempts()).isGreaterThanOrEqualTo(2);
            assertThat(r.sentAt()).isNotNull();
        });
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
    }
}
