package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crampwatch.notification.domain.Audience;
import crampwatch.notification.domain.DeliveryStatus;
import crampwatch.notification.domain.Level;
import crampwatch.notification.domain.NewDelivery;
import crampwatch.notification.mail.DeliverySender;
import crampwatch.notification.persistence.DeliveryRepository;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Several senders (as with several instances: the claim is decided in PostgreSQL with SKIP LOCKED) racing over due
 * delivery groups: every group goes out as exactly one email, never as two, and every delivery in it is SENT with that
 * email's Message-ID.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class GroupClaimRaceTest {

    @Inject
    DeliveryRepository deliveries;

    @Inject
    DeliverySender sender;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void racingSendersSendEachEpisodeGroupAsOneEmail() throws Exception {
        String patientId = "p-" + UUID.randomUUID();
        List<String> recipients = new ArrayList<>();
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 20; i++) {
                String recipient = Mailbox.newAddress("racer" + i);
                recipients.add(recipient);
                UUID episode = UUID.randomUUID();
                // Three escalations of one episode: SEE_DOCTOR rows written first, so by time and id they come first.
                write(patientId, recipient, episode, Level.SEE_DOCTOR, "SIGNIFICANT_PAIN", now);
                write(patientId, recipient, episode, Level.SEE_DOCTOR, "LEG_CHANGES", now);
                write(patientId, recipient, episode, Level.URGENT, "LONG_CRAMP", now);
            }
        });

        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> senders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            senders.add(pool.submit(() -> {
                start.await();
                int claimed = 0;
                int got;
                do {
                    got = sender.sendBatch();
                    claimed += got;
                } while (got > 0);
                return claimed;
            }));
        }
        start.countDown();
        for (Future<Integer> f : senders) {
            f.get();
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(60)).until(() -> DeliveryRows.forPatient(dataSource, patientId).stream()
                .allMatch(r -> r.status().equals("SENT")));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> recipients.stream().allMatch(r -> Mailbox.to(r).size() == 1));
        List<DeliveryRows.Row> rows = DeliveryRows.forPatient(dataSource, patientId);
        for (String recipient : recipients) {
            assertThat(Mailbox.subject(Mailbox.to(recipient).get(0))).startsWith("Urgent: ");
            assertThat(rows.stream().filter(r -> r.recipient().equals(recipient)).map(DeliveryRows.Row::messageId).distinct())
                    .containsExactly(Mailbox.header(Mailbox.to(recipient).get(0), "Message-ID"));
            // Claimed together every time: the rows of one email share their attempt count (more than one only when an
            // SMTP conversation stalled past the mailer timeout and the same message was tried again).
            assertThat(rows.stream().filter(r -> r.recipient().equals(recipient)).map(DeliveryRows.Row::attempts).distinct())
                    .hasSize(1);
        }
    }

    /**
     * The window the leader rule closes: one sender has locked the group's URGENT row (its claim is under way, not yet
     * committed). Another sender must not take a SEE_DOCTOR row of the group on its own meanwhile — that would be a
     * second, "book in the coming days" email beside the urgent one.
     */
    @Test
    void whileTheLeaderIsBeingClaimedNoOtherSenderTakesAMemberOfItsGroup() throws Exception {
        String patientId = "p-" + UUID.randomUUID();
        String recipient = Mailbox.newAddress("window");
        UUID episode = UUID.randomUUID();
        Instant now = Instant.now();
        List<UUID> members = new ArrayList<>();
        UUID[] leader = new UUID[1];
        QuarkusTransaction.requiringNew().run(() -> {
            members.add(write(patientId, recipient, episode, Level.SEE_DOCTOR, "SIGNIFICANT_PAIN", now));
            members.add(write(patientId, recipient, episode, Level.SEE_DOCTOR, "OTHER_MUSCLES", now));
            leader[0] = write(patientId, recipient, episode, Level.URGENT, "LONG_CRAMP", now);
        });
        List<UUID> others = new ArrayList<>();
        try (java.sql.Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (var ps = lock.prepareStatement("SELECT id FROM delivery WHERE id = ? FOR UPDATE")) {
                ps.setObject(1, leader[0]);
                ps.executeQuery().close();
            }
            try {
                while (true) {
                    var claimed = QuarkusTransaction.requiringNew().call(() -> deliveries.claimNext(Instant.now(),
                            Instant.now().plusSeconds(300), "test.local"));
                    if (claimed.isEmpty()) {
                        break;
                    }
                    assertThat(members).as("a member of a group whose leader is being claimed").doesNotContain(claimed.get().id());
                    others.add(claimed.get().id()); // another test's leftover: given back below
                }
            } finally {
                lock.rollback();
            }
        } finally {
            for (UUID id : others) {
                DeliveryRows.update(dataSource, "UPDATE delivery SET status = 'PENDING', claim_token = NULL, lease_until = NULL, "
                        + "attempts = attempts - 1 WHERE id = ?", id);
            }
        }
        // Once the lock is gone, the group goes out as one urgent email.
        await().atMost(Duration.ofSeconds(30)).until(() -> DeliveryRows.forPatient(dataSource, patientId).stream()
                .allMatch(r -> r.status().equals("SENT")));
        assertThat(Mailbox.to(recipient)).hasSize(1).allSatisfy(m -> assertThat(Mailbox.subject(m)).startsWith("Urgent: "));
    }

    private UUID write(String patientId, String recipient, UUID episode, Level level, String rule, Instant now) {
        return deliveries.insert(new NewDelivery(UUID.randomUUID(), UUID.randomUUID(), patientId, recipient,
                Audience.CLINICIAN, level, rule, "A reason for " + rule + ".", now, null, DeliveryStatus.PENDING, now, episode), now);
    }
}
