package crampwatch.advice.api;

import crampwatch.advice.domain.selfcare.SelfCareCatalogue;
import crampwatch.advice.service.AdviceService;
import crampwatch.common.security.PatientAccess;
import crampwatch.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /patients/{patientId}/advice}: the patient's current level, open escalations and tailored self-care. */
@Path("/patients/{patientId}/advice")
@RolesAllowed({Roles.PATIENT, Roles.CLINICIAN})
@Produces(MediaType.APPLICATION_JSON)
public class AdviceResource {

    @Inject
    PatientAccess access;

    @Inject
    AdviceService advice;

    @GET
    public AdviceView get(@PathParam("patientId") String patientId) {
        access.check(patientId, "advice.read");
        AdviceService.Advice a = advice.advice(patientId);
        return new AdviceView(patientId, a.level(), a.counting().stream().map(e -> AdviceView.Escalation.of(e, a.zone())).toList(),
                a.selfCare(), a.evaluatedAt(), a.episodesConsidered(), SelfCareCatalogue.NOTICE);
    }
}
