package crampwatch.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTest {

    static final Contact PATIENT_URGENT = new Contact("pat@example.org", Level.URGENT);
    static final Contact DOC_SEE = new Contact("doc@clinic.example", Level.SEE_DOCTOR);
    static final Contact DOC_URGENT = new Contact("er@clinic.example", Level.URGENT);

    @Test
    void levelsReachTheirOwnAndLowerMinimums() {
        assertThat(Level.URGENT.reaches(Level.URGENT)).isTrue();
        assertThat(Level.URGENT.reaches(Level.SEE_DOCTOR)).isTrue();
        assertThat(Level.SEE_DOCTOR.reaches(Level.SEE_DOCTOR)).isTrue();
        assertThat(Level.SEE_DOCTOR.reaches(Level.URGENT)).isFalse();
    }

    @Test
    void seeDoctorGoesOnlyToThoseWhoWantSeeDoctor() {
        assertThat(Routing.recipients(Level.SEE_DOCTOR, PATIENT_URGENT, List.of(DOC_SEE, DOC_URGENT)))
                .containsExactly(new Recipient("doc@clinic.example", Audience.CLINICIAN));
    }

    @Test
    void urgentGoesToEveryonePatientFirst() {
        assertThat(Routing.recipients(Level.URGENT, PATIENT_URGENT, List.of(DOC_SEE, DOC_URGENT))).containsExactly(
                new Recipient("pat@example.org", Audience.PATIENT),
                new Recipient("doc@clinic.example", Audience.CLINICIAN),
                new Recipient("er@clinic.example", Audience.CLINICIAN));
    }

    @Test
    void noContactsOrNoMatchMeansNobody() {
        assertThat(Routing.recipients(Level.URGENT, null, List.of())).isEmpty();
        assertThat(Routing.recipients(Level.SEE_DOCTOR, PATIENT_URGENT, List.of(DOC_URGENT))).isEmpty();
    }

    @Test
    void anAddressListedTwiceIsMailedOnceInItsFirstRole() {
        Contact sameAsPatient = new Contact("PAT@example.org", Level.SEE_DOCTOR);
        assertThat(Routing.recipients(Level.URGENT, PATIENT_URGENT, List.of(sameAsPatient)))
                .containsExactly(new Recipient("pat@example.org", Audience.PATIENT));
    }

    @Test
    void aChainStepGoesToEveryClinicianThenOnCallNeverThePatientEachAddressOnce() {
        assertThat(Routing.chainRecipients(List.of(DOC_SEE, DOC_URGENT), List.of("oncall@clinic.example", "ER@clinic.example")))
                .containsExactly(new Recipient("doc@clinic.example", Audience.CLINICIAN),
                        new Recipient("er@clinic.example", Audience.CLINICIAN),
                        new Recipient("oncall@clinic.example", Audience.CLINICIAN));
        assertThat(Routing.chainRecipients(List.of(), List.of())).isEmpty();
    }
}
