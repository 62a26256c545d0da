package crampwatch.notification;

import static crampwatch.notification.Events.SECRET_NOTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * From an event on cramp-escalations to mail in a real SMTP inbox, through real Kafka and PostgreSQL: who gets an
 * escalation's email and what it says.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class EscalationEmailTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void urgentEscalationMailsPatientAndClinicianTheRightWords() {
        String patientId = Events.patientId();
        String patient = Mailbox.newAddress("patient");
        String clinician = Mailbox.newAddress("doctor");
        Api.putContacts(patientId, patient, "URGENT", clinician, "SEE_DOCTOR");
        UUID escalation = UUID.randomUUID();

        Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, escalation));

        MimeMessage toPatient = Mailbox.await(patient, 1).get(0);
        assertThat(Mailbox.subject(toPatient)).isEqualTo("Urgent: please get emergency care now (CrampWatch)");
        String text = Mailbox.text(toPatient);
        String html = Mailbox.html(toPatient).replaceAll("\\s+", " ");
        // The cramp started an hour ago: "now". Addressed to "you"; the clinicians' third-person reason is not shown.
        assertThat(text).contains("Seek emergency care now", "you had a cramp that lasted more than 10 minutes",
                "general information from CrampWatch, not a diagnosis", "http://localhost:8080/portal/advice")
                .doesNotContain("A cramp on 2026-11-20 lasted").doesNotContain("not medical advice");
        assertThat(html).contains("seek emergency care now", "not a diagnosis", "href=\"http://localhost:8080/portal/advice\"");
        assertThat(text + html).doesNotContain(SECRET_NOTE).doesNotContain("diary");

        MimeMessage toClinician = Mailbox.await(clinician, 1).get(0);
        assertThat(Mailbox.subject(toClinician)).isEqualTo("Urgent: patient " + patientId + " (CrampWatch)");
        String ctext = Mailbox.text(toClinician);
        assertThat(ctext).contains("Patient:       " + patientId, "Rule:          LONG_CRAMP",
                "A cramp on 2026-11-20 lasted 14 min 5 s, over the 10-minute limit.",
                "http://localhost:8080/clinic/escalations?status=OPEN&patientId=" + patientId);
        assertThat(ctext + Mailbox.html(toClinician)).doesNotContain(SECRET_NOTE).doesNotContain("diary");
        assertThat(Mailbox.header(toClinician, "To")).isEqualTo(clinician);
        assertThat(Mailbox.header(toPatient, "To")).isEqualTo(patient);

        // The log says SENT, with time and the Message-ID the server received.
        await().atMost(Events.WAIT).until(() -> DeliveryRows.forEscalation(dataSource, escalation).stream()
                .allMatch(r -> r.status().equals("SENT")));
        JsonPath log = Api.asClinician().queryParam("patientId", patientId).get("/notifications")
                .then().statusCode(200).extract().jsonPath();
        assertThat(log.getList("items.status")).containsExactly("SENT", "SENT");
        assertThat(log.getList("items.escalationId")).containsOnly(escalation.toString());
        assertThat(log.getList("items.recipient")).containsExactlyInAnyOrder(patient, clinician);
        assertThat(log.getList("items.level")).containsOnly("URGENT");
        assertThat(log.getList("items.rule")).containsOnly("LONG_CRAMP");
        assertThat(log.getList("items.attempts", Integer.class)).containsOnly(1);
        assertThat(log.getList("items.sentAt")).doesNotContainNull();
        assertThat(log.getList("items.smtpMessageId")).contains(Mailbox.header(toPatient, "Message-ID"),
                Mailbox.header(toClinician, "Message-ID"));
    }

    @Test
    void levelsRouteToWhoeverAsked() {
        String patientId = Events.patientId();
        String patient = Mailbox.newAddress("patient");
        String clinician = Mailbox.newAddress("doctor");
        Api.putContacts(patientId, patient, "URGENT", clinician, "SEE_DOCTOR");
        UUID seeDoctor = UUID.randomUUID();
        UUID urgent = UUID.randomUUID();

        Events.send(patientId, Events.seeDoctorPain(UUID.randomUUID(), patientId, seeDoctor));
        MimeMessage first = Mailbox.await(clinician, 1).get(0);
        assertThat(Mailbox.subject(first)).isEqualTo("See a doctor: patient " + patientId + " (CrampWatch)");
        assertThat(Mailbox.text(first)).contains("SIGNIFICANT_PAIN", "A cramp on 2026-11-19 was rated 8 out of 10 for pain.");
        assertThat(DeliveryRows.forEscalation(dataSource, seeDoctor)).extracting(DeliveryRows.Row::recipient)
                .containsExactly(clinician);

        Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, urgent));
        Mailbox.await(clinician, 2);
        List<MimeMessage> patientMail = Mailbox.await(patient, 1);
        assertThat(patientMail).hasSize(1);
        assertThat(Mailbox.subject(patientMail.get(0))).startsWith("Urgent: ");
        assertThat(Mailbox.to(clinician)).extracting(Mailbox::subject)
                .anyMatch(s -> s.startsWith("See a doctor: ")).anyMatch(s -> s.startsWith("Urgent: "));
    }

    @Test
    void patientAskingForSeeDoctorGetsTheAppointmentEmail() {
        String patientId = Events.patientId();
        String patient = Mailbox.newAddress("patient");
        Api.putContacts(patientId, patient, "SEE_DOCTOR");
        Events.send(patientId, Events.seeDoctorPain(UUID.randomUUID(), patientId, UUID.randomUUID()));
        MimeMessage m = Mailbox.await(patient, 1).get(0);
        assertThat(Mailbox.subject(m)).startsWith("See a doctor: ");
        assertThat(Mailbox.text(m)).contains("book an appointment", "you gave a cramp a pain score of 7 to 9 out of 10",
                "not a diagnosis").doesNotContain(SECRET_NOTE);
    }

    @Test
    void anUrgentEmailAboutAnOlderCrampDoesNotSayNow() {
        String patientId = Events.patientId();
        String patient = Mailbox.newAddress("patient");
        Api.putContacts(patientId, patient, "SEE_DOCTOR");
        // Logged three days late: episodeStartedAt travels through the delivery row to the wording at send time.
        Events.send(patientId, Events.urgentLongCrampStartedAt(UUID.randomUUID(), patientId, UUID.randomUUID(),
                OffsetDateTime.now(ZoneOffset.ofHours(1)).minusDays(3).truncatedTo(ChronoUnit.SECONDS).toString()));
        MimeMessage old = Mailbox.await(patient, 1).get(0);
        assertThat(Mailbox.subject(old)).isEqualTo("Urgent: please read this today (CrampWatch)");
        assertThat(Mailbox.text(old)).contains("needed emergency care at the time", "If it is happening again or is still going on",
                "contact your doctor today").doesNotContainPattern("(?i)\\bnow\\b");
        // Without the field (an older producer) the escalation's raisedAt stands in: 2026-11-20, long past.
        Events.send(patientId, Events.urgentLongCrampStartedAt(UUID.randomUUID(), patientId, UUID.randomUUID(), null));
        MimeMessage fallback = Mailbox.await(patient, 2).get(1);
        assertThat(Mailbox.text(fallback)).contains("needed emergency care at the time", "On 20 November")
                .doesNotContainPattern("(?i)\\bnow\\b");
    }
}
