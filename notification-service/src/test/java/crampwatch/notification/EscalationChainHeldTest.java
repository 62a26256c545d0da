package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crampwatch.notification.mail.DeliverySender;
import crampwatch.notification.service.EscalationChainWorker;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The escalation chain with the test deciding when things are due: a chain's first step waits an hour and its worker polls
 * hourly, new deliveries wait an hour ({@code crampwatch.delivery.initial-delay}), and the test moves {@code next_step_at}
 * and {@code not_before} into the past. So an acknowledgement or a withdrawal deterministically arrives between two steps,
 * several workers (standing in for instances, each call its own transactions, as in HeldDeliveriesTest) race for the
 * same due steps, and an instance can "die" holding a chain's lock or a step's claim. Two steps in all.
 */
@QuarkusTest
@TestProfile(EscalationChainHeldTest.Held.class)
@WithTestResource(GreenMailResource.class)
class EscalationChainHeldTest {

    public static class Held implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crampwatch.escalation-chain.first-step", "1h", "crampwatch.escalation-chain.max-interval", "2h",
                    "crampwatch.escalation-chain.max-steps", "2", "crampwatch.escalation-chain.poll-interval", "1h",
                    "crampwatch.escalation-chain.batch-size", "2", "crampwatch.delivery.initial-delay", "1h");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EscalationChainWorker worker;

    @Inject
    DeliverySender sender;

    /** A patient with its own address and one clinician, an on-call address, and an URGENT escalation taken in. */
    record Setup(String patientId, String patient, String clinician, String onCall, UUID escalation) {
    }

    Setup raised(boolean withPatient) {
        String patientId = Events.patientId();
        String patient = withPatient ? Mailbox.newAddress("patient") : null;
        String clinician = Mailbox.newAddress("doctor");
        String onCall = Mailbox.newAddress("oncall");
        Api.putContacts(patientId, patient, withPatient ? "URGENT" : null, clinician, "URGENT");
        EscalationChainTest.putOnCall(onCall);
        UUID escalation = UUID.randomUUID();
        Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, escalation));
        await().atMost(Events.WAIT).until(() -> ChainRows.chain(dataSource, escalation) != null
                && !ChainRows.deliveries(dataSource, escalation).isEmpty());
        assertThat(ChainRows.chain(dataSource, escalation).state()).isEqualTo("ACTIVE");
        assertThat(ChainRows.chain(dataSource, escalation).nextStep()).isEqualTo(1);
        return new Setup(patientId, patient, clinician, onCall, escalation);
    }

    @Test
    void anAcknowledgementStopsTheChainAndCancelsItsPendingStepButNotTheFirstEmail() {
        Setup s = raised(true);
        ChainRows.makeChainDue(dataSource, s.escalation());
        worker.runDue();
        assertThat(ChainRows.step(dataSource, s.escalation(), 1)).extracting(ChainRows.Step::recipient, ChainRows.Step::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(s.clinician(), "PENDING"),
                        org.assertj.core.groups.Tuple.tuple(s.onCall(), "PENDING"));

        Events.send(s.patientId(), Events.acknowledged(UUID.randomUUID(), s.patientId(), s.escalation(), "c-7"));
        await().atMost(Events.WAIT).until(() -> ChainRows.chain(dataSource, s.escalation()).state().equals("ACKNOWLEDGED"));
        assertThat(ChainRows.chain(dataSource, s.escalation()).stoppedBy()).isEqualTo("c-7");
        assertThat(ChainRows.step(dataSource, s.escalation(), 1)).allSatisfy(r -> assertThat(r.status()).isEqualTo("CANCELLED"));
        assertThat(ChainRows.step(dataSource, s.escalation(), 0)).allSatisfy(r -> assertThat(r.status()).isEqualTo("PENDING"));

        // Its next step's time comes: nothing is written. The first email still goes out, to the patient too.
        ChainRows.makeChainDue(dataSource, s.escalation());
        worker.runDue();
        ChainRows.makeDeliveriesDue(dataSource, s.escalation());
        await().atMost(Events.WAIT).until(() -> ChainRows.step(dataSource, s.escalation(), 0).stream()
                .allMatch(r -> r.status().equals("SENT")));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20))
                .until(() -> ChainRows.deliveries(dataSource, s.escalation()).size() == 4);
        assertThat(ChainRows.step(dataSource, s.escalation(), 2)).isEmpty();
        assertThat(Mailbox.to(s.patient())).hasSize(1);
        assertThat(ChainRows.mailAbout(s.clinician(), s.patientId())).hasSize(1)
                .allSatisfy(m -> assertThat(Mailbox.subject(m)).isEqualTo("Urgent: patient " + s.patientId() + " (CrampWatch)"));
        assertThat(ChainRows.mailAbout(s.onCall(), s.patientId())).isEmpty();
    }

    @Test
    void aWithdrawalStopsTheChainAndCancelsEverythingPending() {
        try (crampwatch.testsupport.KafkaTopic published = crampwatch.testsupport.KafkaTopic.fromNow(
                crampwatch.testsupport.TestRun.topic("cramp-deliveries-notification-test"))) {
            Setup s = raised(false);
            ChainRows.makeChainDue(dataSource, s.escalation());
            worker.runDue();
            assertThat(ChainRows.step(dataSource, s.escalation(), 1)).hasSize(2);
            // The work list learns each delivery's step from its DeliveryStatusChanged (0: the first email; 1: reminder 1).
            String escalationId = s.escalation().toString();
            java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> written =
                    r -> r.value().contains(escalationId) && r.value().contains("\"status\":\"PENDING\"");
            assertThat(published.awaitRecords(written, 3, Events.WAIT)).allSatisfy(r ->
                            crampwatch.testsupport.EventAssert.assertValid(crampwatch.common.events.EventSchemas.DELIVERY_EVENT, r.value()))
                    .extracting(r -> r.value().replaceAll(".*\"step\":(\\d+).*", "$1"))
                    .containsExactlyInAnyOrder("0", "1", "1");
            withdrawnAfterStepOne(s);
        }
    }

    private void withdrawnAfterStepOne(Setup s) {

        Events.send(s.patientId(), Events.withdrawn(UUID.randomUUID(), s.patientId(), s.escalation(), "URGENT", "LONG_CRAMP",
                "A cramp on 2026-11-20 lasted 14 min 5 s, over the 10-minute limit."));
        await().atMost(Events.WAIT).until(() -> ChainRows.chain(dataSource, s.escalation()).state().equals("WITHDRAWN"));
        assertThat(ChainRows.deliveries(dataSource, s.escalation())).hasSize(3)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo("CANCELLED"));

        ChainRows.makeChainDue(dataSource, s.escalation());
        worker.runDue();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20))
                .until(() -> ChainRows.deliveries(dataSource, s.escalation()).size() == 3);
        assertThat(ChainRows.mailAbout(s.clinician(), s.patientId())).isEmpty();
        assertThat(ChainRows.mailAbout(s.onCall(), s.patientId())).isEmpty();
    }

    @Test
    void racingInstancesWriteAndSendEachStepOnceAndTheChainEndsAfterTheLastStep() throws Exception {
        String patientId = Events.patientId();
        String clinician = Mailbox.newAddress("doctor");
        String onCall = Mailbox.newAddress("oncall");
        Api.putContacts(patientId, null, null, clinician, "URGENT");
        EscalationChainTest.putOnCall(onCall);
        List<UUID> escalations = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID escalation = UUID.randomUUID();
            escalations.add(escalation);
            Events.send(patientId, Events.raised(UUID.randomUUID(), patientId, escalation, "URGENT", "LONG_CRAMP",
                    "Chain race cramp " + i + " lasted 11 min 0 s, over the 10-minute limit."));
        }
        await().atMost(Events.WAIT).until(() -> escalations.stream().allMatch(e -> ChainRows.chain(dataSource, e) != null));

        for (int step = 1; step <= 2; step++) {
            escalations.forEach(e -> ChainRows.makeChainDue(dataSource, e));
            race(() -> worker.runDue());
            for (UUID e : escalations) {
                assertThat(ChainRows.step(dataSource, e, step)).as("escalation %s, step %d", e, step)
                        .extracting(ChainRows.Step::recipient).containsExactlyInAnyOrder(clinician, onCall);
                assertThat(ChainRows.chain(dataSource, e).nextStep()).isEqualTo(step + 1);
            }
            escalations.forEach(e -> ChainRows.makeDeliveriesDue(dataSource, e));
            race(() -> {
                int total = 0;
                for (int n = sender.sendBatch(); n > 0; n = sender.sendBatch()) {
                    total += n;
                }
                return total;
            });
            int sentSteps = step;
            await().atMost(Events.WAIT).until(() -> escalations.stream().allMatch(e -> ChainRows.deliveries(dataSource, e).stream()
                    .filter(r -> r.step() <= sentSteps).allMatch(r -> r.status().equals("SENT"))));
        }
        // Past the last step: COMPLETED, and its time coming again writes nothing.
        escalations.forEach(e -> assertThat(ChainRows.chain(dataSource, e).state()).isEqualTo("COMPLETED"));
        escalations.forEach(e -> ChainRows.makeChainDue(dataSource, e));
        race(() -> worker.runDue());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20)).until(() -> escalations.stream()
                .allMatch(e -> ChainRows.deliveries(dataSource, e).size() == 5)); // step 0 to the clinician, 2 × 2 steps
        // Each step's email arrived once per recipient: one message per delivery row, by its Message-ID.
        for (UUID e : escalations) {
            for (ChainRows.Step r : ChainRows.deliveries(dataSource, e)) {
                assertThat(ChainRows.mailFor(r.recipient(), r.id())).as("delivery %s (step %d)", r.id(), r.step()).hasSize(1);
            }
        }
        assertThat(ChainRows.mailAbout(onCall, patientId)).hasSize(12);
        assertThat(ChainRows.mailAbout(clinician, patientId)).hasSize(18);
    }

    @Test
    void aStepWhoseInstanceDiedMidwayIsWrittenAndSentExactlyOnce() throws Exception {
        Setup s = raised(false);
        ChainRows.makeChainDue(dataSource, s.escalation());

        // An instance took the chain's lock to write step 1 and died before its commit: while it holds the lock the
        // others skip the chain; when its connection goes, its transaction is gone, and another instance writes the step.
        try (Connection dying = dataSource.getConnection()) {
            dying.setAutoCommit(false);
            try (PreparedStatement ps = dying.prepareStatement(
                    "SELECT next_step FROM escalation_chain WHERE escalation_id = ? FOR UPDATE")) {
                ps.setObject(1, s.escalation());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            worker.runDue();
            assertThat(ChainRows.step(dataSource, s.escalation(), 1)).isEmpty();
            dying.rollback();
        }
        worker.runDue();
        List<ChainRows.Step> step1 = ChainRows.step(dataSource, s.escalation(), 1);
        assertThat(step1).extracting(ChainRows.Step::recipient).containsExactlyInAnyOrder(s.clinician(), s.onCall());

        // Then an instance claimed the on-call delivery of step 1 and died before the SMTP conversation: the row is
        // SENDING with a lease that has run out. The sweep gives it back, and it is sent once (attempt 2).
        UUID toOnCall = step1.stream().filter(r -> r.recipient().equals(s.onCall())).findFirst().orElseThrow().id();
        OffsetDateTime tenMinutesAgo = OffsetDateTime.ofInstant(Instant.now().minusSeconds(600), ZoneOffset.UTC);
        OffsetDateTime aMinuteAgo = OffsetDateTime.ofInstant(Instant.now().minusSeconds(60), ZoneOffset.UTC);
        assertThat(DeliveryRows.update(dataSource, """
                        UPDATE delivery SET status = 'SENDING', attempts = 1, claim_token = ?, claimed_at = ?, lease_until = ?,
                               not_before = ?, smtp_message_id = '<' || id::text || '@crampwatch.local>'
                        WHERE id = ? AND status = 'PENDING'""", UUID.randomUUID(), tenMinutesAgo, aMinuteAgo, tenMinutesAgo,
                toOnCall)).isEqualTo(1);
        await().atMost(Events.WAIT).until(() -> DeliveryRows.byId(dataSource, toOnCall).status().equals("SENT"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20))
                .until(() -> ChainRows.mailAbout(s.onCall(), s.patientId()).size() == 1);
        assertThat(ChainRows.mailFor(s.onCall(), toOnCall)).hasSize(1);
        assertThat(DeliveryRows.byId(dataSource, toOnCall).attempts()).isEqualTo(2);
        assertThat(ChainRows.step(dataSource, s.escalation(), 1)).hasSize(2);
    }

    /** Runs {@code task} on four threads at once and waits for all of them. */
    private static void race(Callable<Integer> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(task));
            }
            for (Future<Integer> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
