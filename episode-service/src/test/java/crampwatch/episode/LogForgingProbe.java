package crampwatch.episode;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * Test only (src/test): an endpoint that takes any path segment and fails, so the service's own failure handling
 * (ProblemMappers: "Unexpected failure on PATH") logs a request path the test chose. Every real endpoint refuses a
 * malformed id before anything is logged, so none of them can be made to log CR/LF on demand.
 */
@Path("/test-only/log-forging/{segment}")
@PermitAll
public class LogForgingProbe {

    @GET
    public String fail(@PathParam("segment") String segment) {
        throw new IllegalStateException("a failure of our own, for LogPrivacyTest");
    }
}
