package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.notification.domain.Audience;
import crampwatch.notification.domain.ClaimedDelivery;
import crampwatch.notification.domain.Level;
import crampwatch.notification.service.DeliveryClaims;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A failed attempt at a patient's non-URGENT email is tried again after its backoff — but never inside the patient's
 * quiet hours: a mail first tried in the evening during an SMTP outage would otherwise be retried in the night the
 * first email had to wait out. The failure is recorded through the sender's own step ({@link DeliveryClaims}) on a row
 * claimed as the sender claims it, at instants of the test's choosing; the quiet hours are the patient's real contact
 * entry (22:00–07:00, read in the clinic's zone, Europe/London, as no zone was reported for the patient).
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class QuietHoursRetryTest {

    /**
     * 22:00 in London on a winter evening (UTC+0), far ahead so the running sender never finds these rows due; they are
     * removed after each test.
     */
    static final Instant QUIET_STARTS = Instant.parse("2099-12-03T22:00:00Z");
    static final Instant QUIET_ENDS = Instant.parse("2099-12-04T07:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DeliveryClaims claims;

    private final List<String> patients = new java.util.ArrayList<>();

    @AfterEach
    void removeTheRows() {
        patients.forEach(p -> DeliveryRows.update(dataSource, "DELETE FROM delivery WHERE patient_id = ?", p));
    }

    @Test
    void aPatientsNonUrgentRetryThatWouldFallInsideTheQuietHoursWaitsTillTheyEnd() {
        String patientId = quietPatient();
        ClaimedDelivery seeDoctor = claimed(patientId, "patient@example.org", Audience.PATIENT, Level.SEE_DOCTOR);
        Instant now = QUIET_STARTS.minusMillis(50);

        DeliveryClaims.Failure failure = claims.recordFailure(seeDoctor, "attempt 1: relay down", QUIET_STARTS.plusMillis(50), now);

        assertThat(failure.ours()).isTrue();
        assertThat(failure.retryAt()).isEqualTo(QUIET_ENDS);
        assertThat(row(seeDoctor.id())).isEqualTo(new Row("PENDING", QUIET_ENDS));
    }

    @Test
    void urgentMailClinicianMailAndRetriesOutsideTheQuietHoursKeepTheirBackoff() {
        String patientId = quietPatient();
        Instant retryAt = QUIET_STARTS.plusMillis(50);
        for (ClaimedDelivery d : List.of(claimed(patientId, "patient@example.org", Audience.PATIENT, Level.URGENT),
                claimed(patientId, "dr@example.org", Audience.CLINICIAN, Level.SEE_DOCTOR))) {
            assertThat(claims.recordFailure(d, "attempt 1: relay down", retryAt, QUIET_STARTS.minusMillis(50)).retryAt())
                    .as(d.audience() + " " + d.level()).isEqualTo(retryAt);
            assertThat(row(d.id())).isEqualTo(new Row("PENDING", retryAt));
        }
        ClaimedDelivery evening = claimed(patientId, "patient@example.org", Audience.PATIENT, Level.SEE_DOCTOR);
        Instant beforeQuiet = QUIET_STARTS.minusSeconds(3600);
        assertThat(claims.recordFailure(evening, "attempt 1: relay down", beforeQuiet, beforeQuiet.minusSeconds(30)).retryAt())
                .isEqualTo(beforeQuiet);
    }

    @Test
    void theLastAttemptStillFailsAtOnce() {
        String patientId = quietPatient();
        ClaimedDelivery d = claimed(patientId, "patient@example.org", Audience.PATIENT, Level.SEE_DOCTOR);
        DeliveryClaims.Failure failure = claims.recordFailure(d, "attempt 8: relay down", null, QUIET_STARTS.plusSeconds(60));
        assertThat(failure.retryAt()).isNull();
        assertThat(row(d.id()).status()).isEqualTo("FAILED");
    }

    private String quietPatient() {
        String patientId = Events.patientId();
        patients.add(patientId);
        Api.asClinician().body("""
                        {"patient":{"email":"patient@example.org","minLevel":"SEE_DOCTOR","quietHours":{"start":"22:00","end":"07:00"}},
                         "clinicians":[{"email":"dr@example.org","minLevel":"SEE_DOCTOR"}]}""")
                .put("/patients/{p}/contacts", patientId).then().statusCode(200);
        return patientId;
    }

    /** A delivery row in the state the sender's claim leaves it: SENDING under a fresh token, attempt 1 counted. */
    private ClaimedDelivery claimed(String patientId, String recipient, Audience audience, Level level) {
        UUID id = UUID.randomUUID();
        UUID token = UUID.randomUUID();
        UUID escalation = UUID.randomUUID();
        Instant raised = QUIET_STARTS.minusSeconds(600);
        DeliveryRows.update(dataSource, """
                        INSERT INTO delivery (id, escalation_id, event_id, patient_id, recipient, audience, level, rule, reason, raised_at,
                                              status, attempts, not_before, created_at, updated_at, claimed_at, claim_token, lease_until)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'SIGNIFICANT_PAIN', 'A reason.', ?, 'SENDING', 1, ?, ?, ?, ?, ?, ?)""",
                id, escalation, UUID.randomUUID(), patientId, recipient, audience.name(), level.name(), Timestamp.from(raised),
                Timestamp.from(raised), Timestamp.from(raised), Timestamp.from(raised), Timestamp.from(raised), token,
                Timestamp.from(Instant.now().plusSeconds(300)));
        return new ClaimedDelivery(id, token, escalation, patientId, recipient, audience, level, "SIGNIFICANT_PAIN", "A reason.",
                raised, null, 1, id + "@test", List.of());
    }

    record Row(String status, Instant notBefore) {
    }

    private Row row(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT status, not_before FROM delivery WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Row(rs.getString(1), rs.getTimestamp(2).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
