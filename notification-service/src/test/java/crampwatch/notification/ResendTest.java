package crampwatch.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /notifications/escalations/{escalationId}/resend: after a clinician fixed the contacts, the FAILED
 * deliveries of an escalation are tried again (attempts reset) and contacts added since get theirs.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class ResendTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static String addr(String who) {
        return Mailbox.newAddress(who);
    }

    /** A delivery that used up its attempts, as the sender leaves it. */
    void seedFailed(UUID escalation, String patientId, String recipient, String audience) {
        OffsetDateTime at = OffsetDateTime.ofInstant(Instant.now().minusSeconds(3600), ZoneOffset.UTC);
        DeliveryRows.update(dataSource, """
                INSERT INTO delivery (id, escalation_id, event_id, patient_id, recipient, audience, level, rule, reason, raised_at,
                                      status, attempts, last_error, not_before, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 'URGENT', 'LONG_CRAMP', 'Resent cramp lasted 12 min 0 s, over the 10-minute limit.', ?,
                        'FAILED', 8, 'attempt 8: SMTPException: 550 mailbox unavailable', ?, ?, ?)""",
                UUID.randomUUID(), escalation, UUID.randomUUID(), patientId, recipient, audience, at, at, at, at);
    }

    @Test
    void aClinicianResendsFailedDeliveriesToTheCurrentContacts() {
        String patientId = "p-" + UUID.randomUUID();
        String gone = addr("typo");
        String kept = addr("doctor");
        String added = addr("patient");
        UUID escalation = UUID.randomUUID();
        seedFailed(escalation, patientId, gone, "CLINICIAN");
        seedFailed(escalation, patientId, kept, "CLINICIAN");
        // The clinician replaces the mistyped address by the patient's own; the other doctor stays.
        Api.putContacts(patientId, added, "URGENT", kept, "SEE_DOCTOR");

        given().post("/notifications/escalations/{id}/resend", escalation).then().statusCode(401);
        Api.asPatient(patientId).post("/notifications/escalations/{id}/resend", escalation).then().statusCode(403)
                .contentType("application/problem+json");
        Api.asClinician().post("/notifications/escalations/{id}/resend", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        Api.asClinician().post("/notifications/escalations/{id}/resend", "not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");

        JsonPath accepted = Api.asClinician().post("/notifications/escalations/{id}/resend", escalation).then().statusCode(202)
                .extract().jsonPath();
        assertThat(accepted.getString("escalationId")).isEqualTo(escalation.toString());
        assertThat(accepted.getList("deliveries.recipient")).containsExactlyInAnyOrder(added, kept);
        assertThat(accepted.getList("deliveries.attempts", Integer.class)).containsOnly(0);

        await().atMost(Duration.ofSeconds(30)).until(() -> DeliveryRows.forEscalation(dataSource, escalation).stream()
                .filter(r -> !r.recipient().equals(gone)).allMatch(r -> r.status().equals("SENT")));
        assertThat(DeliveryRows.forEscalation(dataSource, escalation)).allSatisfy(r -> {
            if (r.recipient().equals(gone)) {
                assertThat(r.status()).isEqualTo("FAILED");
                assertThat(r.attempts()).isEqualTo(8);
            } else {
                assertThat(r.status()).isEqualTo("SENT");
                assertThat(r.attempts()).isEqualTo(1);
            }
        });
        assertThat(DeliveryRows.forEscalation(dataSource, escalation)).filteredOn(r -> r.recipient().equals(added))
                .singleElement().satisfies(r -> assertThat(r.audience()).isEqualTo("PATIENT"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> Mailbox.to(added).size() == 1 && Mailbox.to(kept).size() == 1);
        assertThat(Mailbox.to(gone)).isEmpty();
        assertThat(Mailbox.text(Mailbox.to(kept).get(0))).contains("Resent cramp lasted 12 min 0 s");
        assertThat(Mailbox.text(Mailbox.to(added).get(0))).contains("you had a cramp that lasted more than 10 minutes");

        // Nothing left that a resend would change: 409.
        Api.asClinician().post("/notifications/escalations/{id}/resend", escalation).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("FAILED"));
        assertThat(auditRows(patientId, "notifications.resend")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anEscalationWithNothingFailedIsA409() {
        String patientId = "p-" + UUID.randomUUID();
        String clinician = addr("doctor");
        Api.putContacts(patientId, null, null, clinician, "URGENT");
        UUID escalation = UUID.randomUUID();
        Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, escalation));
        await().atMost(Duration.ofSeconds(30)).until(() -> DeliveryRows.forEscalation(dataSource, escalation).stream()
                .anyMatch(r -> r.status().equals("SENT")));
        Api.asClinician().post("/notifications/escalations/{id}/resend", escalation).then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(Mailbox.to(clinician)).hasSize(1);
    }

    @Test
    void failedDeliveriesAreCountedByLevel() {
        RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("crampwatch_deliveries_failed_total{level=\"URGENT\"}"))
                .body(containsString("crampwatch_deliveries_failed_total{level=\"SEE_DOCTOR\"}"));
    }

    int auditRows(String patientId, String action) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_log WHERE patient_id = ? AND action = ? "
                     + "AND actor = 'dr-test' AND outcome = 'ALLOWED'")) {
            ps.setString(1, patientId);
            ps.setString(2, action);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
