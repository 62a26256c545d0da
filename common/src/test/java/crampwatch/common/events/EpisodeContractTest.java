package crampwatch.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import crampwatch.common.api.Problem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The one input contract for an episode, with the inputs the edge once accepted and a consumer refused. */
class EpisodeContractTest {

    static final String GOOD = "{\"startedAt\":\"2026-11-20T02:14:00+01:00\",\"durationSeconds\":720,\"site\":\"CALF\","
            + "\"side\":\"LEFT\",\"painScore\":7,\"wokeFromSleep\":true,\"relievedBy\":[\"STRETCHING\"],\"symptoms\":[],"
            + "\"exposures\":[],\"notes\":\"line one\\nline two\\ttab\"}";

    static List<Problem.FieldError> check(String json) throws JsonProcessingException {
        return EpisodeContract.checkNewEpisode(EpisodeContract.STRICT_READER.readTree(json));
    }

    @Test
    void aWellFormedEpisodeWithTabsAndNewlinesInItsNotesPasses() throws Exception {
        assertThat(check(GOOD)).isEmpty();
        assertThat(check(GOOD.replace(",\"relievedBy\":[\"STRETCHING\"],\"symptoms\":[],\"exposures\":[]", ""))).isEmpty();
        assertThat(check(GOOD.replace("02:14:00+01:00", "02:14:00.123456789Z"))).isEmpty();
        assertThat(check(GOOD.replace("+01:00", "-18:00"))).isEmpty();
        assertThat(check(GOOD.replace("+01:00", "+05:45"))).isEmpty();
        assertThat(check(GOOD.replace("line one", "emoji \\ud83d\\ude00 and \u00e9"))).isEmpty();
    }

    @ParameterizedTest(name = "startedAt {0}")
    @ValueSource(strings = {
            "\"2026-12-02T10:00:00+00:00:30\"", // an offset with seconds
            "\"-4713-11-24T12:00:00Z\"", "\"+12026-11-20T02:14:00Z\"", "\"0000-01-01T00:00:00Z\"", "\"0001-01-01T00:00:00Z\"",
            "\"1900-01-01T00:00:00Z\"", "\"1582-10-10T00:00:00Z\"", "\"1999-12-31T23:59:59Z\"",
            "0", "1.5", "1700000000", "\"1700000000\"", "\"2026-11-20\"", "\"2026-11-20T02:14+01:00\"",
            "\"2026-11-20T02:14:00\"", "\"2026-11-20 02:14:00+01:00\"", "\"2026-11-20t02:14:00z\"", "\"2026-02-30T02:14:00Z\"",
            "\"2026-11-20T24:00:00Z\"", "\"2026-12-31T23:59:60Z\"", "\"2026-11-20T02:14:00+18:01\"", "\"2026-11-20T02:14:00+19:00\"",
            "\"2026-11-20T02:14:00+01:00\\n\"", "\"2026-11-20T02:14:00+01:00\\u0000\"", "\" 2026-11-20T02:14:00+01:00\"",
            "\"2026-11-20T02:14:00.1234567890Z\"", "null", "{}", "[]"})
    void startsOutsideTheContractAreRefusedNamingStartedAt(String value) throws Exception {
        List<Problem.FieldError> errors = check(GOOD.replace("\"2026-11-20T02:14:00+01:00\"", value));
        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("startedAt");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "site|\"CALF \"", "site|\"CALF\\u0000\"", "site|\"OTHER\\n\"", "site|\"calf\"", "site|0", "site|null",
            "side|\" LEFT\"", "painScore|11", "painScore|-1", "painScore|7.0", "painScore|\"7\"", "durationSeconds|0",
            "durationSeconds|86401", "durationSeconds|1.5", "wokeFromSleep|1", "wokeFromSleep|\"true\"",
            "notes|\"a\\u0000b\"", "notes|\"half \\ud83d pair\"", "notes|\"bell\\u0007\"", "notes|\"esc\\u001b[31m\"", "notes|12"})
    void badFieldValuesAreRefusedNamingTheField(String field, String value) throws Exception {
        String body = GOOD.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]+)", "\"" + field + "\":" + value.replace("\\", "\\\\"));
        assertThat(body).isNotEqualTo(GOOD);
        assertThat(check(body)).extracting(Problem.FieldError::field).containsExactly(field);
    }

    @Test
    void listsRefuseUnknownValuesDuplicatesAndNulls() throws Exception {
        assertThat(check(GOOD.replace("[\"STRETCHING\"]", "[\"STRETCHING\",\"QUININE\"]")))
                .containsExactly(new Problem.FieldError("relievedBy[1]", "'QUININE' is not one of [STRETCHING, MASSAGE, WALKING, HEAT, COLD, NOTHING]"));
        assertThat(check(GOOD.replace("[\"STRETCHING\"]", "[\"HEAT\",\"HEAT\"]"))).extracting(Problem.FieldError::field)
                .containsExactly("relievedBy");
        assertThat(check(GOOD.replace("\"symptoms\":[]", "\"symptoms\":[null]"))).extracting(Problem.FieldError::field)
                .containsExactly("symptoms[0]");
    }

    @Test
    void missingAndUnknownFieldsAreNamed() throws Exception {
        assertThat(check(GOOD.replace("\"painScore\":7,", "")))
                .containsExactly(new Problem.FieldError("painScore", "is required"));
        assertThat(check(GOOD.replace("\"side\":\"LEFT\"", "\"side\":\"LEFT\",\"sevrity\":3")))
                .containsExactly(new Problem.FieldError("sevrity", "unknown field 'sevrity'"));
        assertThat(check(GOOD.replace("\"side\":\"LEFT\"", "\"side\":\"LEFT\",\"id\":\"x\"")))
                .extracting(Problem.FieldError::field).containsExactly("id");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"a\":1}garbage", "{\"a\":1}{}", "{\"a\":1} 2"})
    void repeatedKeysAndTrailingContentAreNotJson(String json) {
        assertThatThrownBy(() -> EpisodeContract.STRICT_READER.readTree(json)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void theWindowRunsFrom2000ToFiveMinutesAfterRecording() {
        Instant recorded = Instant.parse("2026-11-20T10:00:00Z");
        assertThat(EpisodeContract.checkStartedAt(OffsetDateTime.parse("2000-01-01T00:00:00Z"), recorded)).isEmpty();
        assertThat(EpisodeContract.checkStartedAt(OffsetDateTime.parse("2000-01-01T00:30:00+01:00"), recorded)).hasSize(1);
        assertThat(EpisodeContract.checkStartedAt(OffsetDateTime.parse("2026-11-20T10:05:00Z"), recorded)).isEmpty();
        assertThat(EpisodeContract.checkStartedAt(OffsetDateTime.parse("2026-11-20T10:05:00.000001Z"), recorded))
                .extracting(Problem.FieldError::reason).singleElement().asString().contains("future");
    }

    @Test
    void anEventIsCheckedAgainstItsOwnRecordingTimeNotTheConsumersClock() {
        String event = event("2026-11-20T02:14:00+01:00", "2026-11-20T01:20:00Z");
        assertThat(EpisodeContract.checkEvent(event)).isEmpty();
        assertThat(EpisodeContract.checkEvent(event("2026-11-20T02:26:00+01:00", "2026-11-20T01:20:00Z")))
                .singleElement().asString().contains("startedAt").contains("future");
        assertThat(EpisodeContract.checkEvent(event("1999-11-20T02:14:00+01:00", "2026-11-20T01:20:00Z"))).isNotEmpty();
        assertThat(EpisodeContract.checkEvent(event.replace("\"site\":\"CALF\"", "\"site\":\"CALF\",\"site\":\"CALF\"")))
                .singleElement().asString().startsWith("not JSON");
        assertThat(EpisodeContract.checkEvent(event + "{}")).singleElement().asString().startsWith("not JSON");
        // Forward compatibility: unknown fields and unknown event types pass.
        assertThat(EpisodeContract.checkEvent(event.replace("\"site\":\"CALF\"", "\"site\":\"CALF\",\"laterality\":\"x\""))).isEmpty();
        assertThat(EpisodeContract.checkEvent(event.replace("EpisodeLogged", "EpisodeAmended"))).isEmpty();
    }

    static String event(String startedAt, String recordedAt) {
        return "{\"eventId\":\"0b6a1d2e-3c4f-4a5b-8c6d-7e8f9a0b1c2d\",\"type\":\"EpisodeLogged\",\"schemaVersion\":1,"
                + "\"occurredAt\":\"" + recordedAt + "\",\"patientId\":\"p-1\",\"episode\":{\"id\":\"1b6a1d2e-3c4f-4a5b-8c6d-7e8f9a0b1c2d\","
                + "\"patientId\":\"p-1\",\"startedAt\":\"" + startedAt + "\",\"durationSeconds\":720,\"site\":\"CALF\",\"side\":\"LEFT\","
                + "\"painScore\":7,\"wokeFromSleep\":true,\"relievedBy\":[],\"symptoms\":[],\"exposures\":[],\"notes\":null,"
                + "\"recordedAt\":\"" + recordedAt + "\"}}";
    }

}
