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
                        Jdbc.strings(rs.getArray("medicines"))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read profile", e);
        }
    }

    public void save(Profile p, String by) {
        String sql = """
                INSERT INTO patient_profile (patient_id, birth_year, pregnant, time_zone, conditions, medicines, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (patient_id) DO UPDATE SET birth_year = EXCLUDED.birth_year, pregnant = EXCLUDED.pregnant,
                    time_zone = EXCLUDED.time_zone, conditions = EXCLUDED.conditions, medicines = EXCLUDED.medicines,
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
            ps.setArray(6, Jdbc.textArray(c, p.medicines()));
            ps.setTimestamp(7, Timestamp.from(Times.now()));
            ps.setString(8, by);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not save profile", e);
        }
    }
}
