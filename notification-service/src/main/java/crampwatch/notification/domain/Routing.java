package crampwatch.notification.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which contacts an escalation at a given level goes to: pure logic, no I/O. */
public final class Routing {
    private Routing() {
    }

    /**
     * The patient (if their minimum level is reached) first, then each clinician whose minimum level
     * is reached; an address appears once (case-insensitively), in the first role it was listed in. A SEE_DOCTOR
     * alert to a clinician who chose the daily digest is marked {@code digest}; a non-URGENT alert to a patient with
     * quiet hours carries them.
     */
    public static List<Recipient> recipients(Level level, Contact patient, List<Contact> clinicians) {
        List<Recipient> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (patient != null && level.reaches(patient.minLevel()) && seen.add(patient.email().toLowerCase(Locale.ROOT))) {
            out.add(new Recipient(patient.email(), Audience.PATIENT, false, level == Level.URGENT ? null : patient.quietHours()));
        }
        for (Contact clinician : clinicians) {
            if (level.reaches(clinician.minLevel()) && seen.add(clinician.email().toLowerCase(Locale.ROOT))) {
                boolean digest = level == Level.SEE_DOCTOR && clinician.seeDoctorDelivery() == SeeDoctorDelivery.DAILY_DIGEST;
                out.add(new Recipient(clinician.email(), Audience.CLINICIAN, digest, null));
            }
        }
        return out;
    }

    /**
     * Who a step of an URGENT escalation's chain goes to: each clinician on the patient's list (URGENT reaches every
     * minimum level), then each of the clinic's on-call addresses; never the patient. An address appears once
     * (case-insensitively), in the first role it was listed in. On-call addresses get the clinicians' email.
     */
    public static List<Recipient> chainRecipients(List<Contact> clinicians, List<String> onCall) {
        List<Recipient> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Contact clinician : clinicians) {
            if (Level.URGENT.reaches(clinician.minLevel()) && seen.add(clinician.email().toLowerCase(Locale.ROOT))) {
                out.add(new Recipient(clinician.email(), Audience.CLINICIAN));
            }
        }
        for (String address : onCall) {
            if (seen.add(address.toLowerCase(Locale.ROOT))) {
                out.add(new Recipient(address, Audience.CLINICIAN));
            }
        }
        return out;
    }
}
