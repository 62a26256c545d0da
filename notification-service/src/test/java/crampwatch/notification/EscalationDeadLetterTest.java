package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crampwatch.testsupport.KafkaTopic;
import crampwatch.testsupport.TestRun;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A poison record on cramp-escalations goes to the dead-letter topic with its reason, counted; the consumer goes on. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class EscalationDeadLetterTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void poisonGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerGoesOn() {
        String patientId = Events.patientId();
        String clinician = Mailbox.newAddress("doctor");
        Api.putContacts(patientId, null, null, clinician, "URGENT");
        String unknownType = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"EscalationReopened\",\"schemaVersion\":2,"
                + "\"occurredAt\":\"2026-11-20T01:15:03Z\",\"patientId\":\"" + patientId + "\",\"somethingNew\":true}";
        String missingReason = Events.urgentLongCramp(UUID.randomUUID(), patientId, UUID.randomUUID())
                .replaceFirst(",\"reason\":\"[^\"]*\"", "");
        double malformedBefore = Metrics.deadLetters(Events.TOPIC, "malformed");
        try (KafkaTopic dlq = KafkaTopic.fromNow(TestRun.topic("cramp-escalations-notification-test") + ".dlq")) {
            Events.send(patientId, "this is not JSON {", missingReason, unknownType);
            Events.flush(dataSource, patientId, clinician);
            // Another consumer group on the shared broker (e.g. a local bin/stack) may dead-letter the same
            // records too: assert what reached the DLQ, not how often.
            dlq.awaitRecords(r -> patientId.equals(r.key()) && r.value().equals(missingReason), 1, Events.WAIT);
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
                assertThat(Metrics.deadLetters(Events.TOPIC, "malformed") - malformedBefore).isEqualTo(2.0));
    }

    private static String reason(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("dead-letter-reason");
        assertThat(header).as("dead-letter-reason header").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
