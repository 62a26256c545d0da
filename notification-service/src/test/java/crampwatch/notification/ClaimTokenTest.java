package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.notification.domain.Audience;
import crampwatch.notification.domain.ClaimedDelivery;
import crampwatch.notification.domain.Level;
import crampwatch.notification.persistence.DeliveryRepository;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A claim of an episode's group (leader and members under one claim token) is renewed and recorded as one, in one
 * statement: every row still under the token follows the leader, and nothing changes once the leader is no longer the
 * claim's (the lease sweep took it). The rows are SENDING under a lease an hour long, so neither the running sender nor
 * its sweep touches them.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class ClaimTokenTest {

    @Inject
    DeliveryRepository deliveries;

    @Inject
    AgroalDataSource dataSource;

    private final List<UUID> written = new ArrayList<>();

    /** Nothing this test wrote is left for a later run's sender. */
    @AfterEach
    void cancelWhatWasWritten() {
        for (UUID id : written) {
            DeliveryRows.update(dataSource, "UPDATE delivery SET status = 'CANCELLED', claim_token = NULL, lease_until = NULL "
                    + "WHERE id = ? AND status <> 'SENT'", id);
        }
    }

    @Test
    void aGroupsLeaseAndOutcomeGoToEveryRowOfTheClaimAtOnce() {
        ClaimedDelivery claim = claimedGroup();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant later = now.plus(Duration.ofHours(2));

        assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries.renewClaim(claim, later, now))).isTrue();
        assertThat(leases(claim)).containsOnlyKeys(claim.ids()).allSatisfy((id, lease) -> assertThat(lease).isEqualTo(later));

        DeliveryRepository.Recorded failed = QuarkusTransaction.requiringNew()
                .call(() -> deliveries.markAttemptFailed(claim, "attempt 1: refused", now.plusSeconds(3600), now));
        assertThat(failed.ours()).isTrue();
        assertThat(failed.ids()).containsExactlyInAnyOrderElementsOf(claim.ids());
        assertThat(statuses(claim)).containsOnly("PENDING");
    }

    @Test
    void aMemberBackToPendingIsStillRecordedSentWithTheRest() {
        ClaimedDelivery claim = claimedGroup();
        UUID member = claim.others().get(0).id();
        DeliveryRows.update(dataSource, "UPDATE delivery SET status = 'PENDING', claim_token = NULL, lease_until = NULL, "
                + "not_before = now() + interval '1 day' WHERE id = ?", member);

        DeliveryRepository.Recorded sent = QuarkusTransaction.requiringNew().call(() -> deliveries.markSent(claim, Instant.now()));

        assertThat(sent.ours()).isTrue();
        assertThat(sent.ids()).containsExactlyInAnyOrderElementsOf(claim.ids());
        assertThat(statuses(claim)).containsOnly("SENT");
    }

    @Test
    void onceTheLeaderIsNoLongerTheClaimsNoRowOfTheGroupIsRenewedOrRecorded() {
        ClaimedDelivery claim = claimedGroup();
        Map<UUID, Instant> before = leases(claim);
        // The sweep gave the leader back (due tomorrow, so no sender takes it during the test).
        DeliveryRows.update(dataSource, "UPDATE delivery SET status = 'PENDING', claim_token = NULL, lease_until = NULL, "
                + "not_before = now() + interval '1 day' WHERE id = ?", claim.id());
        Instant now = Instant.now();

        assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries.renewClaim(claim, now.plus(Duration.ofHours(2)), now)))
                .isFalse();
        DeliveryRepository.Recorded failed = QuarkusTransaction.requiringNew()
                .call(() -> deliveries.markAttemptFailed(claim, "attempt 1: refused", null, now));

        assertThat(failed.ours()).isFalse();
        assertThat(failed.ids()).isEmpty();
        for (ClaimedDelivery.Part p : claim.others()) {
            assertThat(status(p.id())).isEqualTo("SENDING");
            assertThat(leases(claim).get(p.id())).isEqualTo(before.get(p.id()));
        }
    }

    /** An URGENT leader and two SEE_DOCTOR members of one episode, SENDING under one token with an hour's lease. */
    private ClaimedDelivery claimedGroup() {
        String patientId = Events.patientId();
        String recipient = Mailbox.newAddress("claim");
        UUID episode = UUID.randomUUID();
        UUID token = UUID.randomUUID();
        UUID leader = insertSending(patientId, recipient, episode, token, Level.URGENT, "LONG_CRAMP");
        UUID pain = insertSending(patientId, recipient, episode, token, Level.SEE_DOCTOR, "SIGNIFICANT_PAIN");
        UUID leg = insertSending(patientId, recipient, episode, token, Level.SEE_DOCTOR, "LEG_CHANGES");
        return new ClaimedDelivery(leader, token, UUID.randomUUID(), patientId, recipient, Audience.CLINICIAN, Level.URGENT,
                "LONG_CRAMP", "A reason.", Instant.now(), null, 1, "<" + leader + "@crampwatch.local>",
                List.of(new ClaimedDelivery.Part(pain, UUID.randomUUID(), Level.SEE_DOCTOR, "SIGNIFICANT_PAIN", "A reason.", null),
                        new ClaimedDelivery.Part(leg, UUID.randomUUID(), Level.SEE_DOCTOR, "LEG_CHANGES", "A reason.", null)));
    }

    private UUID insertSending(String patientId, String recipient, UUID episode, UUID token, Level level, String rule) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp leaseUntil = Timestamp.from(Instant.now().plus(Duration.ofHours(1)));
        DeliveryRows.update(dataSource, """
                INSERT INTO delivery (id, escalation_id, event_id, patient_id, recipient, audience, level, rule, reason, raised_at,
                                      status, attempts, not_before, created_at, updated_at, claimed_at, claim_token, lease_until,
                                      triggered_by)
                VALUES (?, ?, ?, ?, ?, 'CLINICIAN', ?, ?, 'A reason.', ?, 'SENDING', 1, ?, ?, ?, ?, ?, ?, ?)""",
                id, UUID.randomUUID(), UUID.randomUUID(), patientId, recipient, level.name(), rule, now, now, now, now, now, token,
                leaseUntil, episode);
        written.add(id);
        return id;
    }

    private List<String> statuses(ClaimedDelivery claim) {
        return claim.ids().stream().map(this::status).toList();
    }

    private String status(UUID id) {
        return DeliveryRows.byId(dataSource, id).status();
    }

    /** lease_until of every row of the claim (the members' and the leader's). */
    private Map<UUID, Instant> leases(ClaimedDelivery claim) {
        Map<UUID, Instant> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, lease_until FROM delivery WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", claim.ids().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp lease = rs.getTimestamp(2);
                    out.put(rs.getObject(1, UUID.class), lease == null ? null : lease.toInstant());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
