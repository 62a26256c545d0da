package crampwatch.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;

/** The detail of a service's problem+json answer (e.g. "clinicians[1].email: not an address"), if there is one. */
final class ProblemText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemText() {
    }

    static String of(Response response) {
        try {
            if (!response.hasEntity()) {
                return null;
            }
            response.bufferEntity();
            JsonNode body = JSON.readTree(response.readEntity(String.class));
            StringBuilder out = new StringBuilder();
            JsonNode errors = body.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                for (JsonNode e : errors) {
                    if (!out.isEmpty()) {
                        out.append("; ");
                    }
                    String field = e.path("field").asText("");
                    out.append(field.isEmpty() ? "" : field + ": ").append(e.path("reason").asText(""));
                }
            } else {
                out.append(body.path("detail").asText(body.path("title").asText("")));
            }
            String text = out.toString().strip();
            return text.isEmpty() ? null : text.length() > 300 ? text.substring(0, 300) : text;
        } catch (Exception e) {
            return null;
        }
    }
}
