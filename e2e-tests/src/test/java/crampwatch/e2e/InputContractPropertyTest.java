package crampwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.testsupport.DevTokens;
import crampwatch.testsupport.KafkaTopic;
import crampwatch.testsupport.Services;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one input contract, end to end: thousands of generated bodies go to the real episode-service, and
 * for each one either it is refused (400 problem+json, nothing stored) or it is accepted (201) and
 * advice-service evaluates it — counted in {@code episodesConsidered}, a cramp over ten minutes raises
 * its LONG_CRAMP escalation, and nothing lands on the dead-letter topic. Every body also has a known
 * expected answer (each mutation is tagged valid or invalid), so the test cannot pass by refusing all.
 * <p>
 * The generator is seeded ({@code -Dcrampwatch.property.seed=N} replays a run; the seed is printed),
 * {@code -Dcrampwatch.property.bodies=N} changes the count. It runs on the system {@link EndToEndTest} uses
 * ({@link SharedSystem}): it reads its own patients only.
 */
@ExtendWith(SharedSystem.class)
class InputContractPropertyTest {

    static final int BODIES = Integer.getInteger("crampwatch.property.bodies", 2000);
    static final int PER_PATIENT = 8;
    static final long SEED = Long.getLong("crampwatch.property.seed", 20261202L);
    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A generated body and what the contract says of it. */
    record Case(String patientId, String json, boolean valid, String why, int durationSeconds) {
    }

    @Test
    void everyBodyIsEitherRefusedAndNotStoredOrAcceptedAndEvaluated() throws Exception {
        System.out.printf("[property] seed %d, %d bodies%n", SEED, BODIES);
        Random random = new Random(SEED);
        String run = "prop-" + Services.RUN;
        Map<String, List<String>> acceptedIds = new LinkedHashMap<>();
        Map<String, List<String>> longIds = new HashMap<>();
        List<String> mismatches = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        String dlqTopic = "cramp-episodes-e2e-" + Services.RUN + ".dlq";
        createTopic(dlqTopic);
        try (KafkaTopic dlq = KafkaTopic.fromBeginning(KafkaTopic.bootstrapServers(), dlqTopic)) {
            long started = System.nanoTime();
            for (int i = 0; i < BODIES; i++) {
                String patient = run + "-" + (i / PER_PATIENT);
                acceptedIds.computeIfAbsent(patient, p -> new ArrayList<>());
                Case c = generate(random, patient);
                HttpResponse<String> response = post(c);
                assertThat(response.statusCode()).as("status for %s (%s)", c.json(), c.why()).isLessThan(500);
                if (response.statusCode() == 201) {
                    accepted++;
                    String id = JSON.readTree(response.body()).path("id").asText();
                    acceptedIds.get(patient).add(id);
                    if (c.durationSeconds() > 600) {
                        longIds.computeIfAbsent(patient, p -> new ArrayList<>()).add(id);
                    }
                } else {
                    refused++;
                    assertThat(response.statusCode()).as("status for %s (%s)", c.json(), c.why()).isIn(400, 415);
                    assertThat(response.headers().firstValue("Content-Type")).as("content type of a refusal")
                            .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                    JsonNode problem = JSON.readTree(response.body());
                    assertThat(problem.path("errors").isArray() || response.statusCode() == 415).as(response.body()).isTrue();
                }
                if ((response.statusCode() == 201) != c.valid()) {
                    mismatches.add(response.statusCode() + " for a body the contract calls " + (c.valid() ? "valid" : "invalid")
                            + " (" + c.why() + "): " + c.json() + " → " + response.body());
                }
            }
            System.out.printf("[property] %d accepted, %d refused in %d ms%n", accepted, refused, (System.nanoTime() - started) / 1_000_000);
            assertThat(mismatches).as("answers that differ from the contract").isEmpty();
            assertThat(accepted).as("accepted bodies").isGreaterThan(BODIES / 4);
            assertThat(refused).as("refused bodies").isGreaterThan(BODIES / 4);

            // Stored: exactly what was accepted. Evaluated: advice-service has considered every accepted episode.
            for (Map.Entry<String, List<String>> e : acceptedIds.entrySet()) {
                assertThat(episodeIds(e.getKey())).as("episodes stored for %s", e.getKey())
                        .containsExactlyInAnyOrderElementsOf(e.getValue());
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (Map.Entry<String, List<String>> e : acceptedIds.entrySet()) {
                    assertThat(considered(e.getKey())).as("episodesConsidered for %s", e.getKey()).isEqualTo(e.getValue().size());
                }
            });
            // The clinical point of it all: every accepted cramp over ten minutes raised its URGENT escalation.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (Map.Entry<String, List<String>> e : longIds.entrySet()) {
                    assertThat(longCrampEvidence(e.getKey())).as("LONG_CRAMP evidence for %s", e.getKey())
                            .containsAll(e.getValue());
                }
            });
            assertThat(longIds).as("patients with an accepted long cramp").isNotEmpty();
            dlq.assertStays(r -> true, 0, Duration.ofSeconds(2)); // nothing dead-lettered by advice-service
        }
    }

    // ---------------------------------------------------------------- the generator

    static Case generate(Random random, String patient) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int offsetMinutes = (random.nextInt(26 * 4) - 12 * 4) * 15;
        OffsetDateTime start = now.minusMinutes(10 + random.nextInt(60 * 24 * 60)).truncatedTo(ChronoUnit.SECONDS)
                .withOffsetSameInstant(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
        if (random.nextBoolean()) {
            start = start.plusNanos(random.nextInt(1_000_000_000));
        }
        int duration = pickInt(random, 1, 45, 90, 300, 600, 601, 720, 3600, 86400);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("startedAt", quote(start.format(RFC3339)));
        fields.put("durationSeconds", String.valueOf(duration));
        fields.put("site", quote(pick(random, "FOOT", "TOES", "CALF", "SHIN", "THIGH", "HAMSTRING", "OTHER")));
        fields.put("side", quote(pick(random, "LEFT", "RIGHT", "BOTH")));
        fields.put("painScore", String.valueOf(random.nextInt(11)));
        fields.put("wokeFromSleep", String.valueOf(random.nextBoolean()));
        fields.put("relievedBy", pick(random, "[]", "[\"STRETCHING\"]", "[\"NOTHING\"]", "[\"HEAT\",\"COLD\"]"));
        fields.put("symptoms", pick(random, "[]", "[]", "[\"SWELLING\"]", "[\"NUMBNESS\",\"MUSCLE_WEAKNESS\"]"));
        fields.put("exposures", pick(random, "[]", "[]", "[]", "[\"TOXIC_SUBSTANCE\"]"));
        fields.put("notes", pick(random, "null", "\"\"", "\"woke at 2\"", "\"line\\nnext\\ttab\\r\"", "\"caf\u00e9 \\ud83d\\ude00\""));

        // A later mutation of the same field replaces the earlier one: validity is decided per field, as it ends up.
        Map<String, Boolean> fieldValid = new HashMap<>();
        boolean structureValid = true;
        List<String> why = new ArrayList<>();
        String raw = null;
        int mutations = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(2);
        for (int m = 0; m < mutations; m++) {
            Mutation mutation = MUTATIONS.get(random.nextInt(MUTATIONS.size()));
            why.add(mutation.name());
            if (mutation.field() == null) {
                structureValid = false;
                raw = mutation.name(); // a structural mutation, applied to the text below
            } else if (mutation.value() == null) {
                fields.remove(mutation.field());
                fieldValid.put(mutation.field(), mutation.valid());
            } else {
                fields.put(mutation.field(), mutation.value().get());
                fieldValid.put(mutation.field(), mutation.valid());
            }
        }
        boolean valid = structureValid && !fieldValid.containsValue(false);
        String json = object(fields);
        if (raw != null) {
            json = switch (raw) {
                case "unknown field" -> json.replaceFirst("\\{", "{\"severity\":3,");
                case "repeated key" -> json.replaceFirst("\\{", "{\"painScore\":1,");
                case "trailing garbage" -> json + "garbage";
                case "a second object" -> json + "{}";
                case "an array around it" -> "[" + json + "]";
                default -> throw new IllegalStateException(raw);
            };
        }
        String durationValue = fields.get("durationSeconds");
        int d = durationValue != null && durationValue.matches("\\d{1,6}") ? Integer.parseInt(durationValue) : 0;
        return new Case(patient, json, valid, why.isEmpty() ? "unchanged" : String.join(" + ", why), d);
    }

    record Mutation(String name, String field, Supplier<String> value, boolean valid) {
    }

    static Mutation ok(String field, String value) {
        return new Mutation(field + "=" + value, field, () -> value, true);
    }

    static Mutation bad(String field, String value) {
        return new Mutation(field + "=" + value, field, () -> value, false);
    }

    static final List<Mutation> MUTATIONS = List.of(
            // startedAt: the window and the form
            ok("startedAt", "\"2000-01-01T00:00:00Z\""),
            ok("startedAt", "\"2024-02-29T23:59:59.999999999-12:00\""),
            ok("startedAt", "\"2025-06-01T12:00:00+18:00\""),
            ok("startedAt", "\"2025-06-01T12:00:00-18:00\""),
            new Mutation("startedAt 4 minutes ahead", "startedAt",
                    () -> quote(OffsetDateTime.now(ZoneOffset.ofHours(2)).plusMinutes(4).format(RFC3339)), true),
            new Mutation("startedAt 7 minutes ahead", "startedAt",
                    () -> quote(OffsetDateTime.now(ZoneOffset.ofHours(-5)).plusMinutes(7).format(RFC3339)), false),
            bad("startedAt", "\"2026-12-02T10:00:00+00:00:30\""), bad("startedAt", "\"-4713-11-24T12:00:00Z\""),
            bad("startedAt", "\"+12026-11-20T02:14:00Z\""), bad("startedAt", "0"), bad("startedAt", "1.5"),
            bad("startedAt", "1700000000"), bad("startedAt", "\"1700000000\""), bad("startedAt", "\"1582-10-10T02:00:00Z\""),
            bad("startedAt", "\"0000-01-01T00:00:00Z\""), bad("startedAt", "\"0001-01-01T00:00:00Z\""),
            bad("startedAt", "\"1900-01-01T00:00:00Z\""), bad("startedAt", "\"1999-12-31T23:59:59Z\""),
            bad("startedAt", "\"2000-01-01T00:30:00+01:00\""), bad("startedAt", "\"2026-11-20T02:14+01:00\""),
            bad("startedAt", "\"2026-11-20T02:14:00\""), bad("startedAt", "\"2026-02-29T01:00:00Z\""),
            bad("startedAt", "\"2026-11-20T02:14:00+01:00 \""), bad("startedAt", "\"2026-11-20T02:14:00+01:00\\n\""),
            bad("startedAt", "\"2026-11-20T02:14:00+19:00\""), bad("startedAt", "null"), bad("startedAt", "\"\""),
            // durations: the ten-minute boundary is valid on both sides; the range and the type are not
            ok("durationSeconds", "600"), ok("durationSeconds", "601"), ok("durationSeconds", "86400"), ok("durationSeconds", "1"),
            bad("durationSeconds", "0"), bad("durationSeconds", "-5"), bad("durationSeconds", "86401"), bad("durationSeconds", "1.5"),
            bad("durationSeconds", "720.0"), bad("durationSeconds", "7.2e2"), bad("durationSeconds", "\"720\""),
            bad("durationSeconds", "null"), bad("durationSeconds", "99999999999999999999"),
            // enums
            ok("site", "\"OTHER\""), bad("site", "\"CALF \""), bad("site", "\"CALF\\u0000\""), bad("site", "\"OTHER\\n\""),
            bad("site", "\"calf\""), bad("site", "0"), bad("site", "null"), bad("site", "\"\""),
            ok("side", "\"BOTH\""), bad("side", "\" LEFT\""), bad("side", "\"LEFT\\t\""), bad("side", "[\"LEFT\"]"),
            // pain and sleep
            ok("painScore", "10"), ok("painScore", "0"), bad("painScore", "11"), bad("painScore", "-1"), bad("painScore", "7.5"),
            bad("painScore", "7.0"), bad("painScore", "\"7\""), bad("painScore", "true"),
            ok("wokeFromSleep", "false"), bad("wokeFromSleep", "1"), bad("wokeFromSleep", "\"true\""), bad("wokeFromSleep", "null"),
            // lists
            ok("relievedBy", "[\"MASSAGE\",\"WALKING\"]"), bad("relievedBy", "[\"HEAT\",\"HEAT\"]"), bad("relievedBy", "[null]"),
            bad("relievedBy", "[\"QUININE\"]"), bad("relievedBy", "\"HEAT\""), bad("relievedBy", "{}"),
            ok("symptoms", "[\"SKIN_CHANGES\"]"), bad("symptoms", "[\"SWELLING \"]"), bad("symptoms", "[1]"),
            ok("exposures", "[\"CONTAMINATED_WOUND\",\"TOXIC_SUBSTANCE\"]"), bad("exposures", "[\"LEAD\"]"),
            new Mutation("no relievedBy", "relievedBy", null, true), new Mutation("no symptoms", "symptoms", null, true),
            new Mutation("no notes", "notes", null, true),
            // notes: free text, but text
            ok("notes", quote("x".repeat(2000))), bad("notes", quote("x".repeat(2001))), bad("notes", "\"a\\u0000b\""),
            bad("notes", "\"\\u001b[31mred\""), bad("notes", "\"half \\ud83d pair\""), bad("notes", "12"),
            ok("notes", "\"\\u2028 and \\u00a0 are text\""),
            // missing required fields
            new Mutation("no startedAt", "startedAt", null, false), new Mutation("no durationSeconds", "durationSeconds", null, false),
            new Mutation("no site", "site", null, false), new Mutation("no painScore", "painScore", null, false),
            new Mutation("no wokeFromSleep", "wokeFromSleep", null, false),
            // structure
            new Mutation("unknown field", null, null, false), new Mutation("repeated key", null, null, false),
            new Mutation("trailing garbage", null, null, false), new Mutation("a second object", null, null, false),
            new Mutation("an array around it", null, null, false));

    @SafeVarargs
    static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    static int pickInt(Random random, int... values) {
        return values[random.nextInt(values.length)];
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }

    static String object(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return sb.append('}').toString();
    }

    // ---------------------------------------------------------------- the services

    static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The dead-letter topic exists before anything could be dead-lettered, so the test reads it from its start. */
    static void createTopic(String topic) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopic.bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw e;
            }
        }
    }

    static HttpResponse<String> post(Case c) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(Services.url("episode-service") + "/patients/" + c.patientId() + "/episodes"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKENS.computeIfAbsent(c.patientId(), DevTokens::patient))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(c.json())).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode get(String url, String patient) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKENS.computeIfAbsent("dr-property", DevTokens::clinician)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static List<String> episodeIds(String patient) throws Exception {
        List<String> ids = new ArrayList<>();
        get(Services.url("episode-service") + "/patients/" + patient + "/episodes?limit=200", patient).path("items")
                .forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }

    static long considered(String patient) throws Exception {
        return get(Services.url("advice-service") + "/patients/" + patient + "/advice", patient).path("episodesConsidered").asLong();
    }

    static List<String> longCrampEvidence(String patient) throws Exception {
        List<String> ids = new ArrayList<>();
        get(Services.url("advice-service") + "/escalations?patientId=" + patient + "&limit=200", patient).path("items").forEach(e -> {
            if ("LONG_CRAMP".equals(e.path("rule").asText())) {
                e.path("episodeIds").forEach(id -> ids.add(id.asText()));
            }
        });
        return ids;
    }
}
