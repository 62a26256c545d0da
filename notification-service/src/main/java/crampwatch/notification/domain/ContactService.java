package crampwatch.notification.domain;

import crampwatch.common.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Stores and reads a patient's contact list (tables {@code contact_set} and {@code clinician_contact}). */
@ApplicationScoped
@Transactional
public class ContactService {

    @Inject
    AgroalDataSource dataSource;

    Clock clock = Clock.systemUTC();

    public Optional<ContactSet> find(String patientId) {
        try (Connection c = dataSource.getConnection()) {
            List<ContactSet> stored = Jdbc.list(c,
                    "SELECT patient_email, patient_min_level, updated_at, updated_by FROM contact_set WHERE patient_id = ?",
                    rs -> new ContactSet(patientId, rs.getString(1) == null ? null : new Contact(rs.getString(1), Level.valueOf(rs.getString(2))),
                            List.of(), rs.getTimestamp(3).toInstant(), rs.getString(4)), patientId);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            List<Contact> clinicians = Jdbc.list(c, "SELECT email, min_level FROM clinician_contact WHERE patient_id = ? ORDER BY position",
                    rs -> new Contact(rs.getString(1), Level.valueOf(rs.getString(2))), patientId);
            ContactSet set = stored.get(0);
            return Optional.of(new ContactSet(patientId, set.patient(), List.copyOf(clinicians), set.updatedAt(), set.updatedBy()));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the contacts of patient " + patientId, e);
        }
    }

    /** Replaces the whole contact list of a patient. */
    public ContactSet replace(String patientId, Contact patient, List<Contact> clinicians, String actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO contact_set (patient_id, patient_email, patient_min_level, updated_at, updated_by)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (patient_id) DO UPDATE SET patient_email = excluded.patient_email,
                        patient_min_level = excluded.patient_min_level, updated_at = excluded.updated_at,
                        updated_by = excluded.updated_by""")) {
                ps.setString(1, patientId);
                ps.setString(2, patient == null ? null : patient.email());
                ps.setString(3, patient == null ? null : patient.minLevel().name());
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setString(5, actor);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM clinician_contact WHERE patient_id = ?")) {
                ps.setString(1, patientId);
                ps.executeUpdate();
            }
            if (!clinicians.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO clinician_contact (patient_id, position, email, min_level) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < clinicians.size(); i++) {
                        ps.setString(1, patientId);
                        ps.setInt(2, i);
                        ps.setString(3, clinicians.get(i).email());
                        ps.setString(4, clinicians.get(i).minLevel().name());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the contacts of patient " + patientId, e);
        }
        return new ContactSet(patientId, patient, List.copyOf(clinicians), now, actor);
    }

    /**
     * Sets only the patient's own entry (creating the list, with no clinicians, if none is stored); the clinicians
     * stay as they are. Returns the list as it now stands.
     */
    public ContactSet replacePatient(String patientId, Contact patient, String actor) {
        upsertPatient(patientId, patient, actor);
        return find(patientId).orElseThrow();
    }

    /** Clears the patient's own entry, if a list is stored; the clinicians stay. */
    public void removePatient(String patientId, String actor) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE contact_set SET patient_email = NULL, patient_min_level = NULL, updated_at = ?, updated_by = ? WHERE patient_id = ?")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)));
            ps.setString(2, actor);
            ps.setString(3, patientId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not remove the own address of patient " + patientId, e);
        }
    }

    private void upsertPatient(String patientId, Contact patient, String actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO contact_set (patient_id, patient_email, patient_min_level, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (patient_id) DO UPDATE SET patient_email = excluded.patient_email,
                    patient_min_level = excluded.patient_min_level, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by""")) {
            ps.setString(1, patientId);
            ps.setString(2, patient.email());
            ps.setString(3, patient.minLevel().name());
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, actor);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the own address of patient " + patientId, e);
        }
    }
}
