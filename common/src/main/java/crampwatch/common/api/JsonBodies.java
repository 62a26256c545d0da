package crampwatch.common.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every request body a CrampWatch service reads is JSON in UTF-8 (RFC 8259 §8.1). A body without a
 * Content-Type, with another media type, or in another charset is answered 415 problem+json before any
 * resource sees it, instead of being guessed at.
 */
public class JsonBodies {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @ServerRequestFilter
    public Optional<Response> onlyUtf8Json(ContainerRequestContext request) {
        if (!WITH_BODY.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/")
                || request.getUriInfo().getPath().startsWith("/q/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (header == null || header.isBlank()) {
            return hasBody(request) ? refuse(request, "Send the body as application/json (the Content-Type header is missing).")
                    : Optional.empty();
        }
        MediaType type;
        try {
            type = MediaType.valueOf(header);
        } catch (IllegalArgumentException e) {
            return refuse(request, "Send the body as application/json (the Content-Type header is not readable).");
        }
        boolean json = "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase().endsWith("+json"));
        if (!json) {
            return Optional.empty(); // the resource's @Consumes answers 415 in the usual way
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
            return refuse(request, "Send JSON in UTF-8; charset " + safe(charset) + " is not accepted.");
        }
        return Optional.empty();
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }

    private static Optional<Response> refuse(ContainerRequestContext request, String detail) {
        return Optional.of(Problem.of(415, "Unsupported Media Type", detail).at(request.getUriInfo().getPath()).toResponse());
    }

    /** The charset name goes back in a JSON string: letters, digits and a few marks only. */
    private static String safe(String value) {
        String kept = value.replaceAll("[^A-Za-z0-9._:-]", "?");
        return kept.length() > 40 ? kept.substring(0, 40) + "…" : kept;
    }
}
