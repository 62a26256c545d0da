package crampwatch.common.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem document. Every error a CrampWatch service returns has this shape, with
 * {@code errors} naming each offending field and why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    /** One offending input: the field (a JSON path such as {@code relievedBy[1]}, or a parameter name) and the reason. */
    public record FieldError(String field, String reason) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem(typeFor(status), title, status, detail, null, null);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem("urn:crampwatch:problem:invalid-request", "Invalid request", 400, detail, null, errors);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(PROBLEM_JSON).entity(this).build();
    }

    private static String typeFor(int status) {
        return switch (status) {
            case 400 -> "urn:crampwatch:problem:invalid-request";
            case 401 -> "urn:crampwatch:problem:unauthenticated";
            case 403 -> "urn:crampwatch:problem:forbidden";
            case 404 -> "urn:crampwatch:problem:not-found";
            case 409 -> "urn:crampwatch:problem:conflict";
            default -> "about:blank";
        };
    }
}
