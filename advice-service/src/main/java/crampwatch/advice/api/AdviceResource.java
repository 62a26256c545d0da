package crampwatch.advice.api;

import crampwatch.advice.domain.Escalation;
import crampwatch.advice.domain.EscalationStore;
import crampwatch.advice.domain.EpisodeStore;
import crampwatch.advice.domain.Level;
import crampwatch.advice.domain.Profile;
import crampwatch.advice.domain.ProfileStore;
import crampwatch.advice.domain.Times;
import crampwatch.advice.domain.selfcare.SelfCareCatalogue;
import crampwatch.advice.domain.selfcare.SelfCarePlanner;
import crampwatch.common.security.PatientAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.util.Comparator;
import java.util.List;

/** {@code GET /patients/{patientId}/advice}: the patient's current level, open escalations and tailored self-care. */
@Path("/patients/{patientId}/advice")
@RolesAllowed({"patient", "clinician"})
@Produces(MediaType.APPLICATION_JSON)
public class AdviceResource {

    /** Self-care is tailored by the episodes of this last stretch of time. */
    static final Duration TAILOR_BY = Duration.ofDays(30);
    static final int TAILOR_MAX_EPISODES = 200;

    @Inject
    PatientAccess access;

    @Inject
    EscalationStore escalations;

    @Inject
    EpisodeStore episodes;

    @Inject
    ProfileStore profiles;

    /** How long after it was raised an acknowledged escalation still sets the patient's level. */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "crampwatch.advice.acknowledged-counts-days", defaultValue = "14")
    int acknowledgedCountsDays;

    @GET
    public AdviceView get(@PathParam("patientId") String patientId) {
        access.check(patientId, "advice.read");
        Instant now = Times.now();
        long considered = episodes.countLive(patientId);
        List<Escalation> counting = escalations.counting(patientId, now.minus(Duration.ofDays(acknowledgedCountsDays)));
        Level level = counting.stream().map(Escalation::level).max(Comparator.naturalOrder()).orElse(Level.SELF_CARE);
        Profile profile = profiles.find(patientId).orElse(null);
        java.time.ZoneId zone = Profile.zoneOf(profile);
        var recent = episodes.recent(patientId, now.minus(TAILOR_BY), TAILOR_MAX_EPISODES);
        return new AdviceView(patientId, level, counting.stream().map(e -> AdviceView.Escalation.of(e, zone)).toList(),
                SelfCarePlanner.plan(profile, recent, Year.now().getValue()), now, considered, SelfCareCatalogue.NOTICE);
    }
}
