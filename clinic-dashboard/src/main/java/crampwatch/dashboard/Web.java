package crampwatch.dashboard;

import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What every request goes through: who is signed in (a forwarded {@code Authorization} header when behind an
 * authenticating proxy, else the session cookie), a same-origin check on every POST, the security headers on
 * every answer (a strict Content-Security-Policy: scripts, styles and images from this origin only, no inline
 * script or style), and problem pages instead of stack traces.
 */
public class Web {
    private static final Logger LOG = Logger.getLogger(Web.class);
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Inject
    Sessions sessions;
    @Inject
    Clinician clinician;
    @Inject
    Template problem;
    @ConfigProperty(name = "crampwatch.dashboard.trust-forwarded-authorization", defaultValue = "false")
    boolean trustForwarded;

    static boolean isPublic(String path) {
        return path.equals("/signin") || path.startsWith("/static/") || path.startsWith("/q/") || path.equals("/favicon.ico");
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> authenticate(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if ("POST".equals(ctx.getMethod()) && !sameOrigin(ctx)) {
            return Optional.of(page(403, "Refused", "This form was not sent from the dashboard's own pages."));
        }
        String header = ctx.getHeaderString("Authorization");
        if (trustForwarded && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            Optional<Tokens.Claims> claims = Tokens.read(token);
            if (claims.isPresent()) {
                clinician.set(claims.get().subject(), token, token, true);
            }
        } else {
            var cookie = ctx.getCookies().get(Cookies.SESSION);
            sessions.find(cookie == null ? null : cookie.getValue())
                    .ifPresent(s -> clinician.set(s.clinician(), s.token(), s.id(), false));
        }
        if (clinician.signedIn() || isPublic(path)) {
            return Optional.empty();
        }
        if ("GET".equals(ctx.getMethod()) && !path.startsWith("/worklist/rows")) {
            return Optional.of(Response.seeOther(URI.create("/signin")).build());
        }
        return Optional.of(page(401, "Signed out", "Your session has ended: sign in again."));
    }

    /** A POST must come from this origin: the browser's Origin header, where sent, names this host. */
    private static boolean sameOrigin(ContainerRequestContext ctx) {
        String origin = ctx.getHeaderString("Origin");
        if (origin == null || origin.equals("null")) {
            return origin == null;
        }
        String host = ctx.getHeaderString("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    @ServerResponseFilter
    public void headers(ContainerResponseContext response) {
        var h = response.getHeaders();
        h.putSingle("Content-Security-Policy", CSP);
        h.putSingle("X-Content-Type-Options", "nosniff");
        // same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with the dashboard's own form posts,
        // and the same-origin check above would refuse them all. Other sites still get no Referer.
        h.putSingle("Referrer-Policy", "same-origin");
        h.putSingle("X-Frame-Options", "DENY");
        if (!h.containsKey("Cache-Control")) {
            h.putSingle("Cache-Control", "no-store");
        }
    }

    Response page(int status, String title, String detail) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(problem.data("me", null).data("csrf", "").data("proxied", true).data("status", status).data("title", title).data("detail", detail).data("incident", null).render())
                .build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(404, "Not found", "There is no such page.");
    }

    @ServerExceptionMapper
    public Response refused(Refused e) {
        return page(e.status, e.title, e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return failure(e);
        }
        return page(status, "Not possible", "The request could not be served (" + status + ").");
    }

    @ServerExceptionMapper
    public Response failure(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf("incident %s: %s", incident, e.getClass().getName());
        return Response.status(500).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(problem.data("me", null).data("csrf", "").data("proxied", true).data("status", 500).data("title", "Something went wrong")
                        .data("detail", "The dashboard failed to show this page. Nothing was changed by this error.")
                        .data("incident", incident).render())
                .build();
    }

    /** A request the dashboard turns down on purpose (bad CSRF token, bad patient id, ...): a problem page. */
    public static class Refused extends RuntimeException {
        final int status;
        final String title;

        public Refused(int status, String title, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
        }
    }
}
