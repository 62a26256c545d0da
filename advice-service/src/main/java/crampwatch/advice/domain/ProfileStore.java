package crampwatch.advice.domain;

import crampwatch.common.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Optional;

/** Patient profiles (table {@code patient_profile}). */
@ApplicationScoped
public class ProfileStore {

    @Inject
    AgroalDataSource dataSource;

    public Optional<Profile> find(String patientId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM patient_profile WHERE patient_id = ?")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int birthYear = rs.getInt("birth_year");
                Integer year = rs.wasNull() ? null : birthYear;
                return Optional.of(new Profile(patientId, year, rs.getBoolean("pregnant"), rs.getString("time_zone"),
                        Jdbc.strings(rs.getArray("conditions")).stream().map(Condition::valueOf).toList(),
                        medicines(Jdbc.strings(rs.getArray("medicines")), rs.getArray("medicine_started_on"))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read profile", e);
        }
    }

    /** Names and start dates side by side (profiles stored before start dates existed have none). */
    private static java.util.List<Medicine> medicines(java.util.List<String> names, java.sql.Array starts) throws SQLException {
        Object[] dates = starts == null ? new Object[0] : (Object[]) starts.getArray();
        java.util.List<Medicine> out = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Object d = i < dates.length ? dates[i] : null;
            out.add(new Medicine(names.get(i), d == null ? null : ((java.sql.Date) d).toLocalDate()));
        }
        return out;
    }

    public void save(Profile p, String by) {
        String sql = """
                INSERT INTO patient_profile (patient_id, birth_year, pregnant, time_zone, conditions, medicines, updated_at, updated_by,
                                             medicine_started_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (patient_id) DO UPDATE SET birth_year = EXCLUDED.birth_year, pregnant = EXCLUDED.pregnant,
                    time_zone = EXCLUDED.time_zone, conditions = EXCLUDED.conditions, medicines = EXCLUDED.medicines,
                    medicine_started_on = EXCLUDED.medicine_started_on,
                    updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, p.patientId());
            if (p.birthYear() == null) {
                ps.setNull(2, Types.INTEGER);
            } else {
                ps.setInt(2, p.birthYear());
            }
            ps.setBoolean(3, p.pregnant());
            ps.setString(4, p.timeZone());
            ps.setArray(5, EpisodeStore.texts(c, p.conditions()));
            ps.setArray(6, Jdbc.textArray(c, p.medicines().stream().map(Medicine::name).toList()));
            ps.setTimestamp(7, Timestamp.from(Times.now()));
            ps.setString(8, by);
            ps.setArray(9, c.createArrayOf("date", p.medicines().stream()
                    .map(m -> m.startedOn() == null ? null : java.sql.Date.valueOf(m.startedOn())).toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not save profile", e);
        }
    }
}
