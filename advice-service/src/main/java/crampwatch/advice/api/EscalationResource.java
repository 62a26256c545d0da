package crampwatch.advice.api;

import crampwatch.advice.domain.escalation.DeliverySummary;
import crampwatch.advice.domain.escalation.Escalation;
import crampwatch.advice.domain.escalation.EscalationStatus;
import crampwatch.advice.domain.escalation.WorkList;
import crampwatch.advice.service.EscalationService;
import crampwatch.advice.domain.escalation.Level;
import crampwatch.common.api.Cursors;
import crampwatch.common.api.QueryParams;
import crampwatch.common.api.InvalidInputException;
import crampwatch.common.api.NotFoundProblem;
import crampwatch.common.api.Page;
import crampwatch.common.security.PatientAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** The clinic's work list and acknowledgements: clinicians only, every patient touched is audited. */
@Path("/escalations")
@RolesAllowed(crampwatch.common.security.Roles.CLINICIAN)
@Produces(MediaType.APPLICATION_JSON)
public class EscalationResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    @Inject
    PatientAccess access;

    @Inject
    EscalationService escalations;

    /** Most urgent first, then oldest first; {@code {items, nextCursor}}. */
    @GET
    public Page<EscalationView> list(@QueryParam("status") String status, @QueryParam("level") String level,
                                     @QueryParam("patientId") String patientId, @QueryParam("deliveryState") String deliveryState,
                                     @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        WorkList.Filter filter = new WorkList.Filter(parseStatus(status), parseLevel(level),
                patientId == null || patientId.isBlank() ? null : patientId, parseDeliveryState(deliveryState));
        int size = parseLimit(limit);
        WorkList.After after = cursor == null || cursor.isBlank() ? null : parseCursor(cursor);
        List<Escalation> rows = escalations.list(filter, after, size + 1);
        List<Escalation> page = rows.subList(0, Math.min(size, rows.size()));
        // Audit every patient whose data this page shows (or the filter, for an empty page).
        LinkedHashSet<String> patients = new LinkedHashSet<>();
        page.forEach(e -> patients.add(e.patientId()));
        if (patients.isEmpty()) {
            access.requireClinician("escalation.list", filter.patientId());
        }
        patients.forEach(p -> access.requireClinician("escalation.list", p));
        String next = null;
        if (rows.size() > size) {
            Escalation last = page.get(page.size() - 1);
            next = Cursors.encode(String.valueOf(last.level().rank()), last.raisedAt().toString(), last.id().toString());
        }
        return new Page<>(views(page), next);
    }

    @GET
    @Path("/{id}")
    public EscalationView get(@PathParam("id") String id) {
        Escalation e = find(id);
        access.requireClinician("escalation.read", e.patientId());
        return view(e);
    }

    /** OPEN → ACKNOWLEDGED, recording who and when; 409 if it is not OPEN any more. */
    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    public EscalationView acknowledge(@PathParam("id") String id, @Valid AcknowledgeRequest body) {
        Escalation e = find(id);
        access.requireClinician("escalation.acknowledge", e.patientId());
        String note = body == null || body.note() == null || body.note().isBlank() ? null : body.note().strip();
        return view(escalations.acknowledge(e.id(), access.caller(), note));
    }

    private List<EscalationView> views(List<Escalation> page) {
        return EscalationView.all(page, escalations);
    }

    private EscalationView view(Escalation e) {
        return EscalationView.all(List.of(e), escalations).get(0);
    }

    private static DeliverySummary.State parseDeliveryState(String s) {
        return QueryParams.enumValue("deliveryState", s, DeliverySummary.State.class);
    }

    private Escalation find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException ex) {
            throw new NotFoundProblem("escalation");
        }
        return escalations.get(uuid);
    }

    private static EscalationStatus parseStatus(String s) {
        return QueryParams.enumValue("status", s, EscalationStatus.class);
    }

    private static Level parseLevel(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        if (!s.equals(Level.SEE_DOCTOR.name()) && !s.equals(Level.URGENT.name())) {
            throw new InvalidInputException("level", "'" + s + "' is not one of [SEE_DOCTOR, URGENT]");
        }
        return Level.valueOf(s);
    }

    private static int parseLimit(String s) {
        return QueryParams.wholeNumber("limit", s, DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    private static WorkList.After parseCursor(String cursor) {
        List<String> parts = Cursors.decode(cursor, 3);
        return new WorkList.After(Cursors.wholeNumber(parts.get(0)), Cursors.instant(parts.get(1)), Cursors.uuid(parts.get(2)));
    }
}
