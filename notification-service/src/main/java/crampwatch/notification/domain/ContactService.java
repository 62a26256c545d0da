package crampwatch.notification.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores and reads a patient's contact list. */
@ApplicationScoped
@Transactional
public class ContactService {

    Clock clock = Clock.systemUTC();

    public Optional<ContactSet> find(String patientId) {
        return ContactSet.findByIdOptional(patientId);
    }

    /** Replaces the whole contact list of a patient. */
    public ContactSet replace(String patientId, Contact patient, List<Contact> clinicians, String actor) {
        ContactSet set = ContactSet.<ContactSet>findByIdOptional(patientId).orElseGet(() -> {
            ContactSet created = new ContactSet();
            created.patientId = patientId;
            return created;
        });
        set.patientEmail = patient == null ? null : patient.email();
        set.patientMinLevel = patient == null ? null : patient.minLevel();
        set.clinicians.clear();
        clinicians.forEach(c -> set.clinicians.add(new ClinicianContact(c.email(), c.minLevel())));
        set.updatedAt = Instant.now(clock);
        set.updatedBy = actor;
        set.persist();
        return set;
    }
}
