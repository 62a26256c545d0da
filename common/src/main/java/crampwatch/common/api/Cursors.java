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

    public static List<String> decode(String cursor, int expectedParts) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(raw.split("\\|", -1));
            if (parts.size() != expectedParts) {
                throw new IllegalArgumentException();
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "not a cursor returned by this API");
        }
    }
}
