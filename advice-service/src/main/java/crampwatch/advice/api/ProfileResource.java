package crampwatch.advice.api;

import crampwatch.common.api.PatientIds;
import crampwatch.advice.domain.profile.Medicine;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import crampwatch.advice.domain.profile.Profile;
import crampwatch.advice.service.ProfileService;
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
@RolesAllowed({crampwatch.common.security.Roles.PATIENT, crampwatch.common.security.Roles.CLINICIAN})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProfileResource {

    @Inject
    PatientAccess access;

    @Inject
    ProfileService profiles;

    @PUT
    public ProfileView put(@PathParam("patientId") @Pattern(regexp = PatientIds.PATTERN, message = PatientIds.MESSAGE) String patientId,
                           @Valid @NotNull(message = "a profile body is required") ProfileRequest body) {
        access.check(patientId, "profile.write");
        if (body.birthYear() != null && body.birthYear() > Year.now().getValue()) {
            throw new InvalidInputException("birthYear", "must not be in the future");
        }
        if (body.timeZone() != null && !ZoneId.getAvailableZoneIds().contains(body.timeZone())) {
            throw new InvalidInputException("timeZone", "'" + body.timeZone() + "' is not an IANA time zone such as Europe/Berlin");
        }
        Profile profile = new Profile(patientId, body.birthYear(), Boolean.TRUE.equals(body.pregnant()), body.timeZone(),
                body.conditions() == null ? null : body.conditions().stream().distinct().toList(), medicines(body.medicines()));
        return ProfileView.of(profiles.save(profile, access.caller()));
    }

    static List<Medicine> medicines(List<Medicine> given) {
        if (given == null) {
            return null;
        }
        LocalDate latest = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        List<Medicine> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Medicine m = given.get(i);
            String name = m.name() == null ? "" : m.name().strip();
            if (name.isEmpty()) {
                throw new InvalidInputException("medicines[" + i + "].name", "must not be blank");
            }
            if (!crampwatch.common.json.PlainText.isText(name)) {
                // A name given as a plain string reaches us through Medicine's creator, not the strict string reader.
                throw new InvalidInputException("medicines[" + i + "].name", crampwatch.common.json.PlainText.REASON);
            }
            if (name.length() > 100) {
                throw new InvalidInputException("medicines[" + i + "].name", "must be at most 100 characters");
            }
            if (m.startedOn() != null && (m.startedOn().isAfter(latest) || m.startedOn().getYear() < 1900)) {
                throw new InvalidInputException("medicines[" + i + "].startedOn", "must be a day between 1900-01-01 and today");
            }
            Medicine clean = new Medicine(name, m.startedOn());
            if (!out.contains(clean)) {
                out.add(clean);
            }
        }
        return out;
    }

    @GET
    public ProfileView get(@PathParam("patientId") String patientId) {
        access.check(patientId, "profile.read");
        return ProfileView.of(profiles.get(patientId));
    }
}
