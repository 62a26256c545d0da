package crampwatch.notification;

import crampwatch.testsupport.TestRun;
import static crampwatch.notification.Events.SECRET_NOTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import crampwatch.testsupport.KafkaTopic;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** From an event on cramp-escalations to mail in a real SMTP inbox, through real Kafka and PostgreSQL. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class EscalationDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static String pid() {
        return "p-" + UUID.randomUUID();
    }

    static String addr(String who) {
        return Mailbox.newAddress(who);
    }

    static List<MimeMessage> awaitMail(String address, int count) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> Mailbox.to(address).size() >= count);
        return Mailbox.to(address);
    }

    /** Sends a marker escalation for the same patient (same partition) and waits for its mail: everything sent before it was consumed. */
    void flush(String patientId, String markerAddress) {
        UUID marker = UUID.randomUUID();
        Events.send(patientId, Events.raised(UUID.randomUUID(), patientId, marker, "URGENT", "DEBILITATING_PAIN",
                "A cramp on 2026-11-20 was rated 10 out of 10 for pain."));
        await().atMost(WAIT).until(() -> DeliveryRows.forEscalation(dataSource, marker).stream()
                .anyMatch(r -> r.recipient() != null && r.recipient().equals(markerAddress) && r.status().equals("SENT")));
    }

    @Test
    void urgentEscalationMailsPatientAndClinicianTheRightWords() {
        String patientId = pid();
        String patient = addr("patient");
        String clinician = addr("doctor");
        Api.putContacts(patientId, patient, "URGENT", clinician, "SEE_DOCTOR");
        UUID escalation = UUID.randomUUID();

        Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, escalation));

        MimeMessage toPatient = awaitMail(patient, 1).get(0);
        assertThat(Mailbox.subject(toPatient)).isEqualTo("Urgent: please get emergency care now (CrampWatch)");
        String text = Mailbox.text(toPatient);
        String html = Mailbox.html(toPatient).replaceAll("\\s+", " ");
        // The cramp started an hour ago: "now". Addressed to "you"; the clinicians' third-person reason is not shown.
        assertThat(text).contains("Seek emergency care now", "you had a cramp that lasted more than 10 minutes",
                "general information from CrampWatch, not a diagnosis", "http://localhost:8080/portal/advice")
                .doesNotContain("A cramp on 2026-11-20 lasted").doesNotContain("not medical advice");
        assertThat(html).contains("seek emergency care now", "not a diagnosis", "href=\"http://localhost:8080/portal/advice\"");
        assertThat(text + html).doesNotContain(SECRET_NOTE).doesNotContain("diary");

        MimeMessage toClinician = awaitMail(clinician, 1).get(0);
        assertThat(Mailbox.subject(toClinician)).isEqualTo("Urgent: patient " + patientId + " (CrampWatch)");
        String ctext = Mailbox.text(toClinician);
        assertThat(ctext).contains("Patient:       " + patientId, "Rule:          LONG_CRAMP",
                "A cramp on 2026-11-20 lasted 14 min 5 s, over the 10-minute limit.",
                "http://localhost:8080/clinic/escalations?status=OPEN&patientId=" + patientId);
        assertThat(ctext + Mailbox.html(toClinician)).doesNotContain(SECRET_NOTE).doesNotContain("diary");
        assertThat(Mailbox.header(toClinician, "To")).isEqualTo(clinician);
        assertThat(Mailbox.header(toPatient, "To")).isEqualTo(patient);

        // The log says SENT, with time and the Message-ID the server received.
        await().atMost(WAIT).until(() -> DeliveryRows.forEscalation(dataSource, escalation).stream()
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
        String patientId = pid();
        String patient = addr("patient");
        String clinician = addr("doctor");
        Api.putContacts(patientId, patient, "URGENT", clinician, "SEE_DOCTOR");
        UUID seeDoctor = UUID.randomUUID();
        UUID urgent = UUID.randomUUID();

        Events.send(patientId, Events.seeDoctorPain(UUID.randomUUID(), patientId, seeDoctor));
        MimeMessage first = awaitMail(clinician, 1).get(0);
        assertThat(Mailbox.subject(first)).isEqualTo("See a doctor: patient " + patientId + " (CrampWatch)");
        assertThat(Mailbox.text(first)).contains("SIGNIFICANT_PAIN", "A cramp on 2026-11-19 was rated 8 out of 10 for pain.");
        assertThat(DeliveryRows.forEscalation(dataSource, seeDoctor)).extracting(DeliveryRows.Row::recipient)
                .containsExactly(clinician);

        Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, urgent));
        awaitMail(clinician, 2);
        List<MimeMessage> patientMail = awaitMail(patient, 1);
        assertThat(patientMail).hasSize(1);
        assertThat(Mailbox.subject(patientMail.get(0))).startsWith("Urgent: ");
        assertThat(Mailbox.to(clinician)).extracting(Mailbox::subject)
                .anyMatch(s -> s.startsWith("See a doctor: ")).anyMatch(s -> s.startsWith("Urgent: "));
    }

    @Test
    void patientAskingForSeeDoctorGetsTheAppointmentEmail() {
        String patientId = pid();
        String patient = addr("patient");
        Api.putContacts(patientId, patient, "SEE_DOCTOR");
        Events.send(patientId, Events.seeDoctorPain(UUID.randomUUID(), patientId, UUID.randomUUID()));
        MimeMessage m = awaitMail(patient, 1).get(0);
        assertThat(Mailbox.subject(m)).startsWith("See a doctor: ");
        assertThat(Mailbox.text(m)).contains("book an appointment", "you gave a cramp a pain score of 7 to 9 out of 10",
                "not a diagnosis").doesNotContain(SECRET_NOTE);
    }

    @Test
    void anUrgentEmailAboutAnOlderCrampDoesNotSayNow() {
        String patientId = pid();
        String patient = addr("patient");
        Api.putContacts(patientId, patient, "SEE_DOCTOR");
        // Logged three days late: episodeStartedAt travels through the delivery row to the wording at send time.
        Events.send(patientId, Events.urgentLongCrampStartedAt(UUID.randomUUID(), patientId, UUID.randomUUID(),
                java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(1)).minusDays(3)
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
        MimeMessage old = awaitMail(patient, 1).get(0);
        assertThat(Mailbox.subject(old)).isEqualTo("Urgent: please read this today (CrampWatch)");
        assertThat(Mailbox.text(old)).contains("needed emergency care at the time", "If it is happening again or is still going on",
                "contact your doctor today").doesNotContainPattern("(?i)\\bnow\\b");
        // Without the field (an older producer) the escalation's raisedAt stands in: 2026-11-20, long past.
        Events.send(patientId, Events.urgentLongCrampStartedAt(UUID.randomUUID(), patientId, UUID.randomUUID(), null));
        MimeMessage fallback = awaitMail(patient, 2).get(1);
        assertThat(Mailbox.text(fallback)).contains("needed emergency care at the time", "On 20 November")
                .doesNotContainPattern("(?i)\\bnow\\b");
    }

    @Test
    void theSameEventTwiceAndTheSameEscalationAgainSendOneEmail() {
        String patientId = pid();
        String clinician = addr("doctor");
        Api.putContacts(patientId, null, null, clinician, "SEE_DOCTOR");
        UUID escalation = UUID.randomUUID();
        String event = Events.urgentLongCramp(UUID.randomUUID(), patientId, escalation);

        Events.send(patientId, event, event);
        Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, escalation));
        flush(patientId, clinician);

        assertThat(DeliveryRows.forEscalation(dataSource, escalation)).hasSize(1)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo("SENT"));
        assertThat(Mailbox.to(clinician)).filteredOn(m -> Mailbox.text(m).contains("14 min 5 s")).hasSize(1);
    }

    @Test
    void nobodyToTellLeavesANoRecipientRowAndCountsIt() {
        double before = metric("crampwatch_deliveries_no_recipient_total");
        String noContacts = pid();
        UUID e1 = UUID.randomUUID();
        Events.send(noContacts, Events.urgentLongCramp(UUID.randomUUID(), noContacts, e1));

        String onlyUrgent = pid();
        String patient = addr("patient");
        Api.putContacts(onlyUrgent, patient, "URGENT");
        UUID e2 = UUID.randomUUID();
        Events.send(onlyUrgent, Events.seeDoctorPain(UUID.randomUUID(), onlyUrgent, e2));

        await().atMost(WAIT).until(() -> DeliveryRows.forEscalation(dataSource, e1).size() == 1
                && DeliveryRows.forEscalation(dataSource, e2).size() == 1);
        assertThat(DeliveryRows.forEscalation(dataSource, e1).get(0).status()).isEqualTo("NO_RECIPIENT");
        assertThat(DeliveryRows.forEscalation(dataSource, e2).get(0).status()).isEqualTo("NO_RECIPIENT");
        assertThat(DeliveryRows.forEscalation(dataSource, e2).get(0).recipient()).isNull();
        assertThat(metric("crampwatch_deliveries_no_recipient_total")).isGreaterThanOrEqualTo(before + 2);
        Api.asClinician().queryParam("patientId", noContacts).get("/notifications").then().statusCode(200)
                .body("items[0].status", org.hamcrest.Matchers.equalTo("NO_RECIPIENT"))
                .body("items[0].recipient", org.hamcrest.Matchers.nullValue());
        assertThat(Mailbox.to(patient)).isEmpty();
    }

    @Test
    void aWithdrawalThatArrivesFirstMeansNoEmail() {
        String patientId = pid();
        String clinician = addr("doctor");
        Api.putContacts(patientId, null, null, clinician, "SEE_DOCTOR");
        UUID escalation = UUID.randomUUID();
        Events.send(patientId,
                Events.withdrawn(UUID.randomUUID(), patientId, escalation, "SEE_DOCTOR", "SIGNIFICANT_PAIN", "A cramp was rated 8 out of 10."),
                Events.seeDoctorPain(UUID.randomUUID(), patientId, escalation));
        flush(patientId, clinician);
        assertThat(DeliveryRows.forEscalation(dataSource, escalation)).extracting(DeliveryRows.Row::status).containsExactly("CANCELLED");
        assertThat(Mailbox.to(clinician)).hasSize(1); // only the marker
    }

    @Test
    void poisonGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerGoesOn() {
        String patientId = pid();
        String clinician = addr("doctor");
        Api.putContacts(patientId, null, null, clinician, "URGENT");
        String unknownType = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"EscalationReopened\",\"schemaVersion\":2,"
                + "\"occurredAt\":\"2026-11-20T01:15:03Z\",\"patientId\":\"" + patientId + "\",\"somethingNew\":true}";
        String missingReason = Events.urgentLongCramp(UUID.randomUUID(), patientId, UUID.randomUUID())
                .replaceFirst(",\"reason\":\"[^\"]*\"", "");
        double malformedBefore = deadLetters(Events.TOPIC, "malformed");
        try (KafkaTopic dlq = KafkaTopic.fromNow(TestRun.topic("cramp-escalations-notification-test") + ".dlq")) {
            Events.send(patientId, "this is not JSON {", missingReason, unknownType);
            flush(patientId, clinician);
            // Another consumer group on the shared broker (e.g. a local bin/stack) may dead-letter the same
            // records too: assert what reached the DLQ, not how often.
            dlq.awaitRecords(r -> patientId.equals(r.key()) && r.value().equals(missingReason), 1, WAIT);
            List<ConsumerRecord<String, String>> dead = dlq.poll(Duration.ofMillis(500)).stream()
                    .filter(KafkaTopic.keyed(patientId)).toList();
            assertThat(dead).extracting(ConsumerRecord::value).containsOnly("this is not JSON {", missingReason)
                    .contains("this is not JSON {", missingReason);
            assertThat(dead).filteredOn(r -> r.value().startsWith("this is not JSON"))
                    .allSatisfy(r -> assertThat(reason(r)).contains("not a valid escalation event", "not JSON"));
            assertThat(dead).filteredOn(r -> r.value().equals(missingReason))
                    .allSatisfy(r -> assertThat(reason(r)).contains("required property 'reason'"));
        }
        // Counted, per topic and reason (issue 11 F8): both poison records, nothing for the unknown type.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(deadLetters(Events.TOPIC, "malformed") - malformedBefore).isEqualTo(2.0));
    }

    @Test
    void acknowledgementsAndAdviceChangesAreAcceptedNeitherMailedNorDeadLettered() {
        String patientId = pid();
        String clinician = addr("doctor");
        Api.putContacts(patientId, null, null, clinician, "URGENT");
        UUID escalation = UUID.randomUUID();
        try (KafkaTopic dlq = KafkaTopic.fromNow(TestRun.topic("cramp-escalations-notification-test") + ".dlq")) {
            Events.send(patientId, Events.acknowledged(UUID.randomUUID(), patientId, escalation, "c-1"),
                    Events.adviceChanged(UUID.randomUUID(), patientId, "SELF_CARE", "URGENT", escalation));
            flush(patientId, clinician);
            assertThat(dlq.poll(Duration.ofMillis(500))).filteredOn(KafkaTopic.keyed(patientId)).isEmpty();
        }
        assertThat(DeliveryRows.forEscalation(dataSource, escalation)).isEmpty();
        assertThat(Mailbox.to(clinician)).hasSize(1); // only the marker
    }

    /** crampwatch_dead_letters_total for this topic and reason (0 before the first). */
    static double deadLetters(String topic, String reason) {
        String text = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^crampwatch_dead_letters_total\\{([^}]*)} ([0-9.eE+-]+)$")
                .matcher(text);
        while (m.find()) {
            if (m.group(1).contains("topic=\"" + topic + "\"") && m.group(1).contains("reason=\"" + reason + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    private static String reason(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("dead-letter-reason");
        assertThat(header).as("dead-letter-reason header").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

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
        String patientId = pid();
        String recipient = addr("doctor");
        UUID escalation = UUID.randomUUID();
        UUID id = insertAbandoned(patientId, recipient, escalation, 1, false);
        await().atMost(WAIT).until(() -> DeliveryRows.forEscalation(dataSource, escalation).get(0).status().equals("SENT"));
        DeliveryRows.Row row = DeliveryRows.forEscalation(dataSource, escalation).get(0);
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.messageId()).isEqualTo("<" + id + "@crampwatch.local>");
        List<MimeMessage> mail = awaitMail(recipient, 1);
        assertThat(mail).hasSize(1);
        assertThat(Mailbox.header(mail.get(0), "Message-ID")).isEqualTo(row.messageId());
    }

    @Test
    void aLeaseThatRunsOutOnTheLastAttemptEndsFailedAndCounted() {
        String patientId = pid();
        String recipient = addr("doctor");
        UUID escalation = UUID.randomUUID();
        double before = metric("crampwatch_deliveries_failed_total{level=\"URGENT\"}");
        insertAbandoned(patientId, recipient, escalation, 60, true); // the test profile's max-attempts
        await().atMost(WAIT).until(() -> DeliveryRows.forEscalation(dataSource, escalation).get(0).status().equals("FAILED"));
        assertThat(DeliveryRows.forEscalation(dataSource, escalation).get(0).lastError()).startsWith("attempt 60: ")
                .contains("lease expired");
        assertThat(metric("crampwatch_deliveries_failed_total{level=\"URGENT\"}")).isEqualTo(before + 1);
        assertThat(Mailbox.to(recipient)).isEmpty();
    }

    @Test
    void readinessCoversDatabaseKafkaAndSmtpAndMetricsCountDeliveries() {
        RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("\"smtp\"")).body(containsString("\"kafka\"")).body(containsString("Database connections"));
        RestAssured.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("crampwatch_deliveries_sent_total"))
                .body(containsString("crampwatch_deliveries_failed_total"))
                .body(containsString("crampwatch_deliveries_pending"))
                .body(containsString("crampwatch_deliveries_oldest_pending_age_seconds"))
                .body(containsString("crampwatch_deliveries_no_recipient_total"));
        RestAssured.given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/patients/{patientId}/contacts")).body(containsString("/notifications"));
    }

    /** The sum of a metric's series; {@code name} may carry labels ({@code x_total{level="URGENT"}}) to pick one. */
    static double metric(String name) {
        String body = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{") || name.contains("{") && l.startsWith(name))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
