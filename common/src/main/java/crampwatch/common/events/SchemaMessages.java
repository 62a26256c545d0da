package crampwatch.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import crampwatch.common.api.Problem;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;

/** A JSON Schema violation in the API's words: the field as {@code relievedBy[0]} and a reason a person can act on. */
final class SchemaMessages {

    static final String DATE_TIME = "must be an RFC 3339 date-time with seconds and an offset in whole minutes, "
            + "e.g. 2026-11-20T02:14:00+01:00";

    private SchemaMessages() {
    }

    static Problem.FieldError fieldError(ValidationMessage m) {
        String field = field(m.getInstanceLocation().toString());
        String keyword = m.getType();
        JsonNode schema = m.getSchemaNode();
        JsonNode value = m.getInstanceNode();
        String reason = switch (keyword) {
            case "required" -> null;
            case "propertyNames" -> null;
            case "type" -> "expected " + describe(keyword(schema, "type"));
            case "minimum" -> "must be at least " + keyword(schema, "minimum").asText();
            case "maximum" -> "must be at most " + keyword(schema, "maximum").asText();
            case "maxLength" -> "must be at most " + keyword(schema, "maxLength").asText() + " characters long";
            case "uniqueItems" -> "must not list a value twice";
            case "enum" -> "'" + text(value) + "' is not one of " + values(keyword(schema, "enum"));
            case "format", "pattern" -> String.valueOf(m.getSchemaLocation()).contains("startedAt") ? DATE_TIME
                    : "must not contain control characters other than tab, line feed and carriage return, nor unpaired surrogates";
            default -> strip(m.getMessage());
        };
        if ("required".equals(keyword)) {
            return new Problem.FieldError(join(field, m.getProperty()), "is required");
        }
        if ("propertyNames".equals(keyword)) {
            return new Problem.FieldError(join(field, m.getProperty()), "unknown field '" + m.getProperty() + "'");
        }
        return new Problem.FieldError(field.isEmpty() ? "$" : field, reason);
    }

    /** {@code /relievedBy/0} → {@code relievedBy[0]}; {@code /a/b} → {@code a.b}. */
    static String field(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.replaceFirst("^[$/]+", "").split("[/.]")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                out.append('[').append(part).append(']');
            } else if (part.startsWith("[")) {
                out.append(part);
            } else {
                out.append(out.isEmpty() ? "" : ".").append(part);
            }
        }
        return out.toString();
    }

    /** The keyword's value, whether the validator hands over the keyword's node or the schema object holding it. */
    private static JsonNode keyword(JsonNode schema, String name) {
        return schema != null && schema.isObject() && schema.has(name) ? schema.get(name) : schema;
    }

    private static String join(String parent, String property) {
        return parent.isEmpty() ? property : parent + "." + property;
    }

    private static String describe(JsonNode type) {
        List<String> names = new ArrayList<>();
        (type.isArray() ? type : List.of(type)).forEach(t -> names.add(switch (t.asText()) {
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "a boolean (true or false)";
            case "string" -> "a string";
            case "array" -> "an array";
            case "object" -> "a JSON object";
            case "null" -> "null";
            default -> t.asText();
        }));
        return String.join(" or ", names);
    }

    private static String values(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names.toString();
    }

    private static String text(JsonNode value) {
        String raw = value == null ? "null" : value.isTextual() ? value.asText() : value.toString();
        // The value goes back to the caller in a JSON string; control characters are shown, not echoed.
        StringBuilder out = new StringBuilder();
        raw.codePoints().limit(60).forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04X", c)
                : new String(Character.toChars(c))));
        return out.toString();
    }

    private static String strip(String message) {
        int colon = message.indexOf(": ");
        return colon >= 0 ? message.substring(colon + 2) : message;
    }
}
