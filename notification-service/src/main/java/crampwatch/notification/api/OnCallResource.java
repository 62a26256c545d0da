package crampwatch.notification.api;

import crampwatch.common.api.InvalidInputException;
import crampwatch.common.security.PatientAccess;
import crampwatch.common.security.Roles;
import crampwatch.notification.domain.EmailAddresses;
import crampwatch.notification.service.OnCallService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The clinic's on-call addresses: one list for the clinic (not per patient), which gets the steps of every URGENT
 * escalation nobody acknowledges (docs/notifications.md, "The escalation chain"). Clinicians only, to read and to
 * replace.
 */
@Path("/on-call")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CLINICIAN)
@Tag(name = "contacts")
public class OnCallResource {

    @Inject
    OnCallService onCall;

    @Inject
    PatientAccess access;

    @GET
    @Operation(summary = "The clinic's on-call addresses (an empty list while none is set)")
    public OnCallBody get() {
        return body(onCall.addresses());
    }

    @PUT
    @Operation(summary = "Replace the clinic's on-call addresses (an empty list clears them)")
    public OnCallBody put(@NotNull(message = "a body is required") @Valid OnCallBody body) {
        List<String> addresses = body.onCall().stream().map(OnCallEntry::email).toList();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < addresses.size(); i++) {
            if (!seen.add(EmailAddresses.key(addresses.get(i)))) {
                throw new InvalidInputException("onCall[" + i + "].email", "this address is already listed");
            }
        }
        return body(onCall.replace(addresses, access.caller()));
    }

    private static OnCallBody body(List<String> addresses) {
        return new OnCallBody(addresses.stream().map(OnCallEntry::new).toList());
    }
}
