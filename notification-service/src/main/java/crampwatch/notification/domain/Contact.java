package crampwatch.notification.domain;

/**
 * An address and the lowest escalation level it wants to hear about. A clinician's {@code seeDoctorDelivery} says
 * whether its SEE_DOCTOR alerts go out one by one or in the daily digest; a patient's {@code quietHours} (null: none)
 * hold back its non-URGENT mail. Each is null / IMMEDIATE for the other kind of contact.
 */
public record Contact(String email, Level minLevel, SeeDoctorDelivery seeDoctorDelivery, QuietHours quietHours) {

    public Contact {
        seeDoctorDelivery = seeDoctorDelivery == null ? SeeDoctorDelivery.IMMEDIATE : seeDoctorDelivery;
    }

    public Contact(String email, Level minLevel) {
        this(email, minLevel, SeeDoctorDelivery.IMMEDIATE, null);
    }
}
