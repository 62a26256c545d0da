package crampwatch.notification.api;

import crampwatch.common.api.PatientIds;
import crampwatch.common.api.InvalidInputException;
import crampwatch.common.security.PatientAccess;
import crampwatch.notification.domain.Contact;
import crampwatch.notification.service.ContactService;
import crampwatch.notification.domain.ContactSet;
import crampwatch.notification.domain.EmailAddresses;
import crampwatch.notification.domain.QuietHours;
import crampwatch.notification.domain.SeeDoctorDelivery;
import java.time.LocalTime;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who is emailed about a patient's escalations. The list has two owners: the clinicians on it are the clinic's
 * (only a clinician token may replace the list, {@code PUT …/contacts}); the patient's own address and the level it
 * wants are the patient's ({@code PUT|DELETE …/contacts/patient}, its own id only, or a clinician). Anyone who may
 * act on the patient may read the list. docs/security.md has the whole table.
 */
@Path("/patients/{patientId}/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({crampwatch.common.security.Roles.PATIENT, crampwatch.common.security.Roles.CLINICIAN})
@Tag(name = "contacts")
public class ContactsResource {

    @Inject
    ContactService contacts;

    @Inject
    PatientAccess access;

    @GET
    @Operation(summary = "The patient's contact list (404 while none has been stored)")
    public ContactsBody get(@PathParam("patientId") @Pattern(regexp = PatientIds.PATTERN, message = PatientIds.MESSAGE) String patientId) {
        access.check(patientId, "contacts.read");
        return contacts.find(patientId).map(ContactsResource::toBody)
                .orElseThrow(() -> new NotFoundException("No contacts are stored for this patient yet."));
    }

    @PUT
    @RolesAllowed(crampwatch.common.security.Roles.CLINICIAN)
    @Operation(summary = "Replace the patient's whole contact list (clinicians only: the clinicians on it are the clinic's; "
            + "a patient sets its own address with PUT /patients/{patientId}/contacts/patient)")
    public ContactsBody put(@PathParam("patientId") @Pattern(regexp = PatientIds.PATTERN, message = PatientIds.MESSAGE) String patientId,
                            @NotNull(message = "a body is required") @Valid ContactsBody body) {
        access.requireClinician("contacts.update", patientId);
        List<ContactEntry> clinicians = body.clinicians() == null ? List.of() : body.clinicians();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < clinicians.size(); i++) {
            if (!seen.add(EmailAddresses.key(clinicians.get(i).email()))) {
                throw new InvalidInputException("clinicians[" + i + "].email", "this address is already listed");
            }
        }
        for (int i = 0; i < clinicians.size(); i++) {
            if (clinicians.get(i).quietHours() != null) {
                throw new InvalidInputException("clinicians[" + i + "].quietHours", "quiet hours are set on the patient's own address only");
            }
        }
        Contact patient = body.patient() == null ? null : patientContact(body.patient(), "patient.");
        ContactSet stored = contacts.replace(patientId, patient,
                clinicians.stream().map(c -> new Contact(c.email(), c.minLevel(), c.seeDoctorDelivery(), null)).toList(),
                access.caller());
        return toBody(stored);
    }

    @PUT
    @Path("/patient")
    @Operation(summary = "Set the patient's own address and the lowest level it is mailed about (the patient itself or a "
            + "clinician); the clinicians on the list stay as they are")
    public ContactsBody putOwn(@PathParam("patientId") @Pattern(regexp = PatientIds.PATTERN, message = PatientIds.MESSAGE) String patientId,
                               @NotNull(message = "a body is required") @Valid ContactEntry body) {
        access.check(patientId, "contacts.patient.update");
        return toBody(contacts.replacePatient(patientId, patientContact(body, ""), access.caller()));
    }

    /** The patient's own entry: no digest choice (that is a clinician's), quiet hours with a start other than the end. */
    private static Contact patientContact(ContactEntry entry, String prefix) {
        if (entry.seeDoctorDelivery() != null) {
            throw new InvalidInputException(prefix + "seeDoctorDelivery", "only a clinician contact chooses how SEE_DOCTOR alerts arrive");
        }
        QuietHours quiet = null;
        if (entry.quietHours() != null) {
            LocalTime start = LocalTime.parse(entry.quietHours().start());
            LocalTime end = LocalTime.parse(entry.quietHours().end());
            if (start.equals(end)) {
                throw new InvalidInputException(prefix + "quietHours.end", "must differ from the start");
            }
            quiet = new QuietHours(start, end);
        }
        return new Contact(entry.email(), entry.minLevel(), SeeDoctorDelivery.IMMEDIATE, quiet);
    }

    @DELETE
    @Path("/patient")
    @Operation(summary = "Remove the patient's own address (the patient itself or a clinician); the clinicians stay")
    public Response deleteOwn(@PathParam("patientId") @Pattern(regexp = PatientIds.PATTERN, message = PatientIds.MESSAGE) String patientId) {
        access.check(patientId, "contacts.patient.delete");
        contacts.removePatient(patientId, access.caller());
        return Response.noContent().build();
    }

    static ContactsBody toBody(ContactSet set) {
        Contact own = set.patient();
        ContactEntry patient = own == null ? null : new ContactEntry(own.email(), own.minLevel(), null,
                own.quietHours() == null ? null
                        : new QuietHoursBody(own.quietHours().start().toString(), own.quietHours().end().toString()));
        return new ContactsBody(patient, set.clinicians().stream()
                .map(c -> new ContactEntry(c.email(), c.minLevel(), c.seeDoctorDelivery(), null)).toList());
    }
}
