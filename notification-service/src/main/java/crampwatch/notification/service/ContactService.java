package crampwatch.notification.service;

import crampwatch.notification.domain.Contact;
import crampwatch.notification.domain.ContactSet;
import crampwatch.notification.persistence.ContactRepository;
import crampwatch.notification.persistence.ContactSetEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Stores and reads a patient's contact list. */
@ApplicationScoped
@Transactional
public class ContactService {

    @Inject
    ContactRepository contacts;

    Clock clock = Clock.systemUTC();

    public Optional<ContactSet> find(String patientId) {
        return contacts.contactsOf(patientId);
    }

    /** Replaces the whole contact list of a patient. */
    public ContactSet replace(String patientId, Contact patient, List<Contact> clinicians, String actor) {
        Instant now = now();
        ContactRepository.setOwn(contacts.lockedSet(patientId, now, actor), patient, now, actor);
        contacts.replaceClinicians(patientId, clinicians);
        return new ContactSet(patientId, patient, List.copyOf(clinicians), now, actor);
    }

    /**
     * Sets only the patient's own entry (creating the list, with no clinicians, if none is stored); the clinicians
     * stay as they are. Returns the list as it now stands.
     */
    public ContactSet replacePatient(String patientId, Contact patient, String actor) {
        Instant now = now();
        ContactRepository.setOwn(contacts.lockedSet(patientId, now, actor), patient, now, actor);
        return find(patientId).orElseThrow();
    }

    /** Clears the patient's own entry, if a list is stored; the clinicians stay. */
    public void removePatient(String patientId, String actor) {
        ContactSetEntity set = contacts.findById(patientId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (set != null) {
            ContactRepository.setOwn(set, null, now(), actor);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
