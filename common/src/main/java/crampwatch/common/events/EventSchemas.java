package crampwatch.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event contract, kept once as JSON Schema files on the classpath ({@code events/*.schema.json} in
 * this module). Producers' tests and consumers at run time validate messages against them.
 */
public final class EventSchemas {

    public static final String EPISODE_EVENT = "episode-event";
    public static final String ESCALATION_EVENT = "escalation-event";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** Problems with {@code json} against the named schema; empty when valid. Unparseable JSON is one problem. */
    public static List<String> validate(String schemaName, String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            return List.of("empty message");
        }
        return validate(schemaName, node);
    }

    public static List<String> validate(String schemaName, JsonNode node) {
        Set<ValidationMessage> messages = schema(schemaName).validate(node);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema schema(String name) {
        return SCHEMAS.computeIfAbsent(name, n -> {
            String resource = "events/" + n + ".schema.json";
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                InputStream stream = in != null ? in : EventSchemas.class.getClassLoader().getResourceAsStream(resource);
                if (stream == null) {
                    throw new IllegalArgumentException("no schema " + resource + " on the classpath");
                }
                SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(stream, config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
