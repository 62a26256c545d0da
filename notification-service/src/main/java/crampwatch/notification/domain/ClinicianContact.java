package crampwatch.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One clinician address on a patient's contact list. */
@Embeddable
public class ClinicianContact {

    @Column(name = "email", nullable = false)
    public String email;

    @Enumerated(EnumType.STRING)
    @Column(name = "min_level", nullable = false)
    public Level minLevel;

    public ClinicianContact() {
    }

    public ClinicianContact(String email, Level minLevel) {
        this.email = email;
        this.minLevel = minLevel;
    }
}
