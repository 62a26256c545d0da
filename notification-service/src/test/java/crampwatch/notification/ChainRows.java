package crampwatch.notification;

import io.agroal.api.AgroalDataSource;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Direct reads (and test-only nudges) of the escalation chain: its row and its deliveries by step. */
public final class ChainRows {
    private ChainRows() {
    }

    public record Chain(String state, int nextStep, Instant nextStepAt, String stoppedBy, Instant createdAt) {
    }

    public record Step(UUID id, int step, String recipient, String audience, String status, int attempts, Instant createdAt) {
    }

    /** The escalation's chain row, or null while there is none. */
    public static Chain chain(AgroalDataSource ds, UUID escalationId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT state, next_step, next_step_at, stopped_by, created_at FROM escalation_chain WHERE escalation_id = ?")) {
            ps.setObject(1, escalationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Chain(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getTimestamp(5).toInstant()) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every delivery of the escalation, by step and recipient. */
    public static List<Step> deliveries(AgroalDataSource ds, UUID escalationId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, step, recipient, audience, status, attempts, created_at FROM delivery WHERE escalation_id = ? "
                        + "ORDER BY step, recipient")) {
            ps.setObject(1, escalationId);
            List<Step> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp created = rs.getTimestamp(7);
                    out.add(new Step(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getInt(6), created.toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The escalation's deliveries of one step. */
    public static List<Step> step(AgroalDataSource ds, UUID escalationId, int step) {
        return deliveries(ds, escalationId).stream().filter(s -> s.step() == step).toList();
    }

    /** The chain's next step is due now (as if its time had come). */
    public static void makeChainDue(AgroalDataSource ds, UUID escalationId) {
        DeliveryRows.update(ds, "UPDATE escalation_chain SET next_step_at = ? WHERE escalation_id = ?", past(), escalationId);
    }

    /** The escalation's PENDING deliveries are due now. */
    public static void makeDeliveriesDue(AgroalDataSource ds, UUID escalationId) {
        DeliveryRows.update(ds, "UPDATE delivery SET not_before = ? WHERE escalation_id = ? AND status = 'PENDING'", past(),
                escalationId);
    }

    /** The messages {@code address} received about {@code patientId} (clinician subjects name the patient). */
    public static List<MimeMessage> mailAbout(String address, String patientId) {
        return Mailbox.to(address).stream().filter(m -> Mailbox.subject(m).contains("patient " + patientId + " ")).toList();
    }

    /** The message {@code address} received for delivery {@code id} (its Message-ID), if any. */
    public static List<MimeMessage> mailFor(String address, UUID deliveryId) {
        return Mailbox.to(address).stream().filter(m -> String.valueOf(Mailbox.header(m, "Message-ID")).startsWith("<" + deliveryId + "@"))
                .toList();
    }

    private static OffsetDateTime past() {
        return OffsetDateTime.ofInstant(Instant.now().minusSeconds(60), ZoneOffset.UTC);
    }
}
