package crampwatch.notification.domain;

/**
 * One person an escalation is mailed to, and the version of the email they get. {@code digest}: the escalation goes
 * into this clinician's daily digest instead of an email of its own; {@code quietHours}: the patient's, when this
 * mail must respect them (never for URGENT), else null.
 */
public record Recipient(String email, Audience audience, boolean digest, QuietHours quietHours) {

    public Recipient(String email, Audience audience) {
        this(email, audience, false, null);
    }
}
