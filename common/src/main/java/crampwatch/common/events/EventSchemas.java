package crampwatch.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.common.api.Problem;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event contract, kept once as JSON Schema files on the classpath ({@code events/*.schema.json} in
 * this module). Producers' tests and consumers at run time validate messages against them, and
 * episode-service validates request bodies against a definition inside the episode schema
 * ({@link EpisodeContract}).
 */
public final class EventSchemas {

    public static final String EPISODE_EVENT = "episode-event";
    public static final String ESCALATION_EVENT = "escalation-event";
    public static final String DELIVERY_EVENT = "delivery-event";

    private static final String BASE = "https://crampwatch.example/events/";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    // The schema files are read here, with this module's class loader, and handed to the validator under their
    // $id: it never loads anything itself (no network, no thread-context class loader on a Kafka thread).
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.schemas(EventSchemas::load)));

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
        Set<ValidationMessage> messages = schema(schemaName, "").validate(node);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /**
     * Problems with {@code node} against one definition inside a schema ({@code fragment} such as
     * {@code #/$defs/newEpisode}), as field errors in the API's terms: {@code relievedBy[0]}, never a
     * JSON pointer, with a reason in plain words. One error per field.
     */
    public static List<Problem.FieldError> validateFields(String schemaName, String fragment, JsonNode node) {
        Map<String, Problem.FieldError> byField = new LinkedHashMap<>();
        schema(schemaName, fragment).validate(node).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()))
                .forEach(m -> {
                    Problem.FieldError error = SchemaMessages.fieldError(m);
                    byField.putIfAbsent(error.field(), error);
                });
        List<Problem.FieldError> errors = new ArrayList<>(byField.values());
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return errors;
    }

    private static JsonSchema schema(String name, String fragment) {
        return SCHEMAS.computeIfAbsent(name + fragment,
                key -> FACTORY.getSchema(SchemaLocation.of(BASE + name + ".schema.json" + fragment), CONFIG));
    }

    private static String load(String id) {
        if (!id.startsWith(BASE)) {
            return null;
        }
        String resource = "events/" + id.substring(BASE.length());
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
