package crampwatch.advice.persistence;

import crampwatch.advice.domain.profile.Condition;
import crampwatch.advice.domain.profile.Medicine;
import crampwatch.advice.domain.profile.Profile;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code patient_profile}. {@code medicine_started_on[i]} belongs to {@code medicines[i]} (NULL where no start
 * date was given; the whole column NULL for profiles stored before start dates existed).
 */
@Entity
@Table(name = "patient_profile")
public class ProfileEntity {

    @Id
    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "birth_year")
    public Integer birthYear;

    @Column(nullable = false)
    public boolean pregnant;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(nullable = false)
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> conditions;

    @Column(nullable = false)
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> medicines;

    @Column(name = "medicine_started_on")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<LocalDate> medicineStartedOn;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    void set(Profile p, Instant at, String by) {
        birthYear = p.birthYear();
        pregnant = p.pregnant();
        timeZone = p.timeZone();
        conditions = EpisodeEntity.names(p.conditions());
        medicines = p.medicines().stream().map(Medicine::name).toList();
        medicineStartedOn = new ArrayList<>(p.medicines().size());
        p.medicines().forEach(m -> medicineStartedOn.add(m.startedOn()));
        updatedAt = at;
        updatedBy = by;
    }

    public Profile toProfile() {
        List<Medicine> meds = new ArrayList<>();
        for (int i = 0; i < medicines.size(); i++) {
            LocalDate started = medicineStartedOn != null && i < medicineStartedOn.size() ? medicineStartedOn.get(i) : null;
            meds.add(new Medicine(medicines.get(i), started));
        }
        return new Profile(patientId, birthYear, pregnant, timeZone, conditions.stream().map(Condition::valueOf).toList(), meds);
    }
}
