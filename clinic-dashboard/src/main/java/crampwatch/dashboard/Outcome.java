package crampwatch.dashboard;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One call to one service: its value, or why there is none in words a clinician can act on ("advice-service is
 * not answering"). A page renders every part whose call worked and names the service of every part that did
 * not, so one service down never takes the whole page with it.
 */
@io.quarkus.qute.TemplateData
public record Outcome<T>(T value, String service, String error, int status) {

    private static final Logger LOG = Logger.getLogger(Outcome.class);

    public boolean ok() {
        return error == null;
    }

    public static <T> Outcome<T> of(String service, Supplier<T> call) {
        try {
            return new Outcome<>(call.get(), service, null, 200);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String detail = ProblemText.of(e.getResponse());
            LOG.infof("%s answered %d", service, status);
            String message = switch (status) {
                case 401 -> service + " refused the sign-in (401): sign in again.";
                case 403 -> service + " says this clinician may not do that (403).";
                case 404 -> service + " has no such record (404).";
                case 503 -> service + " is temporarily unavailable (503): try again in a moment.";
                default -> status >= 500 ? service + " failed (" + status + ")." : service + " refused the request (" + status + ")"
                        + (detail == null ? "." : ": " + detail);
            };
            return new Outcome<>(null, service, message, status);
        } catch (ProcessingException e) {
            LOG.infof("%s is not answering: %s", service, e.getClass().getSimpleName());
            return new Outcome<>(null, service, service + " is not answering.", 503);
        }
    }
}
