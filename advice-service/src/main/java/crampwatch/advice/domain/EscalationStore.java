package crampwatch.advice.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Escalations (table {@code escalation}) and the runs PERSISTENT_OVER_TWO_WEEKS has raised for. */
@ApplicationScoped
public class EscalationStore {

    @Inject
    AgroalDataSource dataSource;

    /** The clinic's work-list filter; null fields do not filter. */
    public record Filter(EscalationStatus status, Level level, String patientId, DeliverySummary.State deliveryState) {
    }

    /** Where the previous page ended: the sort key of its last item. */
    public record After(int levelRank, Instant raisedAt, UUID id) {
    }

    public record Run(long id, Instant firstAt, Instant lastAt, UUID escalationId) {
    }

    /**
     * Inserts the escalation. With {@code triggerEpisode} set (URGENT per-episode rules) an escalation for
     * the same patient, rule and episode already present wins and this returns false.
     */
    public boolean insert(Escalation e, UUID triggerEpisode) {
        String sql = """
                INSERT INTO escalation (id, patient_id, rule, level, level_rank, status, reason, episode_ids, trigger_episode, raised_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, e.id());
            ps.setString(2, e.patientId());
            ps.setString(3, e.rule().name());
            ps.setString(4, e.level().name());
            ps.setInt(5, e.level().rank());
            ps.setString(6, e.status().name());
            ps.setString(7, e.reason());
            ps.setArray(8, c.createArrayOf("uuid", e.episodeIds().toArray()));
            ps.setObject(9, triggerEpisode);
            ps.setTimestamp(10, Timestamp.from(e.raisedAt()));
            return ps.executeUpdate() == 1;
        } catch (SQLException ex) {
            throw new IllegalStateException("could not store escalation", ex);
        }
    }

    /** Whether the patient has had any escalation for the rule (open, acknowledged or withdrawn). */
    public boolean anyFor(String patientId, RuleId rule) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM escalation WHERE patient_id = ? AND rule = ?)")) {
            ps.setString(1, patientId);
            ps.setString(2, rule.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("could not read escalations", ex);
        }
    }

    /** The patient's OPEN escalation for a rule, locked for this transaction. */
    public Optional<Escalation> findOpenForUpdate(String patientId, RuleId rule) {
        List<Escalation> found = select("SELECT * FROM escalation WHERE patient_id = ? AND rule = ? AND status = 'OPEN' "
                + "ORDER BY raised_at, id LIMIT 1 FOR UPDATE", patientId, rule.name());
        return found.stream().findFirst();
    }

    public void setEvidence(UUID id, List<UUID> episodeIds) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE escalation SET episode_ids = ? WHERE id = ?")) {
            ps.setArray(1, c.createArrayOf("uuid", episodeIds.toArray()));
            ps.setObject(2, id);
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("could not update escalation " + id, ex);
        }
    }

    /** OPEN escalations of the patient none of whose evidence is still a live episode, locked. */
    public List<Escalation> openWithoutLiveEvidence(String patientId, UUID retractedEpisode) {
        return select("""
                SELECT * FROM escalation s WHERE s.patient_id = ? AND s.status = 'OPEN' AND s.episode_ids @> ARRAY[?::uuid]
                  AND NOT EXISTS (SELECT 1 FROM episode e WHERE e.patient_id = s.patient_id AND e.id = ANY (s.episode_ids))
                ORDER BY s.raised_at, s.id FOR UPDATE""", patientId, retractedEpisode.toString());
    }

    public Escalation withdraw(UUID id, Instant at) {
        update("UPDATE escalation SET status = 'WITHDRAWN', withdrawn_at = ? WHERE id = ?", Timestamp.from(at), id);
        return find(id).orElseThrow();
    }

    /** OPEN → ACKNOWLEDGED; false if the escalation was not OPEN any more. */
    public boolean acknowledge(UUID id, String by, String note, Instant at) {
        return update("UPDATE escalation SET status = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?, "
                + "acknowledge_note = ? WHERE id = ? AND status = 'OPEN'", Timestamp.from(at), by, note, id) == 1;
    }

    public Optional<Escalation> find(UUID id) {
        return select("SELECT * FROM escalation WHERE id = ?", id).stream().findFirst();
    }

    /**
     * The escalations that set a patient's advice level: every OPEN one, and every ACKNOWLEDGED one raised
     * after {@code acknowledgedRaisedAfter} (a clinician having seen it does not make it go away for the
     * patient). Most urgent first, then oldest first.
     */
    public List<Escalation> counting(String patientId, Instant acknowledgedRaisedAfter) {
        return select("SELECT * FROM escalation WHERE patient_id = ? AND (status = 'OPEN' OR (status = 'ACKNOWLEDGED' "
                + "AND raised_at > ?)) ORDER BY level_rank DESC, raised_at, id", patientId, Timestamp.from(acknowledgedRaisedAfter));
    }

    /** The episodes cited as evidence by the patient's escalations of {@code rule} that were not withdrawn. */
    public java.util.Set<UUID> citedBy(String patientId, RuleId rule) {
        java.util.Set<UUID> out = new java.util.HashSet<>();
        select("SELECT * FROM escalation WHERE patient_id = ? AND rule = ? AND status <> 'WITHDRAWN'", patientId, rule.name())
                .forEach(e -> out.addAll(e.episodeIds()));
        return out;
    }

    /** One page of the work list: most urgent first, then oldest first (keyset pagination). */
    public List<Escalation> list(Filter filter, After after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM escalation WHERE true");
        List<Object> args = new ArrayList<>();
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            args.add(filter.status().name());
        }
        if (filter.level() != null) {
            sql.append(" AND level = ?");
            args.add(filter.level().name());
        }
        if (filter.patientId() != null) {
            sql.append(" AND patient_id = ?");
            args.add(filter.patientId());
        }
        if (filter.deliveryState() != null) {
            // The same precedence as DeliverySummary.state(): FAILED, then PENDING, then SENT, else NONE.
            sql.append(" AND (CASE WHEN EXISTS (SELECT 1 FROM escalation_delivery d WHERE d.escalation_id = escalation.id AND d.status = 'FAILED') THEN 'FAILED'"
                    + " WHEN EXISTS (SELECT 1 FROM escalation_delivery d WHERE d.escalation_id = escalation.id AND d.status = 'PENDING') THEN 'PENDING'"
                    + " WHEN EXISTS (SELECT 1 FROM escalation_delivery d WHERE d.escalation_id = escalation.id AND d.status = 'SENT') THEN 'SENT'"
                    + " ELSE 'NONE' END) = ?");
            args.add(filter.deliveryState().name());
        }
        if (after != null) {
            sql.append(" AND (level_rank < ? OR (level_rank = ? AND (raised_at, id) > (?, ?)))");
            args.addAll(List.of(after.levelRank(), after.levelRank(), Timestamp.from(after.raisedAt()), after.id()));
        }
        sql.append(" ORDER BY level_rank DESC, raised_at, id LIMIT ?");
        args.add(limit);
        return select(sql.toString(), args.toArray());
    }

    /** Runs already raised for that are within {@code gap} of {@code [from, to]}: the same run. */
    public List<Run> runsNear(String patientId, Instant from, Instant to, Duration gap) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, first_at, last_at, escalation_id FROM persistent_run WHERE patient_id = ? AND last_at > ? "
                        + "AND first_at < ? ORDER BY first_at, id FOR UPDATE")) {
            ps.setString(1, patientId);
            ps.setTimestamp(2, Timestamp.from(from.minus(gap)));
            ps.setTimestamp(3, Timestamp.from(to.plus(gap)));
            try (ResultSet rs = ps.executeQuery()) {
                List<Run> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Run(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
                            rs.getObject(4, UUID.class)));
                }
                return out;
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("could not read runs", ex);
        }
    }

    public void saveRun(String patientId, Instant from, Instant to, UUID escalationId) {
        update("INSERT INTO persistent_run (patient_id, first_at, last_at, escalation_id) VALUES (?, ?, ?, ?)",
                patientId, Timestamp.from(from), Timestamp.from(to), escalationId);
    }

    public void widenRun(long runId, Instant from, Instant to) {
        update("UPDATE persistent_run SET first_at = LEAST(first_at, ?), last_at = GREATEST(last_at, ?) WHERE id = ?",
                Timestamp.from(from), Timestamp.from(to), runId);
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("could not update escalations", ex);
        }
    }

    private List<Escalation> select(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<Escalation> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("could not read escalations", ex);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private static Escalation map(ResultSet rs) throws SQLException {
        return new Escalation(rs.getObject("id", UUID.class), rs.getString("patient_id"), RuleId.valueOf(rs.getString("rule")),
                Level.valueOf(rs.getString("level")), EscalationStatus.valueOf(rs.getString("status")), rs.getString("reason"),
                Arrays.stream((Object[]) rs.getArray("episode_ids").getArray()).map(UUID.class::cast).toList(),
                instant(rs, "raised_at"), instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"),
                rs.getString("acknowledge_note"), instant(rs, "withdrawn_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
