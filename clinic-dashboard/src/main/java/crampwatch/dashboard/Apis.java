package crampwatch.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The three services' HTTP APIs as the dashboard calls them (design.md), always with the signed-in clinician's
 * bearer token. Only the fields the pages show are read; unknown ones are ignored.
 */
public final class Apis {
    private Apis() {
    }

    @io.quarkus.qute.TemplateData
    public record Page<T>(List<T> items, String nextCursor) {
    }

    @io.quarkus.qute.TemplateData
    public record Deliveries(String state, int sent, int pending, int failed, int reminderSent) {
    }

    @io.quarkus.qute.TemplateData
    public record Escalation(UUID id, String patientId, String rule, String level, String status, String reason,
                             List<UUID> episodeIds, Instant raisedAt, Instant acknowledgedAt, String acknowledgedBy,
                             String acknowledgementNote, Instant withdrawnAt, Deliveries deliveries) {
    }

    @io.quarkus.qute.TemplateData
    public record SelfCare(String id, String title, String text) {
    }

    @io.quarkus.qute.TemplateData
    public record Advice(String level, List<SelfCare> selfCare, Instant evaluatedAt, long episodesConsidered) {
    }

    @io.quarkus.qute.TemplateData
    public record Medicine(String name, String startedOn) {
    }

    @io.quarkus.qute.TemplateData
    public record Profile(String patientId, Integer birthYear, boolean pregnant, String timeZone, List<String> conditions,
                          List<Medicine> medicines) {
    }

    @io.quarkus.qute.TemplateData
    public record Episode(UUID id, OffsetDateTime startedAt, int durationSeconds, String site, String side, int painScore,
                          boolean wokeFromSleep, List<String> relievedBy, List<String> symptoms, List<String> exposures) {
    }

    @io.quarkus.qute.TemplateData
    public record Summary(int days, int episodes, int nightsWithCramps, int nightsWoken, Integer longestDurationSeconds,
                          Integer highestPainScore, Map<String, Integer> bySite) {
    }

    /**
     * A contact entry; {@code seeDoctorDelivery} (a clinician's IMMEDIATE or DAILY_DIGEST) and {@code quietHours} (the
     * patient's) are left out of a request when null.
     */
    @io.quarkus.qute.TemplateData
    public record Contact(String email, String minLevel,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                          String seeDoctorDelivery,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                          QuietHours quietHours) {

        public Contact(String email, String minLevel) {
            this(email, minLevel, null, null);
        }
    }

    /** The patient's quiet hours, {@code HH:mm} local times. */
    @io.quarkus.qute.TemplateData
    public record QuietHours(String start, String end) {
    }

    @io.quarkus.qute.TemplateData
    public record Contacts(Contact patient, List<Contact> clinicians) {
    }

    @io.quarkus.qute.TemplateData
    public record Delivery(UUID id, UUID escalationId, String recipient, String audience, String level, String rule,
                           String status, int attempts, String lastError, Instant createdAt, Instant sentAt, int step) {
    }

    @io.quarkus.qute.TemplateData
    public record Note(String note) {
    }

    @RegisterRestClient(configKey = "episode-service")
    @Path("/patients/{patientId}/episodes")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Episodes {
        @GET
        Page<Episode> list(@HeaderParam("Authorization") String auth, @PathParam("patientId") String patientId,
                           @QueryParam("from") String from, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor);

        @GET
        @Path("/summary")
        Summary summary(@HeaderParam("Authorization") String auth, @PathParam("patientId") String patientId,
                        @QueryParam("days") int days);
    }

    @RegisterRestClient(configKey = "advice-service")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Advices {
        @GET
        @Path("/escalations")
        Page<Escalation> escalations(@HeaderParam("Authorization") String auth, @QueryParam("status") String status,
                                     @QueryParam("level") String level, @QueryParam("patientId") String patientId,
                                     @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor);

        @POST
        @Path("/escalations/{id}/acknowledge")
        @Consumes(MediaType.APPLICATION_JSON)
        Escalation acknowledge(@HeaderParam("Authorization") String auth, @PathParam("id") UUID id, Note note);

        @GET
        @Path("/patients/{patientId}/advice")
        Advice advice(@HeaderParam("Authorization") String auth, @PathParam("patientId") String patientId);

        @GET
        @Path("/patients/{patientId}/profile")
        Profile profile(@HeaderParam("Authorization") String auth, @PathParam("patientId") String patientId);
    }

    @RegisterRestClient(configKey = "notification-service")
    @Produces(MediaType.APPLICATION_JSON)
    public interface Notifications {
        @GET
        @Path("/patients/{patientId}/contacts")
        Contacts contacts(@HeaderParam("Authorization") String auth, @PathParam("patientId") String patientId);

        @PUT
        @Path("/patients/{patientId}/contacts")
        @Consumes(MediaType.APPLICATION_JSON)
        Contacts putContacts(@HeaderParam("Authorization") String auth, @PathParam("patientId") String patientId, Contacts body);

        @GET
        @Path("/notifications")
        Page<Delivery> deliveries(@HeaderParam("Authorization") String auth, @QueryParam("patientId") String patientId,
                                  @QueryParam("limit") Integer limit);
    }

    /** A problem+json body's useful parts. */
    @io.quarkus.qute.TemplateData
    public record Problem(String title, String detail, List<JsonNode> errors) {
    }
}
