package crampwatch.dashboard;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The pages: the work list (and its rows, which the page polls), a patient, acknowledging, editing contacts. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class Pages {
    static final Pattern PATIENT_ID = crampwatch.common.api.PatientIds.REGEX;
    static final Set<String> LEVELS = Set.of("URGENT", "SEE_DOCTOR");
    static final Set<String> STATUSES = Set.of("OPEN", "ACKNOWLEDGED", "WITHDRAWN");
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    @Inject
    Clinician clinician;
    @Inject
    Sessions sessions;
    @Inject
    Template worklist;
    @Inject
    Template rows;
    @Inject
    Template patient;
    @RestClient
    Apis.Episodes episodes;
    @RestClient
    Apis.Advices advice;
    @RestClient
    Apis.Notifications notifications;
    @ConfigProperty(name = "crampwatch.dashboard.long-cramp-seconds", defaultValue = "600")
    int longCrampSeconds;
    @ConfigProperty(name = "crampwatch.dashboard.chart-nights", defaultValue = "56")
    int chartNights;
    @ConfigProperty(name = "crampwatch.dashboard.refresh-seconds", defaultValue = "3")
    int refreshSeconds;

    /** A row of the work list, with what the template shows worked out here. */
    @io.quarkus.qute.TemplateData
    public record Row(Apis.Escalation e, String ago, String raised, String delivery) {
        public boolean open() {
            return "OPEN".equals(e.status());
        }

        /** "reminder 2 sent" once the URGENT escalation chain has mailed a reminder (nobody acknowledged it); else "". */
        public String reminder() {
            int step = e.deliveries() == null ? 0 : e.deliveries().reminderSent();
            return step > 0 ? "reminder " + step + " sent" : "";
        }
    }

    @GET
    public TemplateInstance list(@QueryParam("level") String level, @QueryParam("status") String status,
                                 @QueryParam("done") String done) {
        Filter f = Filter.of(level, status);
        return worklist.data("f", f).data("rows", rowsOf(f)).data("me", clinician.id()).data("proxied", clinician.proxied()).data("csrf", csrf())
                .data("done", "ack".equals(done)).data("refreshSeconds", refreshSeconds);
    }

    /**
     * The link in the clinicians' emails (notification-service: {@code BASE/escalations?status=OPEN&patientId=ID}, with
     * CRAMPWATCH_DASHBOARD_BASE_URL pointing here) opens the patient's page.
     */
    @GET
    @Path("escalations")
    public Response fromEmail(@QueryParam("patientId") String patientId) {
        return Response.seeOther(URI.create(patientId != null && PATIENT_ID.matcher(patientId).matches()
                ? "/patients/" + patientId : "/")).build();
    }

    @GET
    @Path("worklist/rows")
    public TemplateInstance rowsOnly(@QueryParam("level") String level, @QueryParam("status") String status) {
        Filter f = Filter.of(level, status);
        return rows.data("f", f).data("rows", rowsOf(f)).data("csrf", csrf());
    }

    @io.quarkus.qute.TemplateData
    public record Filter(String level, String status) {
        static Filter of(String level, String status) {
            return new Filter(level != null && LEVELS.contains(level) ? level : "",
                    status != null && STATUSES.contains(status) ? status : "OPEN");
        }

        public String statusWord() {
            return status.toLowerCase(Locale.ROOT);
        }

        public String query() {
            return "status=" + status + (level.isEmpty() ? "" : "&level=" + level);
        }
    }

    Outcome<List<Row>> rowsOf(Filter f) {
        Instant now = Instant.now();
        return Outcome.of("advice-service", () -> {
            List<Apis.Escalation> items = new ArrayList<>(advice.escalations(clinician.bearer(), f.status(),
                    f.level().isEmpty() ? null : f.level(), null, 100, null).items());
            // URGENT first, then the oldest (advice-service answers in this order; kept here as the page's promise).
            items.sort(Comparator.comparing((Apis.Escalation e) -> !"URGENT".equals(e.level()))
                    .thenComparing(Apis.Escalation::raisedAt, Comparator.nullsLast(Comparator.naturalOrder())));
            return items.stream().map(e -> new Row(e, ago(e.raisedAt(), now), when(e.raisedAt()), delivery(e.deliveries()))).toList();
        });
    }

    static String delivery(Apis.Deliveries d) {
        if (d == null || d.state() == null || "NONE".equals(d.state())) {
            return "no email";
        }
        return d.state();
    }

    static String when(Instant t) {
        return t == null ? "" : WHEN.format(t.atZone(ZoneId.of("UTC"))) + " UTC";
    }

    static String ago(Instant t, Instant now) {
        if (t == null) {
            return "";
        }
        Duration d = Duration.between(t, now);
        if (d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        if (d.toDays() < 2) {
            return d.toHours() + " h ago";
        }
        return d.toDays() + " days ago";
    }

    String csrf() {
        return sessions.csrf(clinician.credential());
    }

    void checkCsrf(String sent) {
        if (!sessions.csrfMatches(clinician.credential(), sent)) {
            throw new Web.Refused(403, "Refused", "This form has no valid security token (CSRF). Reload the page and try again.");
        }
    }

    static String patientId(String id) {
        if (id == null || !PATIENT_ID.matcher(id).matches()) {
            throw new Web.Refused(400, "No such patient id", "A patient id is 1–64 letters, digits, dots, dashes or underscores.");
        }
        return id;
    }

    @GET
    @Path("patients/{patientId}")
    public TemplateInstance patientPage(@PathParam("patientId") String rawId, @QueryParam("cursor") String cursor,
                                        @QueryParam("done") String done) {
        String id = patientId(rawId);
        String auth = clinician.bearer();
        Outcome<Apis.Profile> profile = Outcome.of("advice-service", () -> advice.profile(auth, id));
        ZoneId zone = null;
        if (profile.ok() && profile.value().timeZone() != null) {
            try {
                zone = ZoneId.of(profile.value().timeZone());
            } catch (Exception e) {
                zone = null;
            }
        }
        Instant now = Instant.now();
        String from = now.minus(Duration.ofDays(chartNights + 2L)).toString();
        Outcome<List<Apis.Episode>> window = Outcome.of("episode-service", () -> {
            List<Apis.Episode> all = new ArrayList<>();
            String next = null;
            for (int page = 0; page < 10; page++) {
                Apis.Page<Apis.Episode> p = episodes.list(auth, id, from, 200, next);
                all.addAll(p.items());
                next = p.nextCursor();
                if (next == null) {
                    break;
                }
            }
            return all;
        });
        Outcome<Apis.Page<Apis.Episode>> list = Outcome.of("episode-service", () -> episodes.list(auth, id, null, 20,
                cursor == null || cursor.isBlank() ? null : cursor));
        Outcome<Apis.Summary> summary = Outcome.of("episode-service", () -> episodes.summary(auth, id, chartNights));
        Outcome<Apis.Advice> adv = Outcome.of("advice-service", () -> advice.advice(auth, id));
        Outcome<List<Apis.Escalation>> escalations = Outcome.of("advice-service",
                () -> advice.escalations(auth, null, null, id, 100, null).items());
        Outcome<Apis.Contacts> contacts = Outcome.of("notification-service", () -> notifications.contacts(auth, id));
        Outcome<Apis.Page<Apis.Delivery>> deliveries = Outcome.of("notification-service", () -> notifications.deliveries(auth, id, 50));
        NightsChart chart = window.ok()
                ? NightsChart.of(window.value(), escalations.ok() ? escalations.value() : List.of(), zone, chartNights, longCrampSeconds, now)
                : null;
        List<Row> escalationRows = escalations.ok()
                ? escalations.value().stream().map(e -> new Row(e, ago(e.raisedAt(), now), when(e.raisedAt()), delivery(e.deliveries()))).toList()
                : List.of();
        return patient.data("id", id).data("me", clinician.id()).data("proxied", clinician.proxied()).data("csrf", csrf()).data("profile", profile)
                .data("zone", zone == null ? "the offset each cramp was reported with" : zone.getId())
                .data("chart", chart).data("window", window).data("list", list).data("summary", summary).data("advice", adv)
                .data("escalations", escalations).data("escalationRows", escalationRows).data("contacts", contacts)
                .data("contactsText", contacts.ok() ? cliniciansText(contacts.value()) : "")
                .data("deliveries", deliveries).data("done", done == null ? "" : done).data("error", null);
    }

    static final String DAILY_DIGEST = "DAILY_DIGEST";

    static String cliniciansText(Apis.Contacts c) {
        if (c == null || c.clinicians() == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Apis.Contact k : c.clinicians()) {
            out.append(k.email()).append(' ').append(k.minLevel());
            if (DAILY_DIGEST.equals(k.seeDoctorDelivery())) {
                out.append(' ').append(DAILY_DIGEST);
            }
            out.append('\n');
        }
        return out.toString();
    }

    @POST
    @Path("escalations/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response acknowledge(@PathParam("id") String rawId, @FormParam("csrf") String csrf, @FormParam("note") String note,
                                @FormParam("patientId") String back) {
        checkCsrf(csrf);
        UUID id;
        try {
            id = UUID.fromString(rawId);
        } catch (IllegalArgumentException e) {
            throw new Web.Refused(400, "No such escalation", "An escalation id is a UUID.");
        }
        String text = note == null ? null : note.strip();
        if (text != null && text.length() > 2000) {
            throw new Web.Refused(400, "Note too long", "A note is at most 2000 characters.");
        }
        Outcome<Apis.Escalation> done = Outcome.of("advice-service",
                () -> advice.acknowledge(clinician.bearer(), id, new Apis.Note(text == null || text.isEmpty() ? null : text)));
        if (!done.ok()) {
            throw new Web.Refused(done.status() >= 500 ? 503 : done.status(), "Not acknowledged", done.error());
        }
        String to = back != null && PATIENT_ID.matcher(back).matches() ? "/patients/" + back + "?done=ack" : "/?done=ack";
        return Response.seeOther(URI.create(to)).build();
    }

    @POST
    @Path("patients/{patientId}/contacts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response contacts(@PathParam("patientId") String rawId, @FormParam("csrf") String csrf,
                             @FormParam("patientEmail") String patientEmail, @FormParam("patientMinLevel") String patientMinLevel,
                             @FormParam("clinicians") String clinicians) {
        checkCsrf(csrf);
        String id = patientId(rawId);
        // The patient's quiet hours are the patient's: this form does not show them, so a save keeps them as stored.
        Outcome<Apis.Contacts> stored = Outcome.of("notification-service", () -> notifications.contacts(clinician.bearer(), id));
        Apis.QuietHours quiet = stored.ok() && stored.value().patient() != null ? stored.value().patient().quietHours() : null;
        Apis.Contact own = patientEmail == null || patientEmail.isBlank() ? null
                : new Apis.Contact(patientEmail.strip(), level(patientMinLevel, "patient's level"), null, quiet);
        List<Apis.Contact> list = new ArrayList<>();
        if (clinicians != null) {
            int line = 0;
            for (String raw : clinicians.split("\\R")) {
                line++;
                String l = raw.strip();
                if (l.isEmpty()) {
                    continue;
                }
                String[] parts = l.split("\\s+");
                if (parts.length > 3 || parts.length == 3 && !DAILY_DIGEST.equalsIgnoreCase(parts[2])
                        && !"IMMEDIATE".equalsIgnoreCase(parts[2])) {
                    throw new Web.Refused(400, "Contacts not saved", "Clinicians, line " + line
                            + ": an address, a level (URGENT or SEE_DOCTOR) and optionally DAILY_DIGEST.");
                }
                list.add(new Apis.Contact(parts[0], parts.length >= 2 ? level(parts[1], "clinicians, line " + line) : "SEE_DOCTOR",
                        parts.length == 3 ? parts[2].toUpperCase(Locale.ROOT) : null, null));
            }
        }
        Outcome<Apis.Contacts> saved = Outcome.of("notification-service",
                () -> notifications.putContacts(clinician.bearer(), id, new Apis.Contacts(own, list)));
        if (!saved.ok()) {
            throw new Web.Refused(saved.status() >= 500 ? 503 : saved.status(), "Contacts not saved", saved.error());
        }
        return Response.seeOther(URI.create("/patients/" + id + "?done=contacts")).build();
    }

    static String level(String value, String what) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(v)) {
            throw new Web.Refused(400, "Contacts not saved", what + ": the level is URGENT or SEE_DOCTOR.");
        }
        return v;
    }
}
