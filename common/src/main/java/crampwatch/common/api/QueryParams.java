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

    /** Years a stored time can have (PostgreSQL takes them all); a date outside is a typing error, not a query. */
    static final OffsetDateTime EARLIEST = OffsetDateTime.parse("0001-01-01T00:00:00Z");
    static final OffsetDateTime LATEST = OffsetDateTime.parse("9999-12-31T23:59:59Z");

    public static OffsetDateTime dateTime(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, "not an ISO-8601 date-time with offset, e.g. 2026-11-20T02:14:00+01:00");
        }
        if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
            throw new InvalidInputException(name, "must lie between the years 0001 and 9999");
        }
        return parsed;
    }

    /**
     * A whole-number parameter: {@code fallback} when absent, else {@code min..max}; {@code abc}, {@code 1.5}
     * or {@code 2147483648} is a 400 naming the parameter (JAX-RS would answer a bare 404).
     */
    public static int wholeNumber(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (value.length() <= 10 && value.matches("-?[0-9]+")) {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return (int) parsed;
            }
        }
        throw new InvalidInputException(name, "must be a whole number from " + min + " to " + max);
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, "not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
