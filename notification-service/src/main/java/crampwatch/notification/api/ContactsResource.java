package crampwatch.notification.api;

import crampwatch.common.api.InvalidInputException;
import crampwatch.common.security.PatientAccess;
import crampwatch.notification.domain.Contact;
import crampwatch.notification.domain.ContactService;
import crampwatch.notification.domain.ContactSet;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who is emailed about a patient's escalations. Clinicians manage any patient; a patient their own list. */
@Path("/patients/{patientId}/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"patient", "clinician"})
@Tag(name = "contacts")
public class ContactsResource {

    static final String PATIENT_ID = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    @Inject
    ContactService contacts;

    @Inject
    PatientAccess access;

    @GET
    @Operation(summary = "The patient's contact list (404 while none has been stored)")
    public ContactsBody get(@PathParam("patientId") @Pattern(regexp = PATIENT_ID, message = "must be a patient id") String patientId) {
        access.check(patientId, "contacts.read");
        return contacts.find(patientId).map(ContactsResource::toBody)
                .orElseThrow(() -> new NotFoundException("No contacts are stored for this patient yet."));
    }

    @PUT
    @Operation(summary = "Replace the patient's contact list")
    public ContactsBody put(@PathParam("patientId") @Pattern(regexp = PATIENT_ID, message = "must be a patient id") String patientId,
                            @NotNull(message = "a body is required") @Valid ContactsBody body) {
        access.check(patientId, "contacts.update");
        List<ContactEntry> clinicians = body.clinicians() == null ? List.of() : body.clinicians();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < clinicians.size(); i++) {
            if (!seen.add(clinicians.get(i).email().toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException("clinicians[" + i + "].email", "this address is already listed");
            }
        }
        Contact patient = body.patient() == null ? null : new Contact(body.patient().email(), body.patient().minLevel());
        ContactSet stored = contacts.replace(patientId, patient,
                clinicians.stream().map(c -> new Contact(c.email(), c.minLevel())).toList(), access.caller());
        return toBody(stored);
    }

    static ContactsBody toBody(ContactSet set) {
        ContactEntry patient = set.patient() == null ? null : new ContactEntry(set.patient().email(), set.patient().minLevel());
        return new ContactsBody(patient, set.clinicians().stream().map(c -> new ContactEntry(c.email(), c.minLevel())).toList());
    }
}
