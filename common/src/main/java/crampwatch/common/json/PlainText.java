package crampwatch.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;

/**
 * Every string in a request body is text: no NUL or other control characters but tab, line feed and
 * carriage return, and no unpaired surrogates. PostgreSQL cannot store NUL, an escape sequence has no
 * place in a clinician's screen or a log, and half a surrogate pair is not a character. The episode body's
 * own contract (its JSON Schema) says the same for its notes.
 */
public class PlainText extends StringDeserializer {

    public static final String REASON = "must not contain control characters other than tab, line feed and carriage return, "
            + "nor unpaired surrogates";

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String value = super.deserialize(p, ctxt);
        if (value != null && !isText(value)) {
            throw ctxt.weirdStringException(value, String.class, REASON);
        }
        return value;
    }

    public static boolean isText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
