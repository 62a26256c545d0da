package crampwatch.notification.persistence;

import crampwatch.notification.domain.Contact;
import crampwatch.notification.domain.ContactSet;
import crampwatch.notification.domain.Level;
import crampwatch.notification.domain.QuietHours;
import crampwatch.notification.domain.SeeDoctorDelivery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A patient's contact list ({@code contact_set} and {@code clinician_contact}), in the caller's transaction. */
@ApplicationScoped
public class ContactRepository implements PanacheRepositoryBase<ContactSetEntity, String> {

    public Optional<ContactSet> contactsOf(String patientId) {
        ContactSetEntity set = findById(patientId);
        if (set == null) {
            return Optional.empty();
        }
        List<Contact> clinicians = getEntityManager()
                .createQuery("from ClinicianContactEntity c where c.id.patientId = ?1 order by c.id.position", ClinicianContactEntity.class)
                .setParameter(1, patientId).getResultStream().map(c -> new Contact(c.email, Level.valueOf(c.minLevel), SeeDoctorDelivery.valueOf(c.seeDoctorDelivery), null))
                .toList();
        QuietHours quiet = set.patientQuietStart == null ? null : new QuietHours(set.patientQuietStart, set.patientQuietEnd);
        Contact own = set.patientEmail == null ? null
                : new Contact(set.patientEmail, Level.valueOf(set.patientMinLevel), SeeDoctorDelivery.IMMEDIATE, quiet);
        return Optional.of(new ContactSet(patientId, own, clinicians, set.updatedAt, set.updatedBy));
    }

    /**
     * The patient's list row, locked for this transaction, created first if there is none. Two first saves of one
     * patient may race: the row is made to exist with native {@code INSERT … ON CONFLICT DO NOTHING} (the second waits
     * for the first instead of failing on the key), then locked and written through the entity.
     */
    public ContactSetEntity lockedSet(String patientId, Instant at, String actor) {
        getEntityManager().createNativeQuery("""
                        INSERT INTO contact_set (patient_id, updated_at, updated_by) VALUES (?1, ?2, ?3)
                        ON CONFLICT (patient_id) DO NOTHING""")
                .setParameter(1, patientId).setParameter(2, at).setParameter(3, actor).executeUpdate();
        return findById(patientId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Replaces the clinicians of the patient's list, in this order. */
    public void replaceClinicians(String patientId, List<Contact> clinicians) {
        getEntityManager().createQuery("delete from ClinicianContactEntity c where c.id.patientId = ?1")
                .setParameter(1, patientId).executeUpdate();
        for (int i = 0; i < clinicians.size(); i++) {
            ClinicianContactEntity row = new ClinicianContactEntity();
            row.id = new ClinicianContactEntity.Id(patientId, i);
            row.email = clinicians.get(i).email();
            row.minLevel = clinicians.get(i).minLevel().name();
            row.seeDoctorDelivery = clinicians.get(i).seeDoctorDelivery().name();
            getEntityManager().persist(row);
        }
    }

    /** Sets (or, with null, clears) the patient's own entry of a locked list row. */
    public static void setOwn(ContactSetEntity set, Contact own, Instant at, String actor) {
        set.patientEmail = own == null ? null : own.email();
        set.patientMinLevel = own == null ? null : own.minLevel().name();
        set.patientQuietStart = own == null || own.quietHours() == null ? null : own.quietHours().start();
        set.patientQuietEnd = own == null || own.quietHours() == null ? null : own.quietHours().end();
        set.updatedAt = at;
        set.updatedBy = actor;
    }
}
