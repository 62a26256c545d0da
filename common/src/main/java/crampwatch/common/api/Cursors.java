package crampwatch.common.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursors: the sort key of the last item of a page, base64url-encoded. Clients pass
 * {@code nextCursor} back unchanged; a cursor that does not decode is a 400 on field {@code cursor}.
 */
public final class Cursors {
    private Cursors() {
    }

    public static String encode(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** A time from a decoded cursor; one this API could not have written is a 400, never a query that fails. */
    public static java.time.Instant instant(String part) {
        try {
            java.time.Instant instant = java.time.Instant.parse(part);
            if (instant.isBefore(QueryParams.EARLIEST.toInstant()) || instant.isAfter(QueryParams.LATEST.toInstant())) {
                throw new IllegalArgumentException();
            }
            return instant;
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    /** A UUID from a decoded cursor, in its canonical form only. */
    public static java.util.UUID uuid(String part) {
        try {
            java.util.UUID id = java.util.UUID.fromString(part);
            if (!id.toString().equalsIgnoreCase(part)) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    /** A whole number from a decoded cursor. */
    public static int wholeNumber(String part) {
        try {
            return Integer.parseInt(part);
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static InvalidInputException invalid() {
        return new InvalidInputException("cursor", "not a cursor returned by this API");
    }

    public static List<String> decode(String cursor, int expectedParts) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(raw.split("\\|", -1));
            if (parts.size() != expectedParts) {
                throw new IllegalArgumentException();
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }
}
