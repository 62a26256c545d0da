package crampwatch.notification.service;

import crampwatch.notification.config.DigestConfig;
import crampwatch.notification.domain.Audience;
import crampwatch.notification.domain.Contact;
import crampwatch.notification.domain.ContactSet;
import crampwatch.notification.domain.Level;
import crampwatch.notification.domain.QuietHours;
import crampwatch.notification.persistence.ContactRepository;
import crampwatch.notification.persistence.PatientZoneRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A patient's quiet hours as they stand now (the patient's own contact entry), read in the patient's time zone: the
 * latest one advice-service reported (EscalationRaised's {@code escalation.patientTimeZone}), else the clinic's.
 * Only a patient's non-URGENT mail ever waits for them; URGENT mail and clinicians never do. In the caller's
 * transaction.
 */
@ApplicationScoped
public class PatientQuietHours {

    @Inject
    ContactRepository contacts;

    @Inject
    PatientZoneRepository zones;

    @Inject
    DigestConfig clinic;

    /** The zone a patient's quiet hours are read in. */
    public ZoneId zoneOf(String patientId) {
        return zones.zoneOf(patientId).map(ZoneId::of).orElseGet(() -> ZoneId.of(clinic.timeZone()));
    }

    /** Whether mail of {@code level} to {@code audience} is one that quiet hours hold back. */
    public static boolean applies(Audience audience, Level level) {
        return audience == Audience.PATIENT && level != Level.URGENT;
    }

    /**
     * When a patient's mail of {@code level} to {@code audience}, due at {@code due}, may go out under the patient's
     * quiet hours as they are now: {@code due} itself when none apply, else the end of the quiet hours it falls in.
     */
    public Instant releaseOf(String patientId, Audience audience, Level level, Instant due) {
        if (!applies(audience, level)) {
            return due;
        }
        QuietHours quiet = contacts.contactsOf(patientId).map(ContactSet::patient).map(Contact::quietHours).orElse(null);
        return quiet == null ? due : quiet.releaseOf(due, zoneOf(patientId));
    }
}
