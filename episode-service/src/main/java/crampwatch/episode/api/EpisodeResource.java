package crampwatch.episode.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.common.api.InvalidInputException;
import crampwatch.common.api.Page;
import crampwatch.common.api.Problem;
import crampwatch.common.events.EpisodeContract;
import crampwatch.common.api.PatientIds;
import crampwatch.common.api.QueryParams;
import crampwatch.common.security.PatientAccess;
import crampwatch.common.security.Roles;
import crampwatch.episode.domain.Episode;
import crampwatch.episode.domain.EpisodeSummary;
import crampwatch.episode.domain.NewEpisode;
import crampwatch.episode.service.EpisodeService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Episode logging for a patient: the portal backend (patient token) or a clinician. */
@Path("/patients/{patientId}/episodes")
@Tag(name = "Episodes")
@RolesAllowed({Roles.PATIENT, Roles.CLINICIAN})
@Produces(MediaType.APPLICATION_JSON)
public class EpisodeResource {

    @Inject
    EpisodeService episodes;

    @Inject
    PatientAccess access;

    @Inject
    ObjectMapper mapper;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log a cramp episode",
            description = "201 with the stored episode. With an Idempotency-Key header, a retry returns the same episode "
                    + "(header Idempotent-Replayed: true) and publishes nothing new.")
    public Response log(@PathParam("patientId") @Pattern(regexp = PatientIds.PATTERN, message = PatientIds.MESSAGE) String patientId,
                        @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey,
                        @RequestBody(content = @Content(schema = @Schema(implementation = NewEpisode.class)))
                        @NotNull(message = "a JSON body is required") JsonNode body,
                        @Context UriInfo uri) throws JsonProcessingException {
        access.check(patientId, "episode.create");
        List<Problem.FieldError> errors = EpisodeContract.checkNewEpisode(body);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        EpisodeService.Logged logged = episodes.log(patientId, idempotencyKey, toNewEpisode(body));
        Response.ResponseBuilder response = Response.created(uri.getAbsolutePathBuilder().path(logged.episode().id().toString()).build())
                .entity(logged.episode());
        if (logged.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    @GET
    @Operation(summary = "List episodes, newest first", description = "from inclusive, to exclusive (ISO-8601 with offset); "
            + "limit defaults to 50 and is capped at 200; pass nextCursor as cursor for the next page.")
    public Page<Episode> list(@PathParam("patientId") @Pattern(regexp = PatientIds.PATTERN, message = PatientIds.MESSAGE) String patientId,
                                  @QueryParam("from") String from,
                                  @QueryParam("to") String to,
                                  @QueryParam("limit") String limit,
                                  @QueryParam("cursor") @Size(max = 200) String cursor) {
        access.check(patientId, "episode.list");
        return episodes.list(patientId, QueryParams.dateTime("from", from), QueryParams.dateTime("to", to),
                limit == null || limit.isEmpty() ? null : QueryParams.wholeNumber("limit", limit, 0, 1, Integer.MAX_VALUE), cursor);
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Counts over the last N days (default 14): episodes, nights with cramps, nights woken, longest, worst pain")
    public EpisodeSummary summary(@PathParam("patientId") @Pattern(regexp = PatientIds.PATTERN, message = PatientIds.MESSAGE) String patientId,
                                  @QueryParam("days") String days) {
        access.check(patientId, "episode.summary");
        return episodes.summary(patientId, QueryParams.wholeNumber("days", days, 14, 1, 366));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One episode")
    public Episode get(@PathParam("patientId") @Pattern(regexp = PatientIds.PATTERN, message = PatientIds.MESSAGE) String patientId,
                           @PathParam("id") String id) {
        access.check(patientId, "episode.read");
        return episodes.get(patientId, parseId(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a mistaken entry", description = "204; publishes EpisodeRetracted.")
    public Response retract(@PathParam("patientId") @Pattern(regexp = PatientIds.PATTERN, message = PatientIds.MESSAGE) String patientId,
                            @PathParam("id") String id) {
        access.check(patientId, "episode.delete");
        episodes.retract(patientId, parseId(id));
        return Response.noContent().build();
    }

    /** After the contract's check this binds; were the record and the schema ever to disagree, the mapping error is a 400. */
    private NewEpisode toNewEpisode(JsonNode body) throws JsonProcessingException {
        return mapper.treeToValue(body, NewEpisode.class);
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new crampwatch.common.api.NotFoundProblem("episode");
        }
    }
}
