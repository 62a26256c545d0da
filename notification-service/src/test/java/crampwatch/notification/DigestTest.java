package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crampwatch.notification.mail.DigestSender;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The clinicians' daily SEE_DOCTOR digest against real Kafka, PostgreSQL and SMTP (GreenMail). The scheduled digest
 * round is off in tests ({@code %test.crampwatch.digest.poll-interval=off}); each test runs rounds itself at instants of
 * its choosing ({@link DigestSender#runAt}): the clinic's digest hour (08:00 Europe/London by default) on the coming days.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class DigestTest {

    static final ZoneId CLINIC = ZoneId.of("Europe/London");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DigestSender digests;

    /** {@code hour}:00 in the clinic's zone, {@code daysAhead} days from today. */
    static Instant at(int daysAhead, int hour) {
        return ZonedDateTime.of(LocalDate.now(CLINIC).plusDays(daysAhead), LocalTime.of(hour, 0), CLINIC).toInstant();
    }

    static void contacts(String patientId, String... clinicians) {
        Api.asClinician().body("{\"patient\":null,\"clinicians\":[" + String.join(",", clinicians) + "]}")
                .put("/patients/{p}/contacts", patientId).then().statusCode(200);
    }

    static String clinician(String email, String minLevel, String seeDoctorDelivery) {
        return "{\"email\":\"" + email + "\",\"minLevel\":\"" + minLevel + "\",\"seeDoctorDelivery\":\"" + seeDoctorDelivery + "\"}";
    }

    void awaitStatus(UUID escalation, String recipient, String status) {
        await().atMost(Events.WAIT).until(() -> DeliveryRows.forEscalation(dataSource, escalation).stream()
                .anyMatch(r -> recipient.equals(r.recipient()) && status.equals(r.status())));
    }

    DeliveryRows.Row row(UUID escalation, String recipient) {
        return DeliveryRows.forEscalation(dataSource, escalation).stream().filter(r -> recipient.equals(r.recipient()))
                .findFirst().orElseThrow();
    }

    /** The digest rows of an address: status per local date. */
    List<String> digestRows(String recipient) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT local_date, status FROM digest WHERE recipient_key = lower(?) ORDER BY local_date")) {
            ps.setString(1, recipient);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDigestClinicianGetsOneEmailADayListingTheOpenSeeDoctorEscalations() {
        String patientId = Events.patientId();
        String digestDoc = Mailbox.newAddress("digest-doc");
        String nowDoc = Mailbox.newAddress("now-doc");
        contacts(patientId, clinician(digestDoc, "SEE_DOCTOR", "DAILY_DIGEST"), clinician(nowDoc, "SEE_DOCTOR", "IMMEDIATE"));
        UUID pain = UUID.randomUUID();
        UUID sleep = UUID.randomUUID();
        UUID withdrawn = UUID.randomUUID();
        UUID acknowledged = UUID.randomUUID();
        Events.send(patientId,
                Events.raised(UUID.randomUUID(), patientId, pain, "SEE_DOCTOR", "SIGNIFICANT_PAIN",
                        "A cramp on 2026-11-19 was rated 8 out of 10 for pain."),
                Events.raised(UUID.randomUUID(), patientId, sleep, "SEE_DOCTOR", "FREQUENT_SLEEP_DISRUPTION",
                        "Cramps broke sleep on 4 of the last 14 nights."),
                Events.raised(UUID.randomUUID(), patientId, withdrawn, "SEE_DOCTOR", "OTHER_MUSCLES",
                        "A cramp on 2026-11-18 was in the hand, which later turned out to be a typo."),
                Events.raised(UUID.randomUUID(), patientId, acknowledged, "SEE_DOCTOR", "NOT_HELPED_BY_SELF_CARE",
                        "Stretching did not ease 3 cramps in a row, already seen to."));

        // The IMMEDIATE clinician gets each one at once; the digest clinician's are owed to the digest.
        Mailbox.await(nowDoc, 4);
        for (UUID e : List.of(pain, sleep, withdrawn, acknowledged)) {
            awaitStatus(e, digestDoc, "DIGEST");
            awaitStatus(e, nowDoc, "SENT");
        }
        Events.send(patientId, Events.withdrawn(UUID.randomUUID(), patientId, withdrawn, "SEE_DOCTOR", "OTHER_MUSCLES",
                "A cramp on 2026-11-18 was in the hand, which later turned out to be a typo."));
        awaitStatus(withdrawn, digestDoc, "CANCELLED");
        // An acknowledged escalation is no longer open either: a clinician has taken it on.
        Events.send(patientId, Events.acknowledged(UUID.randomUUID(), patientId, acknowledged, "SEE_DOCTOR", "NOT_HELPED_BY_SELF_CARE",
                "Stretching did not ease 3 cramps in a row, already seen to.", "dr-digest"));
        awaitStatus(acknowledged, digestDoc, "CANCELLED");
        // The digest clinician got nothing on its own; the delivery log shows what it is owed.
        assertThat(Mailbox.to(digestDoc)).isEmpty();
        Api.asClinician().queryParam("patientId", patientId).queryParam("status", "DIGEST").get("/notifications")
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(2));

        // Before the digest hour nothing is due.
        digests.runAt(at(1, 7));
        assertThat(Mailbox.to(digestDoc)).isEmpty();
        assertThat(digestRows(digestDoc)).isEmpty();

        digests.runAt(at(1, 9));
        List<MimeMessage> mail = Mailbox.await(digestDoc, 1);
        assertThat(mail).hasSize(1);
        MimeMessage digest = mail.get(0);
        assertThat(Mailbox.subject(digest)).startsWith("See a doctor: daily digest for ").contains("2 open escalations")
                .doesNotContain(patientId);
        String text = Mailbox.text(digest);
        assertThat(text).contains(patientId).contains("SIGNIFICANT_PAIN").contains("8 out of 10 for pain")
                .contains("FREQUENT_SLEEP_DISRUPTION").contains("broke sleep on 4 of the last 14 nights")
                .contains("/escalations?status=OPEN&patientId=" + patientId)
                .doesNotContain("OTHER_MUSCLES").doesNotContain("typo")
                .doesNotContain("NOT_HELPED_BY_SELF_CARE").doesNotContain("already seen to").doesNotContain(Events.SECRET_NOTE);
        assertThat(Mailbox.html(digest)).contains(patientId).contains("8 out of 10 for pain");
        String messageId = Mailbox.header(digest, "Message-ID");
        assertThat(messageId).startsWith("<digest-");
        for (UUID e : List.of(pain, sleep)) {
            assertThat(row(e, digestDoc).status()).isEqualTo("SENT");
            assertThat(row(e, digestDoc).messageId()).isEqualTo(messageId);
        }
        assertThat(row(withdrawn, digestDoc).status()).isEqualTo("CANCELLED");
        assertThat(row(acknowledged, digestDoc).status()).isEqualTo("CANCELLED");
        assertThat(row(acknowledged, nowDoc).status()).isEqualTo("SENT");

        // Later rounds the same day (another poll, a restarted instance) send nothing more.
        digests.runAt(at(1, 9));
        digests.runAt(at(1, 17));
        assertThat(Mailbox.to(digestDoc)).hasSize(1);
        assertThat(digestRows(digestDoc)).containsExactly(LocalDate.now(CLINIC).plusDays(1) + " SENT");
        assertThat(Mailbox.to(nowDoc)).hasSize(4);
    }

    @Test
    void aDigestListsWhatWasRaisedSinceTheLastOneAndNoneComesWhenNothingIsOpen() {
        String patientId = Events.patientId();
        String digestDoc = Mailbox.newAddress("digest-doc");
        String idleDoc = Mailbox.newAddress("idle-doc");
        contacts(patientId, clinician(digestDoc, "SEE_DOCTOR", "DAILY_DIGEST"));
        UUID first = UUID.randomUUID();
        Events.send(patientId, Events.raised(UUID.randomUUID(), patientId, first, "SEE_DOCTOR", "SIGNIFICANT_PAIN",
                "First day: a cramp was rated 7 out of 10 for pain."));
        awaitStatus(first, digestDoc, "DIGEST");
        digests.runAt(at(1, 8));
        assertThat(Mailbox.await(digestDoc, 1)).hasSize(1);

        UUID second = UUID.randomUUID();
        Events.send(patientId, Events.raised(UUID.randomUUID(), patientId, second, "SEE_DOCTOR", "NEW_MEDICINE",
                "Second day: cramps began 5 days after starting a new medicine."));
        awaitStatus(second, digestDoc, "DIGEST");
        // Raised before day 1's cut-off, but day 1's digest is out: it waits for day 2's.
        digests.runAt(at(1, 12));
        assertThat(Mailbox.to(digestDoc)).hasSize(1);
        digests.runAt(at(2, 8));
        List<MimeMessage> mail = Mailbox.await(digestDoc, 2);
        assertThat(mail).hasSize(2);
        String dayTwo = mail.stream().map(Mailbox::text).filter(t -> t.contains("Second day")).findFirst().orElseThrow();
        assertThat(dayTwo).doesNotContain("First day").contains("NEW_MEDICINE");

        // Day 3: nothing open, no email, no digest row. A digest clinician who never had anything gets nothing either.
        contacts(Events.patientId(), clinician(idleDoc, "SEE_DOCTOR", "DAILY_DIGEST"));
        digests.runAt(at(3, 8));
        assertThat(Mailbox.to(digestDoc)).hasSize(2);
        assertThat(digestRows(digestDoc)).hasSize(2);
        assertThat(Mailbox.to(idleDoc)).isEmpty();
        assertThat(digestRows(idleDoc)).isEmpty();

        // Everything owed withdrawn before the digest: no digest at all.
        UUID gone = UUID.randomUUID();
        Events.send(patientId, Events.raised(UUID.randomUUID(), patientId, gone, "SEE_DOCTOR", "SIGNIFICANT_PAIN",
                "Withdrawn: a cramp was rated 6 out of 10 for pain."));
        awaitStatus(gone, digestDoc, "DIGEST");
        Events.send(patientId, Events.withdrawn(UUID.randomUUID(), patientId, gone, "SEE_DOCTOR", "SIGNIFICANT_PAIN",
                "Withdrawn: a cramp was rated 6 out of 10 for pain."));
        awaitStatus(gone, digestDoc, "CANCELLED");
        digests.runAt(at(4, 8));
        assertThat(Mailbox.to(digestDoc)).hasSize(2);
        assertThat(digestRows(digestDoc)).hasSize(2);
    }

    @Test
    void urgentAlertsReachADigestClinicianAtOnce() {
        String patientId = Events.patientId();
        String digestDoc = Mailbox.newAddress("digest-doc");
        contacts(patientId, clinician(digestDoc, "SEE_DOCTOR", "DAILY_DIGEST"));
        UUID urgent = UUID.randomUUID();
        Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, urgent));
        List<MimeMessage> mail = Mailbox.await(digestDoc, 1);
        assertThat(Mailbox.subject(mail.get(0))).startsWith("Urgent: ");
        awaitStatus(urgent, digestDoc, "SENT");
        // And it is not listed in a digest later.
        digests.runAt(at(1, 9));
        assertThat(Mailbox.to(digestDoc)).hasSize(1);
        assertThat(digestRows(digestDoc)).isEmpty();
    }

    @Test
    void twoInstancesRunningTheDigestAtOnceSendExactlyOne() throws Exception {
        String patientId = Events.patientId();
        String digestDoc = Mailbox.newAddress("digest-doc");
        contacts(patientId, clinician(digestDoc, "SEE_DOCTOR", "DAILY_DIGEST"));
        List<UUID> raised = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID e = UUID.randomUUID();
            raised.add(e);
            Events.send(patientId, Events.raised(UUID.randomUUID(), patientId, e, "SEE_DOCTOR", "SIGNIFICANT_PAIN",
                    "Race " + i + ": a cramp was rated 8 out of 10 for pain."));
        }
        for (UUID e : raised) {
            awaitStatus(e, digestDoc, "DIGEST");
        }
        // Each round runs its own transactions against the shared database, exactly as two service instances would.
        Instant nine = at(1, 9);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> rounds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                rounds.add(pool.submit(() -> {
                    start.await();
                    digests.runAt(nine);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : rounds) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Mailbox.await(digestDoc, 1)).hasSize(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> Mailbox.to(digestDoc).size() == 1);
        assertThat(digestRows(digestDoc)).containsExactly(LocalDate.now(CLINIC).plusDays(1) + " SENT");
        assertThat(Mailbox.text(Mailbox.to(digestDoc).get(0))).contains("Race 0").contains("Race 1").contains("Race 2");
        for (UUID e : raised) {
            assertThat(row(e, digestDoc).status()).isEqualTo("SENT");
        }
    }

    @Test
    void aDigestWhoseSenderDiedIsSentAgainWithTheSameMessageId() {
        String patientId = Events.patientId();
        String digestDoc = Mailbox.newAddress("digest-doc");
        contacts(patientId, clinician(digestDoc, "SEE_DOCTOR", "DAILY_DIGEST"));
        UUID e = UUID.randomUUID();
        Events.send(patientId, Events.seeDoctorPain(UUID.randomUUID(), patientId, e));
        awaitStatus(e, digestDoc, "DIGEST");
        Instant nine = at(1, 9);
        UUID digestId = UUID.randomUUID();
        String messageId = "<digest-" + digestId + "@crampwatch.local>";
        // An instance built the digest and claimed it, then died before SMTP (kill -9): the row is SENDING under a lease.
        DeliveryRows.update(dataSource, """
                INSERT INTO digest (id, recipient_key, local_date, recipient, status, attempts, not_before, claim_token,
                                    lease_until, claimed_at, smtp_message_id, created_at, updated_at)
                VALUES (?, lower(?), ?, ?, 'SENDING', 1, ?, ?, ?, ?, ?, ?, ?)""",
                digestId, digestDoc, LocalDate.now(CLINIC).plusDays(1), digestDoc,
                java.sql.Timestamp.from(nine), UUID.randomUUID(), java.sql.Timestamp.from(nine.plusSeconds(300)),
                java.sql.Timestamp.from(nine), messageId, java.sql.Timestamp.from(nine),
                java.sql.Timestamp.from(nine));
        DeliveryRows.update(dataSource, "UPDATE delivery SET digest_id = ? WHERE escalation_id = ? AND lower(recipient) = lower(?)",
                digestId, e, digestDoc);
        // Within the lease nothing happens; after it the digest is swept back and sent, under the Message-ID it had.
        digests.runAt(nine.plusSeconds(60));
        assertThat(Mailbox.to(digestDoc)).isEmpty();
        digests.runAt(nine.plusSeconds(600));
        List<MimeMessage> mail = Mailbox.await(digestDoc, 1);
        assertThat(mail).hasSize(1);
        assertThat(Mailbox.header(mail.get(0), "Message-ID")).isEqualTo(messageId);
        assertThat(row(e, digestDoc).status()).isEqualTo("SENT");
        digests.runAt(nine.plusSeconds(1200));
        assertThat(Mailbox.to(digestDoc)).hasSize(1);
    }
}
