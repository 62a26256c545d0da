package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import crampwatch.testsupport.KafkaTopic;
import crampwatch.testsupport.TestRun;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the consumer writes for an escalation event, through real Kafka and PostgreSQL: a redelivered event or a
 * repeated escalation changes nothing, nobody to tell leaves a NO_RECIPIENT row, a withdrawal that arrives first
 * means no email.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class EscalationIntakeTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theSameEventTwiceAndTheSameEscalationAgainSendOneEmail() {
        String patientId = Events.patientId();
        String clinician = Mailbox.newAddress("doctor");
        Api.putContacts(patientId, null, null, clinician, "SEE_DOCTOR");
        UUID escalation = UUID.randomUUID();
        String event = Events.urgentLongCramp(UUID.randomUUID(), patientId, escalation);

        Events.send(patientId, event, event);
        Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, escalation));
        Events.flush(dataSource, patientId, clinician);

        assertThat(DeliveryRows.forEscalation(dataSource, escalation)).hasSize(1)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo("SENT"));
        assertThat(Mailbox.to(clinician)).filteredOn(m -> Mailbox.text(m).contains("14 min 5 s")).hasSize(1);
    }

    @Test
    void nobodyToTellLeavesANoRecipientRowAndCountsIt() {
        double before = Metrics.metric("crampwatch_deliveries_no_recipient_total");
        String noContacts = Events.patientId();
        UUID e1 = UUID.randomUUID();
        Events.send(noContacts, Events.urgentLongCramp(UUID.randomUUID(), noContacts, e1));

        String onlyUrgent = Events.patientId();
        String patient = Mailbox.newAddress("patient");
        Api.putContacts(onlyUrgent, patient, "URGENT");
        UUID e2 = UUID.randomUUID();
        Events.send(onlyUrgent, Events.seeDoctorPain(UUID.randomUUID(), onlyUrgent, e2));

        await().atMost(Events.WAIT).until(() -> DeliveryRows.forEscalation(dataSource, e1).size() == 1
                && DeliveryRows.forEscalation(dataSource, e2).size() == 1);
        assertThat(DeliveryRows.forEscalation(dataSource, e1).get(0).status()).isEqualTo("NO_RECIPIENT");
        assertThat(DeliveryRows.forEscalation(dataSource, e2).get(0).status()).isEqualTo("NO_RECIPIENT");
        assertThat(DeliveryRows.forEscalation(dataSource, e2).get(0).recipient()).isNull();
        assertThat(Metrics.metric("crampwatch_deliveries_no_recipient_total")).isGreaterThanOrEqualTo(before + 2);
        Api.asClinician().queryParam("patientId", noContacts).get("/notifications").then().statusCode(200)
                .body("items[0].status", equalTo("NO_RECIPIENT"))
                .body("items[0].recipient", nullValue());
        assertThat(Mailbox.to(patient)).isEmpty();
    }

    @Test
    void aWithdrawalThatArrivesFirstMeansNoEmail() {
        String patientId = Events.patientId();
        String clinician = Mailbox.newAddress("doctor");
        Api.putContacts(patientId, null, null, clinician, "SEE_DOCTOR");
        UUID escalation = UUID.randomUUID();
        Events.send(patientId,
                Events.withdrawn(UUID.randomUUID(), patientId, escalation, "SEE_DOCTOR", "SIGNIFICANT_PAIN", "A cramp was rated 8 out of 10."),
                Events.seeDoctorPain(UUID.randomUUID(), patientId, escalation));
        Events.flush(dataSource, patientId, clinician);
        assertThat(DeliveryRows.forEscalation(dataSource, escalation)).extracting(DeliveryRows.Row::status).containsExactly("CANCELLED");
        assertThat(Mailbox.to(clinician)).hasSize(1); // only the marker
    }

    @Test
    void anAcknowledgementStopsTheChainAndLikeAnAdviceChangeIsNeitherMailedNorDeadLettered() {
        String patientId = Events.patientId();
        String clinician = Mailbox.newAddress("doctor");
        Api.putContacts(patientId, null, null, clinician, "URGENT");
        UUID escalation = UUID.randomUUID();
        UUID neverSeen = UUID.randomUUID();
        try (KafkaTopic dlq = KafkaTopic.fromNow(TestRun.topic("cramp-escalations-notification-test") + ".dlq")) {
            Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, escalation));
            await().atMost(Events.WAIT).until(() -> ChainRows.chain(dataSource, escalation) != null);
            assertThat(ChainRows.chain(dataSource, escalation).state()).isEqualTo("ACTIVE");
            Events.send(patientId, Events.acknowledged(UUID.randomUUID(), patientId, escalation, "c-1"),
                    Events.acknowledged(UUID.randomUUID(), patientId, neverSeen, "c-2"),
                    Events.adviceChanged(UUID.randomUUID(), patientId, "SELF_CARE", "URGENT", escalation));
            Events.flush(dataSource, patientId, clinician);
            dlq.assertStays(KafkaTopic.keyed(patientId), 0, Duration.ofMillis(500));
        }
        // The acknowledgement stopped the chain; one for an escalation not seen raised yet leaves a stopped chain, so a
        // late EscalationRaised starts none. Neither wrote a delivery.
        assertThat(ChainRows.chain(dataSource, escalation).state()).isEqualTo("ACKNOWLEDGED");
        assertThat(ChainRows.chain(dataSource, escalation).stoppedBy()).isEqualTo("c-1");
        assertThat(ChainRows.chain(dataSource, neverSeen).state()).isEqualTo("ACKNOWLEDGED");
        assertThat(DeliveryRows.forEscalation(dataSource, neverSeen)).isEmpty();
        assertThat(DeliveryRows.forEscalation(dataSource, escalation)).hasSize(1)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo("SENT"));
        assertThat(Mailbox.to(clinician)).hasSize(2); // the escalation's first email and the marker
    }
}
