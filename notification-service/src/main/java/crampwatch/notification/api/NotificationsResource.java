package crampwatch.notification.api;

import crampwatch.common.api.PatientIds;
import crampwatch.common.api.Cursors;
import crampwatch.common.api.QueryParams;
import crampwatch.common.api.InvalidInputException;
import crampwatch.common.api.NotFoundProblem;
import crampwatch.common.api.Page;
import crampwatch.common.security.PatientAccess;
import crampwatch.common.security.Roles;
import crampwatch.notification.domain.DeliveryRecord;
import crampwatch.notification.domain.DeliveryStatus;
import crampwatch.notification.service.DeliveryLogService;
import crampwatch.notification.service.DeliveryResendService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The delivery log (every email owed, sent, failed or cancelled, newest first) and resends. Clinicians only. */
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CLINICIAN)
@Tag(name = "notifications")
public class NotificationsResource {

    @Inject
    DeliveryLogService log;

    @Inject
    DeliveryResendService resend;

    @Inject
    PatientAccess access;

    @GET
    @Operation(summary = "The delivery log, newest first, paginated with nextCursor")
    public Page<DeliveryView> list(
            @QueryParam("patientId") @Pattern(regexp = PatientIds.PATTERN, message = PatientIds.MESSAGE) String patientId,
            @QueryParam("status") String status,
            @QueryParam("limit") String limitParam,
            @QueryParam("cursor") String cursor) {
        access.requireClinician("notifications.read", patientId);
        int limit = QueryParams.wholeNumber("limit", limitParam, 50, 1, 200);
        DeliveryStatus wanted = parseStatus(status);
        Instant afterCreatedAt = null;
        UUID afterId = null;
        if (cursor != null && !cursor.isEmpty()) {
            List<String> parts = Cursors.decode(cursor, 2);
            afterCreatedAt = Cursors.instant(parts.get(0));
            afterId = Cursors.uuid(parts.get(1));
        }
        List<DeliveryRecord> rows = log.page(patientId, wanted, afterCreatedAt, afterId, limit);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            DeliveryRecord last = rows.get(limit - 1);
            next = Cursors.encode(last.createdAt().toString(), last.id().toString());
        }
        return new Page<>(rows.stream().map(DeliveryView::of).toList(), next);
    }

    @POST
    @Path("/escalations/{escalationId}/resend")
    @Operation(summary = "Resend an escalation's FAILED deliveries to the patient's current contacts (202; 404 unknown "
            + "escalation; 409 when nothing would be sent)")
    public Response resend(@PathParam("escalationId") UUID escalationId) {
        DeliveryResendService.Result result = resend.resend(escalationId);
        if (result instanceof DeliveryResendService.Result.Unknown) {
            access.requireClinician("notifications.resend", null);
            throw new NotFoundProblem("escalation");
        }
        if (result instanceof DeliveryResendService.Result.Nothing nothing) {
            access.requireClinician("notifications.resend", nothing.patientId());
            throw new ClientErrorException(nothing.why(), Response.Status.CONFLICT);
        }
        DeliveryResendService.Result.Requeued requeued = (DeliveryResendService.Result.Requeued) result;
        access.requireClinician("notifications.resend", requeued.patientId());
        List<DeliveryView> views = requeued.deliveries().stream().map(DeliveryView::of).toList();
        return Response.accepted(new ResendView(escalationId, views)).type(MediaType.APPLICATION_JSON).build();
    }

    private static DeliveryStatus parseStatus(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "'" + status + "' is not one of " + Arrays.toString(DeliveryStatus.values()));
        }
    }
}
