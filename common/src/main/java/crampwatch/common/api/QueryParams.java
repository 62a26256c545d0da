package crampwatch.common.api;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parses query parameters that JAX-RS would otherwise turn into a bare 404 when they do not convert,
 * so the caller gets a 400 naming the parameter.
 */
public final class QueryParams {
    private QueryParams() {
    }

    public static OffsetDateTime dateTime(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, "'" + value + "' is not an ISO-8601 date-time with offset, e.g. 2026-11-20T02:14:00+01:00");
        }
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, "'" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
