package crampwatch.advice.domain;

import crampwatch.common.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * advice-service's own projection of episodes (table {@code episode}) and the retractions it has seen.
 * Every read is one patient's episodes in a bounded window of start times, through the index
 * {@code (patient_id, started_at)}, so its cost does not grow with the patient's history.
 */
@ApplicationScoped
public class EpisodeStore {

    @Inject
    AgroalDataSource dataSource;

    /** Stores the episode; false if one with this id is already stored. */
    public boolean insert(String patientId, Episode e, String side, Instant recordedAt) {
        String sql = """
                INSERT INTO episode (id, patient_id, started_at, started_offset_secs, duration_seconds, site, side, pain_score,
                                     woke_from_sleep, relieved_by, symptoms, exposures, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, e.id());
            ps.setString(2, patientId);
            ps.setTimestamp(3, Timestamp.from(e.startedAt().toInstant()));
            ps.setInt(4, e.startedAt().getOffset().getTotalSeconds());
            ps.setInt(5, e.durationSeconds());
            ps.setString(6, e.site().name());
            ps.setString(7, side);
            ps.setInt(8, e.painScore());
            ps.setBoolean(9, e.wokeFromSleep());
            ps.setArray(10, texts(c, e.relievedBy()));
            ps.setArray(11, texts(c, e.symptoms()));
            ps.setArray(12, texts(c, e.exposures()));
            ps.setTimestamp(13, Timestamp.from(recordedAt));
            return ps.executeUpdate() == 1;
        } catch (SQLException ex) {
            throw new IllegalStateException("could not store episode " + e.id(), ex);
        }
    }

    /** The patient's live episodes that started in {@code [from, to]}, oldest first. */
    public List<Episode> window(String patientId, Instant from, Instant to) {
        return query("SELECT * FROM episode WHERE patient_id = ? AND started_at BETWEEN ? AND ? ORDER BY started_at, id",
                patientId, from, to, Integer.MAX_VALUE);
    }

    /** The patient's most recent live episodes (at most {@code limit}) that started after {@code since}. */
    public List<Episode> recent(String patientId, Instant since, int limit) {
        return query("SELECT * FROM episode WHERE patient_id = ? AND started_at >= ? AND started_at <= ? "
                + "ORDER BY started_at DESC, id LIMIT ?", patientId, since, Instant.parse("9999-12-31T00:00:00Z"), limit);
    }

    /**
     * The reported start, with the offset it was reported in, of the latest of these live episodes of the
     * patient; empty when none of them is stored (retracted meanwhile).
     */
    public Optional<OffsetDateTime> latestStart(String patientId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT started_at, started_offset_secs FROM episode WHERE patient_id = ? AND id = ANY (?) "
                        + "ORDER BY started_at DESC LIMIT 1")) {
            ps.setString(1, patientId);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(rs.getTimestamp("started_at").toInstant()
                        .atOffset(ZoneOffset.ofTotalSeconds(rs.getInt("started_offset_secs"))));
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("could not read episode start times", ex);
        }
    }

    public long countLive(String patientId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM episode WHERE patient_id = ?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("could not count episodes", ex);
        }
    }

    /** Removes a retracted episode; false if it was not stored (yet). */
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

    /** Remembers a retraction (so a late EpisodeLogged for it is ignored); false if already known. */
    public boolean rememberRetraction(String patientId, UUID id, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO retracted_episode (episode_id, patient_id, retracted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setObject(1, id);
            ps.setString(2, patientId);
            ps.setTimestamp(3, Timestamp.from(at));
            return ps.executeUpdate() == 1;
        } catch (SQLException ex) {
            throw new IllegalStateException("could not record retraction of " + id, ex);
        }
    }

    public boolean isRetracted(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM retracted_episode WHERE episode_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("could not look up retraction of " + id, ex);
        }
    }

    private List<Episode> query(String sql, String patientId, Instant from, Instant to, int limit) {
        Object[] params = limit == Integer.MAX_VALUE
                ? new Object[] {patientId, Timestamp.from(from), Timestamp.from(to)}
                : new Object[] {patientId, Timestamp.from(from), Timestamp.from(to), limit};
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.list(c, sql, EpisodeStore::map, params);
        } catch (SQLException ex) {
            throw new IllegalStateException("could not read episodes", ex);
        }
    }

    private static Episode map(ResultSet rs) throws SQLException {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(rs.getInt("started_offset_secs"));
        return new Episode(rs.getObject("id", UUID.class), rs.getTimestamp("started_at").toInstant().atOffset(offset),
                rs.getInt("duration_seconds"), Site.valueOf(rs.getString("site")), rs.getInt("pain_score"),
                rs.getBoolean("woke_from_sleep"), enums(rs.getArray("relieved_by"), Relief.class, Relief::valueOf),
                enums(rs.getArray("symptoms"), Symptom.class, Symptom::valueOf),
                enums(rs.getArray("exposures"), Exposure.class, Exposure::valueOf));
    }

    private static <E extends Enum<E>> Set<E> enums(Array array, Class<E> type, Function<String, E> parse) throws SQLException {
        Set<E> out = EnumSet.noneOf(type);
        for (String name : Jdbc.strings(array)) {
            out.add(parse.apply(name));
        }
        return out;
    }

    static Array texts(Connection c, Collection<? extends Enum<?>> values) throws SQLException {
        return Jdbc.textArray(c, values.stream().map(Enum::name).sorted().toList());
    }
}
