package crampwatch.common.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import crampwatch.common.api.Problem;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one definition of a valid cramp episode, for the HTTP edge and for every consumer of
 * {@code cramp-episodes}: the JSON Schema in {@code events/episode-event.schema.json} (its
 * {@code $defs/newEpisode} for the request body, the whole schema for the event) plus the time window
 * below, which a schema cannot express because it depends on when the episode was recorded.
 * <p>
 * Because episode-service checks a body with {@link #checkNewEpisode} and stamps the episode's
 * {@code recordedAt} with the instant it checked against, and a consumer checks the event with
 * {@link #checkEvent}, which applies the same schema definitions and the same window to that
 * {@code recordedAt}, nothing the edge accepts can be refused downstream.
 */
public final class EpisodeContract {

    /** No episode starts before this instant (older dates are typing errors, and calendars before 1583 differ). */
    public static final Instant EARLIEST_START = Instant.parse("2000-01-01T00:00:00Z");

    /** How far after its recording a start may lie: the clock skew allowed between a phone and the server. */
    public static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    /**
     * Strict JSON for reading episode bodies and events: a repeated key or anything after the top-level
     * value is an error, not something a parser quietly resolves one way or another.
     */
    public static final ObjectMapper STRICT_READER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final String SCHEMA = EventSchemas.EPISODE_EVENT;
    private static final String NEW_EPISODE = "#/$defs/newEpisode";
    private static final List<String> WHOLE_NUMBERS = List.of("durationSeconds", "painScore");

    private EpisodeContract() {
    }

    /** Problems with a request body (already parsed strictly), each naming its field; empty when valid. */
    public static List<Problem.FieldError> checkNewEpisode(JsonNode body) {
        if (body == null || !body.isObject()) {
            return List.of(new Problem.FieldError("$", "expected a JSON object"));
        }
        List<Problem.FieldError> errors = new ArrayList<>(EventSchemas.validateFields(SCHEMA, NEW_EPISODE, body));
        // JSON Schema counts 7.0 as an integer; the contract's whole numbers are written without a fraction or exponent.
        for (String field : WHOLE_NUMBERS) {
            JsonNode value = body.get(field);
            if (value != null && value.isNumber() && !value.isIntegralNumber()
                    && errors.stream().noneMatch(e -> e.field().equals(field))) {
                errors.add(new Problem.FieldError(field, "expected a whole number"));
            }
        }
        errors.sort(java.util.Comparator.comparing(Problem.FieldError::field));
        return errors;
    }

    /**
     * The time window for an episode recorded at {@code recordedAt}; empty when inside. The schema has
     * already fixed the form of {@code startedAt}.
     */
    public static List<Problem.FieldError> checkStartedAt(OffsetDateTime startedAt, Instant recordedAt) {
        Instant start = startedAt.toInstant();
        if (start.isBefore(EARLIEST_START)) {
            return List.of(new Problem.FieldError("startedAt", "lies before " + EARLIEST_START + "; no episode may start that early"));
        }
        if (start.isAfter(recordedAt.plus(MAX_FUTURE))) {
            return List.of(new Problem.FieldError("startedAt", "lies in the future (more than " + MAX_FUTURE.toMinutes()
                    + " minutes ahead of the server clock)"));
        }
        return List.of();
    }

    /** An event read from the wire: its tree (null when it is not strict JSON) and its problems (empty when valid). */
    public record Checked(JsonNode root, List<String> problems) {
    }

    /** The problems of {@link #read}; empty when valid (including an event type this version does not know). */
    public static List<String> checkEvent(String json) {
        return read(json).problems();
    }

    /**
     * Reads an event of {@code cramp-episodes} as it arrives from the wire, once, and names its problems: not
     * strict JSON, not the schema, or an EpisodeLogged whose start lies outside the window for its
     * {@code recordedAt}. A consumer goes on with the tree it returns.
     */
    public static Checked read(String json) {
        JsonNode root;
        try {
            root = json == null ? null : STRICT_READER.readTree(json);
        } catch (JsonProcessingException e) {
            return new Checked(null, List.of("not JSON (parsed strictly: no repeated keys, nothing after the object): "
                    + e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            return new Checked(null, List.of("not a JSON object"));
        }
        List<String> problems = new ArrayList<>(EventSchemas.validate(SCHEMA, root));
        if (problems.isEmpty() && "EpisodeLogged".equals(root.path("type").asText())) {
            JsonNode episode = root.get("episode");
            try {
                OffsetDateTime startedAt = OffsetDateTime.parse(episode.get("startedAt").asText());
                Instant recordedAt = OffsetDateTime.parse(episode.get("recordedAt").asText()).toInstant();
                checkStartedAt(startedAt, recordedAt).forEach(f -> problems.add("$.episode." + f.field() + ": " + f.reason()));
            } catch (DateTimeParseException e) {
                problems.add("$.episode: unreadable date-time: " + e.getParsedString());
            }
        }
        return new Checked(root, problems);
    }
}
