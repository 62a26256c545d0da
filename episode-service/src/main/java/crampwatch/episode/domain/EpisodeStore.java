package crampwatch.episode.domain;

import crampwatch.common.db.Jdbc;
import crampwatch.episode.api.EpisodeView;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code episode} and {@code idempotency_key} tables, in plain JDBC on the caller's transaction
 * (Agroal hands every call in one JTA transaction the same connection). One statement per call, so a
 * logged episode costs two inserts (episode, outbox) and a commit; see docs/performance.md for why this
 * is not Hibernate.
 */
@ApplicationScoped
public class EpisodeStore {

    private static final String COLUMNS = "id, patient_id, started_at, started_offset_seconds, duration_seconds, site, side, "
            + "pain_score, woke_from_sleep, relieved_by, symptoms, exposures, notes, recorded_at";

    /** What the summary needs of one episode. */
    public record SummaryRow(Instant startedAt, int offsetSeconds, int durationSeconds, int painScore, boolean wokeFromSleep,
                             String site) {
    }

    @Inject
    AgroalDataSource dataSource;

    public void insert(EpisodeView e) {
        insertAll(List.of(e));
    }

    /** Several episodes in one round trip (a JDBC batch). */
    public void insertAll(List<EpisodeView> episodes) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO episode (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (EpisodeView e : episodes) {
                ps.setObject(1, e.id());
                ps.setString(2, e.patientId());
                ps.setTimestamp(3, Timestamp.from(e.startedAt().toInstant()));
                ps.setInt(4, e.startedAt().getOffset().getTotalSeconds());
                ps.setInt(5, e.durationSeconds());
                ps.setString(6, e.site());
                ps.setString(7, e.side());
                ps.setShort(8, (short) e.painScore());
                ps.setBoolean(9, e.wokeFromSleep());
                ps.setArray(10, Jdbc.textArray(c, e.relievedBy()));
                ps.setArray(11, Jdbc.textArray(c, e.symptoms()));
                ps.setArray(12, Jdbc.textArray(c, e.exposures()));
                ps.setString(13, e.notes());
                ps.setTimestamp(14, Timestamp.from(e.recordedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException ex) {
            throw new IllegalStateException("could not store " + episodes.size() + " episode(s)", ex);
        }
    }

    public Optional<EpisodeView> find(String patientId, UUID id) {
        List<EpisodeView> found = select("SELECT " + COLUMNS + " FROM episode WHERE id = ? AND patient_id = ?", id, patientId);
        return found.stream().findFirst();
    }

    /** Deletes the patient's episode; false if the patient has no episode with this id. */
    public boolean delete(String patientId, UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM episode WHERE id = ? AND patient_id = ?")) {
            ps.setObject(1, id);
            ps.setString(2, patientId);
            return ps.executeUpdate() == 1;
        } catch (SQLException ex) {
            throw new IllegalStateException("could not delete episode " + id, ex);
        }
    }

    /**
     * Newest first, at most {@code limit}: started in {@code [from, to)} (either may be null) and, for the
     * next page, before the keyset {@code (afterStart, afterId)} (both null on the first page).
     */
    public List<EpisodeView> page(String patientId, Instant from, Instant to, Instant afterStart, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM episode WHERE patient_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(patientId);
        if (from != null) {
            sql.append(" AND started_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND started_at < ?");
            params.add(Timestamp.from(to));
        }
        if (afterStart != null) {
            sql.append(" AND (started_at, id) < (?, ?)");
            params.add(Timestamp.from(afterStart));
            params.add(afterId);
        }
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT ?");
        params.add(limit);
        return select(sql.toString(), params.toArray());
    }

    /** The episodes that started in {@code [from, to]}, reduced to what the summary counts. */
    public List<SummaryRow> summaryRows(String patientId, Instant from, Instant to) {
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.list(c, """
                    SELECT started_at, started_offset_seconds, duration_seconds, pain_score, woke_from_sleep, site
                    FROM episode WHERE patient_id = ? AND started_at >= ? AND started_at <= ?""",
                    rs -> new SummaryRow(rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                            rs.getBoolean(5), rs.getString(6)),
                    patientId, Timestamp.from(from), Timestamp.from(to));
        } catch (SQLException ex) {
            throw new IllegalStateException("could not summarise the episodes of patient " + patientId, ex);
        }
    }

    /** Claims an Idempotency-Key for a new episode; false if the patient used the key before. */
    public boolean claim(IdempotencyKey k, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO idempotency_key (patient_id, key, request_hash, episode_id, created_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            ps.setString(1, k.patientId());
            ps.setString(2, k.key());
            ps.setString(3, k.requestHash());
            ps.setObject(4, k.episodeId());
            ps.setTimestamp(5, Timestamp.from(at));
            return ps.executeUpdate() == 1;
        } catch (SQLException ex) {
            throw new IllegalStateException("could not claim an idempotency key", ex);
        }
    }

    public IdempotencyKey claimed(String patientId, String key) {
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.list(c, "SELECT request_hash, episode_id FROM idempotency_key WHERE patient_id = ? AND key = ?",
                            rs -> new IdempotencyKey(patientId, key, rs.getString(1), rs.getObject(2, UUID.class)), patientId, key)
                    .stream().findFirst().orElseThrow(() -> new IllegalStateException("idempotency key vanished while in use"));
        } catch (SQLException ex) {
            throw new IllegalStateException("could not read an idempotency key", ex);
        }
    }

    private List<EpisodeView> select(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.list(c, sql, EpisodeStore::map, params);
        } catch (SQLException ex) {
            throw new IllegalStateException("could not read episodes", ex);
        }
    }

    private static EpisodeView map(ResultSet rs) throws SQLException {
        OffsetDateTime started = rs.getTimestamp("started_at").toInstant()
                .atOffset(ZoneOffset.ofTotalSeconds(rs.getInt("started_offset_seconds")));
        return new EpisodeView(rs.getObject("id", UUID.class), rs.getString("patient_id"), started, rs.getInt("duration_seconds"),
                rs.getString("site"), rs.getString("side"), rs.getInt("pain_score"), rs.getBoolean("woke_from_sleep"),
                Jdbc.strings(rs.getArray("relieved_by")), Jdbc.strings(rs.getArray("symptoms")),
                Jdbc.strings(rs.getArray("exposures")),
                rs.getString("notes"), rs.getTimestamp("recorded_at").toInstant());
    }
}
