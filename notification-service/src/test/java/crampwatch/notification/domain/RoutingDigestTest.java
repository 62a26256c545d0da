package crampwatch.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routing marks a digest clinician's SEE_DOCTOR alerts and a patient's non-URGENT ones with quiet hours. */
class RoutingDigestTest {

    static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
    static final Contact PATIENT = new Contact("pat@example.org", Level.SEE_DOCTOR, SeeDoctorDelivery.IMMEDIATE, NIGHT);
    static final Contact DIGEST_DOC = new Contact("digest@clinic.example", Level.SEE_DOCTOR, SeeDoctorDelivery.DAILY_DIGEST, null);
    static final Contact NOW_DOC = new Contact("now@clinic.example", Level.SEE_DOCTOR);

    @Test
    void seeDoctorGoesToTheDigestAndWaitsForQuietHours() {
        assertThat(Routing.recipients(Level.SEE_DOCTOR, PATIENT, List.of(DIGEST_DOC, NOW_DOC))).containsExactly(
                new Recipient("pat@example.org", Audience.PATIENT, false, NIGHT),
                new Recipient("digest@clinic.example", Audience.CLINICIAN, true, null),
                new Recipient("now@clinic.example", Audience.CLINICIAN, false, null));
    }

    @Test
    void urgentIsAlwaysImmediate() {
        assertThat(Routing.recipients(Level.URGENT, PATIENT, List.of(DIGEST_DOC, NOW_DOC))).containsExactly(
                new Recipient("pat@example.org", Audience.PATIENT, false, null),
                new Recipient("digest@clinic.example", Audience.CLINICIAN, false, null),
                new Recipient("now@clinic.example", Audience.CLINICIAN, false, null));
    }
}
