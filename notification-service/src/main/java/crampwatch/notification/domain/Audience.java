package crampwatch.notification.domain;

/** Who an email is written for: the patient gets plain instructions, a clinician the clinical summary. */
public enum Audience {
    PATIENT,
    CLINICIAN
}
