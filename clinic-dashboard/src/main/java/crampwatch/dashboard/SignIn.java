package crampwatch.dashboard;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Signing in and out. In development (the development key configured) the page mints a clinician token for the
 * id typed in and says so; elsewhere the dashboard expects an authenticating proxy and the page says that.
 * The sign-in form is CSRF-protected too, by a random value in a short-lived cookie of its own.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignIn {
    static final String PRE_COOKIE = "cw_signin";

    @Inject
    DevSignIn dev;
    @Inject
    Sessions sessions;
    @Inject
    Clinician clinician;
    @Inject
    Cookies cookies;
    @Inject
    Template signin;

    @GET
    @Path("signin")
    public Response page() {
        String pre = Sessions.newId();
        NewCookie cookie = cookies.make(PRE_COOKIE, pre, "/signin", 1800);
        TemplateInstance page = signin.data("me", null).data("proxied", true).data("dev", dev.enabled()).data("csrf", sessions.csrf("signin:" + pre)).data("error", null);
        return Response.ok(page.render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).cookie(cookie).build();
    }

    @POST
    @Path("signin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("clinician") String id, @FormParam("csrf") String csrf, @CookieParam(PRE_COOKIE) String pre) {
        if (pre == null || !sessions.csrfMatches("signin:" + pre, csrf)) {
            throw new Web.Refused(403, "Refused", "This form has no valid security token (CSRF). Reload the sign-in page and try again.");
        }
        if (!dev.enabled()) {
            throw new Web.Refused(404, "No sign-in here", "This dashboard is signed into through your clinic's sign-in proxy.");
        }
        String who = id == null ? "" : id.strip();
        if (!Pages.PATIENT_ID.matcher(who).matches()) {
            throw new Web.Refused(400, "Not signed in", "A clinician id is 1–64 letters, digits, dots, dashes or underscores.");
        }
        String token = dev.mint(who);
        Instant expires = Instant.now().plus(Duration.ofHours(8)).minusSeconds(60);
        Sessions.Session s = sessions.open(token, who, expires);
        return Response.seeOther(URI.create("/")).cookie(cookies.make(Cookies.SESSION, s.id(), "/", (int) Duration.ofHours(8).toSeconds()))
                .build();
    }

    @POST
    @Path("signout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam("csrf") String csrf) {
        if (!sessions.csrfMatches(clinician.credential(), csrf)) {
            throw new Web.Refused(403, "Refused", "This form has no valid security token (CSRF). Reload the page and try again.");
        }
        if (!clinician.proxied()) {
            sessions.close(clinician.credential());
        }
        return Response.seeOther(URI.create("/signin")).cookie(cookies.make(Cookies.SESSION, "", "/", 0)).build();
    }
}
