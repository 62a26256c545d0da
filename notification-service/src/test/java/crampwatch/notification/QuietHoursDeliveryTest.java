package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A patient's quiet hours against real Kafka, PostgreSQL and SMTP: a non-URGENT email written inside them is due
 * ({@code not_before}) when they end, in the patient's time zone (the latest EscalationRaised's
 * {@code escalation.patientTimeZone}, else the clinic's, Europe/London); URGENT goes out at once; clinicians never wait.
 * Quiet hours are set around the real current time so the intake's own clock falls inside them.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class QuietHoursDeliveryTest {

    static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @Inject
    AgroalDataSource dataSource;

    /** Quiet hours from an hour ago to two hours ahead in {@code zone}; returns the instant they end. */
    static Instant quietAroundNow(String patientId, String patient, String clinician, ZoneId zone) {
        ZonedDateTime now = ZonedDateTime.now(zone).truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime end = now.plusHours(2);
        String body = "{\"patient\":{\"email\":\"" + patient + "\",\"minLevel\":\"SEE_DOCTOR\",\"quietHours\":{\"start\":\""
                + HH_MM.format(now.minusHours(1)) + "\",\"end\":\"" + HH_MM.format(end) + "\"}},"
                + "\"clinicians\":[{\"email\":\"" + clinician + "\",\"minLevel\":\"SEE_DOCTOR\"}]}";
        Api.asClinician().body(body).put("/patients/{p}/contacts", patientId).then().statusCode(200)
                .body("patient.quietHours.end", org.hamcrest.Matchers.equalTo(HH_MM.format(end)));
        return ZonedDateTime.of(end.toLocalDate(), end.toLocalTime(), zone).toInstant();
    }

    record Due(String status, Instant notBefore, Instant quietUntil) {
    }

    Due due(UUID escalation, String recipient) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT status, not_before, quiet_until FROM delivery WHERE escalation_id = ? AND lower(recipient) = lower(?)")) {
            ps.setObject(1, escalation);
            ps.setString(2, recipient);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                java.sql.Timestamp quiet = rs.getTimestamp(3);
                return new Due(rs.getString(1), rs.getTimestamp(2).toInstant(), quiet == null ? null : quiet.toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Due awaitRow(UUID escalation, String recipient) {
        await().atMost(Events.WAIT).until(() -> due(escalation, recipient) != null);
        return due(escalation, recipient);
    }

    @Test
    void nonUrgentMailWaitsTillTheQuietHoursEndAndUrgentDoesNot() {
        String patientId = Events.patientId();
        String patient = Mailbox.newAddress("quiet-patient");
        String clinician = Mailbox.newAddress("doc");
        Instant end = quietAroundNow(patientId, patient, clinician, ZoneId.of("Europe/London"));

        UUID seeDoctor = UUID.randomUUID();
        Events.send(patientId, Events.seeDoctorPain(UUID.randomUUID(), patientId, seeDoctor));
        Due held = awaitRow(seeDoctor, patient);
        assertThat(held.status()).isEqualTo("PENDING");
        assertThat(held.notBefore()).isEqualTo(end);
        assertThat(held.quietUntil()).isEqualTo(end);
        // The clinician is not held back.
        Mailbox.await(clinician, 1);

        UUID urgent = UUID.randomUUID();
        Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, urgent));
        assertThat(Mailbox.subject(Mailbox.await(patient, 1).get(0))).startsWith("Urgent: ");
        await().atMost(Events.WAIT).until(() -> "SENT".equals(due(urgent, patient).status()));
        assertThat(due(urgent, patient).quietUntil()).isNull();

        // The SEE_DOCTOR mail is still waiting: only the URGENT one reached the patient.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> Mailbox.to(patient).size() == 1);
        assertThat(due(seeDoctor, patient).status()).isEqualTo("PENDING");
        assertThat(due(seeDoctor, patient).notBefore()).isEqualTo(end);
        // The delivery log shows when it is due.
        Api.asClinician().queryParam("patientId", patientId).queryParam("status", "PENDING").get("/notifications")
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void quietHoursAreReadInThePatientsTimeZoneFromTheLatestEvent() {
        String patientId = Events.patientId();
        String patient = Mailbox.newAddress("tz-patient");
        String clinician = Mailbox.newAddress("doc");
        ZoneId auckland = ZoneId.of("Pacific/Auckland");
        Instant end = quietAroundNow(patientId, patient, clinician, auckland);

        UUID first = UUID.randomUUID();
        Events.send(patientId, Events.raisedInZone(patientId, first, "SEE_DOCTOR", "SIGNIFICANT_PAIN",
                "A cramp on 2026-11-19 was rated 8 out of 10 for pain.", "Pacific/Auckland"));
        assertThat(awaitRow(first, patient).notBefore()).isEqualTo(end);
        // A later event without the field: the zone seen last still holds.
        UUID second = UUID.randomUUID();
        Events.send(patientId, Events.seeDoctorPain(UUID.randomUUID(), patientId, second));
        assertThat(awaitRow(second, patient).notBefore()).isEqualTo(end);
    }
}
