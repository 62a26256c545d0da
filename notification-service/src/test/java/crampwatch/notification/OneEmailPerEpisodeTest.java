package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * domain.md, "One message per episode": when one episode's arrival raises several escalations, each recipient gets
 * one email at the highest level listing every reason — never a "go now" and a "book in the coming days" email side
 * by side. Through real Kafka, PostgreSQL and an SMTP inbox.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class OneEmailPerEpisodeTest {

    static final String LONG = "A cramp on 2026-11-20 lasted 14 min 5 s, over the 10-minute limit.";
    static final String PAIN = "A cramp on 2026-11-20 was rated 8 out of 10 for pain, at or above the 7 that calls for a doctor's visit.";
    static final String LEG = "A cramp on 2026-11-20 came with swelling and numbness in the leg.";

    @Inject
    AgroalDataSource dataSource;

    /** A patient of the test's own, with the patient's and a GP's address on the contact list. */
    record Patient(String id, String email, String gp) {
    }

    /**
     * A new patient whose contacts are the patient (from SEE_DOCTOR up), a GP from {@code gpMinLevel} up, and any
     * further clinicians ({@code address, minLevel} pairs).
     */
    static Patient patientWithGp(String gpMinLevel, String... moreClinicians) {
        Patient p = new Patient(Events.patientId(), Mailbox.newAddress("patient"), Mailbox.newAddress("gp"));
        List<String> clinicians = new ArrayList<>(List.of(p.gp(), gpMinLevel));
        clinicians.addAll(List.of(moreClinicians));
        Api.putContacts(p.id(), p.email(), "SEE_DOCTOR", clinicians.toArray(String[]::new));
        return p;
    }

    /** For a while, nobody gets a second email (any second one would follow the first within the poll interval). */
    static void noMoreMailThan(int count, String... addresses) {
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> {
            for (String a : addresses) {
                if (Mailbox.to(a).size() != count) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void anEpisodeThatFiresUrgentAndSeeDoctorRulesSendsEachRecipientOneUrgentEmailListingBothReasons() {
        String surgeon = Mailbox.newAddress("surgeon");
        Patient p = patientWithGp("SEE_DOCTOR", surgeon, "URGENT");
        String patientId = p.id();
        String patient = p.email();
        String gp = p.gp();
        UUID episode = UUID.randomUUID();
        UUID seeDoctor = UUID.randomUUID();
        UUID urgent = UUID.randomUUID();
        List<UUID> together = List.of(seeDoctor, urgent);

        // The SEE_DOCTOR one first: the email must still be the URGENT one, with both reasons.
        Events.send(patientId,
                Events.raisedWith(patientId, seeDoctor, "SEE_DOCTOR", "SIGNIFICANT_PAIN", PAIN, episode, together),
                Events.raisedWith(patientId, urgent, "URGENT", "LONG_CRAMP", LONG, episode, together));

        MimeMessage toPatient = Mailbox.await(patient, 1).get(0);
        MimeMessage toGp = Mailbox.await(gp, 1).get(0);
        MimeMessage toSurgeon = Mailbox.await(surgeon, 1).get(0);
        noMoreMailThan(1, patient, gp, surgeon);

        assertThat(Mailbox.subject(toPatient)).isEqualTo("Urgent: please get emergency care now (CrampWatch)");
        assertThat(Mailbox.text(toPatient)).contains("Seek emergency care now",
                "What we noticed: On ", "you had a cramp that lasted more than 10 minutes.",
                "Also: On ", "you gave a cramp a pain score of 7 to 9 out of 10.")
                .doesNotContain("book an appointment");
        assertThat(Mailbox.html(toPatient)).contains("pain score of 7 to 9 out of 10");

        assertThat(Mailbox.subject(toGp)).isEqualTo("Urgent: patient " + patientId + " (CrampWatch)");
        assertThat(Mailbox.text(toGp)).contains("Rule:          LONG_CRAMP", "Reason:        " + LONG,
                "Also raised:   SIGNIFICANT_PAIN", "Reason:        " + PAIN);
        // The surgeon wants URGENT only: the email carries the urgent reason and nothing of the other.
        assertThat(Mailbox.text(toSurgeon)).contains("Rule:          LONG_CRAMP").doesNotContain("SIGNIFICANT_PAIN");

        // Every delivery is SENT, and a recipient's two deliveries went out as the same message.
        await().atMost(Events.WAIT).until(() -> DeliveryRows.forPatient(dataSource, patientId).stream()
                .allMatch(r -> r.status().equals("SENT")));
        List<DeliveryRows.Row> rows = DeliveryRows.forPatient(dataSource, patientId);
        assertThat(rows).hasSize(5);
        assertThat(rows.stream().filter(r -> r.recipient().equals(patient)).map(DeliveryRows.Row::messageId).distinct())
                .containsExactly(Mailbox.header(toPatient, "Message-ID"));
        assertThat(rows.stream().filter(r -> r.recipient().equals(gp)).map(DeliveryRows.Row::messageId).distinct())
                .containsExactly(Mailbox.header(toGp, "Message-ID"));
        assertThat(rows.stream().filter(r -> r.recipient().equals(gp)).map(DeliveryRows.Row::level))
                .containsExactlyInAnyOrder("URGENT", "SEE_DOCTOR");
    }

    @Test
    void twoSeeDoctorReasonsOfOneEpisodeMakeOneEmailWithTheClotWarning() {
        Patient p = patientWithGp("SEE_DOCTOR");
        String patientId = p.id();
        String patient = p.email();
        String gp = p.gp();
        UUID episode = UUID.randomUUID();
        UUID pain = UUID.randomUUID();
        UUID leg = UUID.randomUUID();
        List<UUID> together = List.of(pain, leg);

        Events.send(patientId,
                Events.raisedWith(patientId, pain, "SEE_DOCTOR", "SIGNIFICANT_PAIN", PAIN, episode, together),
                Events.raisedWith(patientId, leg, "SEE_DOCTOR", "LEG_CHANGES", LEG, episode, together));

        MimeMessage toPatient = Mailbox.await(patient, 1).get(0);
        Mailbox.await(gp, 1);
        noMoreMailThan(1, patient, gp);
        assertThat(Mailbox.subject(toPatient)).isEqualTo("See a doctor: please get checked today (CrampWatch)");
        assertThat(Mailbox.text(toPatient)).contains("pain score of 7 to 9 out of 10", "changes in your leg",
                "blood clot", "see a doctor today");
    }

    @Test
    void escalationsOfDifferentEpisodesAreStillSeparateEmails() {
        Patient p = patientWithGp("SEE_DOCTOR");
        String patientId = p.id();
        String patient = p.email();
        String gp = p.gp();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        Events.send(patientId,
                Events.raisedWith(patientId, first, "URGENT", "LONG_CRAMP", LONG, UUID.randomUUID(), List.of(first)),
                Events.raisedWith(patientId, second, "SEE_DOCTOR", "SIGNIFICANT_PAIN", PAIN, UUID.randomUUID(), List.of(second)));

        List<MimeMessage> mail = Mailbox.await(gp, 2);
        noMoreMailThan(2, patient, gp);
        assertThat(mail).extracting(Mailbox::subject).containsExactlyInAnyOrder(
                "Urgent: patient " + patientId + " (CrampWatch)", "See a doctor: patient " + patientId + " (CrampWatch)");
    }

    @Test
    void aSiblingThatNeverArrivesHoldsTheOthersOnlyForTheGroupHold() {
        Patient p = patientWithGp("URGENT");
        String patientId = p.id();
        String patient = p.email();
        UUID urgent = UUID.randomUUID();

        Events.send(patientId, Events.raisedWith(patientId, urgent, "URGENT", "LONG_CRAMP", LONG, UUID.randomUUID(),
                List.of(urgent, UUID.randomUUID())));

        // Sent on its own, once the group hold (3 s in tests) has passed without the other one.
        assertThat(Mailbox.subject(Mailbox.await(patient, 1).get(0))).startsWith("Urgent: ");
        // Held while the other was expected: the service's own timestamps say so, whatever the machine's load did to
        // this test thread (a wall-clock window measured here would depend on it).
        assertThat(heldFor(urgent, patient)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    /** How long the delivery to {@code recipient} waited between being written and being sent. */
    private Duration heldFor(UUID escalationId, String recipient) {
        await().atMost(Duration.ofSeconds(60)).until(() -> sentAfter(escalationId, recipient) != null);
        return sentAfter(escalationId, recipient);
    }

    private Duration sentAfter(UUID escalationId, String recipient) {
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.PreparedStatement st = c.prepareStatement("SELECT (EXTRACT(EPOCH FROM sent_at - created_at) * 1000)::bigint"
                     + " FROM delivery WHERE escalation_id = ? AND lower(recipient) = lower(?) AND status = 'SENT'")) {
            st.setObject(1, escalationId);
            st.setString(2, recipient);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                return rs.next() ? Duration.ofMillis(rs.getLong(1)) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
