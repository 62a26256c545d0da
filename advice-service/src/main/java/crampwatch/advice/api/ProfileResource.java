package crampwatch.advice.api;

import crampwatch.advice.domain.Profile;
import crampwatch.advice.domain.ProfileStore;
import crampwatch.common.api.InvalidInputException;
import crampwatch.common.api.NotFoundProblem;
import crampwatch.common.security.PatientAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Year;
import java.time.ZoneId;

/** {@code PUT|GET /patients/{patientId}/profile}: birth year, pregnancy, time zone, conditions, medicines. */
@Path("/patients/{patientId}/profile")
@RolesAllowed({"patient", "clinician"})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProfileResource {

    static final String PATIENT_ID = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    @Inject
    PatientAccess access;

    @Inject
    ProfileStore profiles;

    @PUT
    public ProfileView put(@PathParam("patientId") @Pattern(regexp = PATIENT_ID, message = "not a patient id") String patientId,
                           @Valid @NotNull(message = "a profile body is required") ProfileRequest body) {
        access.check(patientId, "profile.write");
        if (body.birthYear() != null && body.birthYear() > Year.now().getValue()) {
            throw new InvalidInputException("birthYear", "must not be in the future");
        }
        if (body.timeZone() != null && !ZoneId.getAvailableZoneIds().contains(body.timeZone())) {
            throw new InvalidInputException("timeZone", "'" + body.timeZone() + "' is not an IANA time zone such as Europe/Berlin");
        }
        Profile profile = new Profile(patientId, body.birthYear(), Boolean.TRUE.equals(body.pregnant()), body.timeZone(),
                body.conditions() == null ? null : body.conditions().stream().distinct().toList(),
                body.medicines() == null ? null : body.medicines().stream().map(String::strip).distinct().toList());
        profiles.save(profile, access.caller());
        return ProfileView.of(profile);
    }

    @GET
    public ProfileView get(@PathParam("patientId") String patientId) {
        access.check(patientId, "profile.read");
        return profiles.find(patientId).map(ProfileView::of).orElseThrow(() -> new NotFoundProblem("profile for this patient"));
    }
}
