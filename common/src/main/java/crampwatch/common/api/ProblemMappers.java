package crampwatch.common.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import crampwatch.common.json.PlainText;
import crampwatch.common.logging.Logs;
import crampwatch.common.tx.TransientFailures;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code application/problem+json}: malformed JSON, wrong types, unknown
 * fields and enum values, missing fields and out-of-range values alike name the field and the reason.
 * Nothing internal (stack traces, SQL, class names) ever reaches a caller.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, UriInfo uri) {
        return Problem.invalid(e.getMessage(), e.errors()).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::reason))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.reason()).collect(Collectors.joining("; "));
        return Problem.invalid(detail, errors).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper(priority = 1)
    public Response jsonParse(JsonParseException e, UriInfo uri) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
        return Problem.invalid("The body is not valid JSON" + where + ".",
                List.of(new Problem.FieldError("$", "malformed JSON" + where))).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper(priority = 1)
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonParseException parse) {
            return jsonParse(parse, uri);
        }
        if (e instanceof JsonMappingException mapping) {
            return jsonProblem(mapping, uri);
        }
        return Problem.invalid("The body could not be read as JSON.", List.of(new Problem.FieldError("$", "unreadable JSON")))
                .at(uri.getPath()).toResponse();
    }

    /**
     * Quarkus maps this one itself, to an empty 500; a body that Jackson cannot bind to the request record (say a
     * shape the record's constructor refuses) is the caller's input, so it is a 400 like any other unreadable body.
     */
    @ServerExceptionMapper(priority = 1)
    public Response invalidDefinition(com.fasterxml.jackson.databind.exc.InvalidDefinitionException e, UriInfo uri) {
        Log.warnf("A request body on %s could not be bound (%s)", Logs.safe(uri.getPath()), e.getClass().getSimpleName());
        return Problem.invalid("The body does not have the expected shape.", List.of(new Problem.FieldError(
                pathOf(e.getPath()).isEmpty() ? "$" : pathOf(e.getPath()), "could not be read as this request's body")))
                .at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Response.fromResponse(Problem.of(401, "Unauthorized", "A valid bearer token is required.").at(uri.getPath()).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(null, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(403, "Forbidden", "You are not allowed to do this.").at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return jsonProcessing(json, uri);
        }
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status == 401) {
            return unauthorized(null, uri);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 403 -> "You are not allowed to do this.";
            case 404 -> e.getMessage() != null && e.getMessage().startsWith("No ") ? e.getMessage() : "Not found.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "This resource answers application/json.";
            case 415 -> "Send the body as application/json.";
            default -> status >= 500 ? "The service could not complete the request." : e.getMessage();
        };
        Response.ResponseBuilder out = Response.fromResponse(Problem.of(status, title, detail).at(uri.getPath()).toResponse());
        if (original != null && original.getHeaderString(HttpHeaders.ALLOW) != null) {
            out.header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
        }
        return out.build();
    }

    @ServerExceptionMapper
    public Response unavailable(ServiceUnavailableException e, UriInfo uri) {
        return unavailable(e.getMessage(), e.retryAfterSeconds(), uri);
    }

    private static Response unavailable(String detail, int retryAfterSeconds, UriInfo uri) {
        return Response.fromResponse(Problem.of(503, "Service Unavailable", detail).at(uri.getPath()).toResponse())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds)).build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (TransientFailures.isTransient(e)) {
            // The database is down, read-only, overloaded or too slow: nothing was committed; the client may retry.
            Log.warnf("Request on %s could not be completed now (%s): 503", Logs.safe(uri.getPath()), Logs.failure(e));
            return unavailable("The service cannot store or read this now; try again shortly.", 5, uri);
        }
        String incident = UUID.randomUUID().toString();
        Log.errorf(Logs.redacted(e), "Unexpected failure on %s (incident %s)", Logs.safe(uri.getPath()), incident);
        return Problem.of(500, "Internal error",
                "The service could not complete the request (incident " + incident + ").").at(uri.getPath()).toResponse();
    }

    private Response jsonProblem(JsonMappingException e, UriInfo uri) {
        String field = pathOf(e.getPath());
        String reason;
        if (e instanceof UnrecognizedPropertyException u) {
            field = pathOf(e.getPath());
            reason = "unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() == String.class) {
            reason = f.getOriginalMessage() != null && f.getOriginalMessage().endsWith(PlainText.REASON) ? PlainText.REASON
                    : "not a valid string";
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            reason = "'" + f.getValue() + "' is not one of " + Arrays.toString(f.getTargetType().getEnumConstants());
        } else if (e instanceof InvalidFormatException f) {
            reason = "'" + f.getValue() + "' is not a valid " + describe(f.getTargetType());
        } else if (e instanceof MismatchedInputException m) {
            reason = "expected " + describe(m.getTargetType());
        } else if (e instanceof ValueInstantiationException) {
            reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : "invalid value";
        } else {
            reason = "invalid value";
        }
        if (field.isEmpty()) {
            field = "$";
        }
        return Problem.invalid(field + ": " + reason, List.of(new Problem.FieldError(field, reason))).at(uri.getPath()).toResponse();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "ISO-8601 date-time with offset, e.g. 2026-11-20T02:14:00+01:00";
        }
        if (type == UUID.class) {
            return "UUID";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (List.class.isAssignableFrom(type) || java.util.Set.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        return "JSON object";
    }

    static String pathOf(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** For a method parameter violation: the path below the parameter ({@code painScore}), or the parameter's name ({@code limit}). */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            String name = node.getName();
            if (node.getIndex() != null && !parts.isEmpty()) {
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + node.getIndex() + "]");
            }
            if (name != null && !name.startsWith("<")) {
                parts.add(name);
            }
        }
        if (parts.isEmpty()) {
            return parameter == null ? "$" : parameter;
        }
        return String.join(".", parts);
    }
}
