package crampwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded fuzzer for the HTTP APIs: hostile bodies (values of every wrong type and size, control
 * characters, repeated keys, truncation, trailing content, deep nesting, other charsets) and hostile paths
 * and query strings (ids of every shape, numbers out of range, cursors that decode to impossible times).
 * {@link #assertSafe} then demands what the contract promises: no answer of 500 or above, and every error
 * an {@code application/problem+json} document. The callers check that refused requests stored nothing.
 */
public final class ApiFuzz {

    /** One request and its answer. */
    public record Outcome(String method, String path, String contentType, String body, int status, String responseType,
                          String response) {
        @Override
        public String toString() {
            return method + " " + path + " [" + contentType + "] " + abbreviate(body) + " → " + status + " " + responseType + " "
                    + abbreviate(response);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Values that have no business in any field: wrong types, huge, tiny, control characters, half characters. */
    static final List<String> HOSTILE_VALUES = List.of("\"\\u0000\"", "\"a\\u0000b\"", "\"" + "x".repeat(5000) + "\"", "1e309", "-1", "0",
            "2147483648", "9223372036854775808", "-9223372036854775809", "1.5", "7.0", "true", "false", "null", "[]", "{}", "[[[[[[[]]]]]]]",
            "\"\\ud800\"", "\"\\udc00x\"", "\"a\\r\\nINFO [fake] forged\"", "\"%00\"", "\"\"", "\" \"", "\"\\u202e\\u200b\"",
            "\"\\u001b[31m\"", "\"<script>alert(1)</script>\"", "\"${jndi:ldap://127.0.0.1/x}\"", "\"-999999999-01-01T00:00:00Z\"",
            "\"+999999999-12-31T23:59:59Z\"", "\"2026-13-45T99:99:99Z\"", "\"CALF \"", "\"URGENT\"", "\"Europe/Nowhere\"",
            "\"q,x;(c)<a>\\\"@mk.example\"", "\"a@b\\u200b.example\"", "\"a@[127.0.0.1]\"", "[\"x\",\"x\"]", "[null]", "{\"a\":{\"b\":[1,{}]}}");

    /** Path segments and query values of every shape. Already URL-encoded where needed. */
    static final List<String> HOSTILE_SEGMENTS = List.of("%00", "%0d%0a", "%0d%0aINFO%20%5Bfake%5D%20forged", "a".repeat(3000), "%3Cscript%3E",
            "..%2F..%2Fetc", "%E2%80%8B", "%F0%9F%98%80", "%C0%AF", "%FF", "null", "-1", "0", "1.5", "2147483648", "99999999999999999999",
            "abc", "%25", "%27%20OR%201%3D1--", "%24%7Bjndi%3Aldap%3A%2F%2F127.0.0.1%2Fx%7D", "%C3%A9", "p-" + "9".repeat(70), "_x", ".",
            "-999999999-01-01T00:00:00Z", "%2B999999999-12-31T23:59:59Z", "2026-13-01T00:00:00Z", "0000-01-01T00:00:00Z",
            "2026-11-20T02:14:00%2B01:00", "OPEN", "URGENT", "PENDING", "open", "");

    private ApiFuzz() {
    }

    /** {@code count} mutations of {@code validBody}, sent with {@code method} to {@code base + path}. */
    public static List<Outcome> bodies(String base, String token, String method, String path, String validBody, int count, long seed) {
        Random random = new Random(seed);
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String contentType = random.nextInt(12) == 0 ? pick(random, null, "text/plain", "application/json; charset=ISO-8859-1",
                    "application/json; charset=UTF-16", "application/xml", "application/json; charset=utf-8", "application/problem+json")
                    : "application/json";
            byte[] body = mutateBody(random, validBody).getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(25) == 0) {
                body = randomBytes(random);
            }
            out.add(send(base, token, method, path, contentType, body));
        }
        return out;
    }

    /**
     * {@code count} requests to the templates (with {@code {p}} for a patient id and {@code {id}} for another id),
     * hostile ids in the path and hostile values for {@code params} in the query.
     */
    public static List<Outcome> paths(String base, String token, List<String> templates, List<String> params, String validPatient,
                                      int count, long seed) {
        Random random = new Random(seed);
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String template = templates.get(random.nextInt(templates.size()));
            String method = template.substring(0, template.indexOf(' '));
            String path = template.substring(template.indexOf(' ') + 1)
                    .replace("{p}", random.nextInt(4) == 0 ? validPatient : pick(random, HOSTILE_SEGMENTS.toArray(String[]::new)))
                    .replace("{id}", random.nextInt(4) == 0 ? UUID.randomUUID().toString() : pick(random, HOSTILE_SEGMENTS.toArray(String[]::new)));
            StringBuilder query = new StringBuilder();
            for (String param : params) {
                if (random.nextInt(3) == 0) {
                    query.append(query.isEmpty() ? "?" : "&").append(param).append('=').append(hostileQueryValue(random, param));
                }
            }
            String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
            out.add(send(base, token, method, path + query, body == null ? null : "application/json",
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** No 5xx, and every error is problem+json with a Content-Type. */
    public static void assertSafe(List<Outcome> outcomes) {
        assertThat(outcomes).as("answers of 500 or above").filteredOn(o -> o.status() >= 500).isEmpty();
        assertThat(outcomes).as("errors that are not problem+json").filteredOn(o -> o.status() >= 400)
                .allSatisfy(o -> assertThat(o.responseType()).as(o.toString()).startsWith("application/problem+json"));
    }

    // ---------------------------------------------------------------- generation

    static String hostileQueryValue(Random random, String param) {
        if (param.equals("cursor") && random.nextBoolean()) {
            String raw = pick(random, "+1000000000-01-01T00:00:00Z|" + UUID.randomUUID(), "-999999999-01-01T00:00:00Z|" + UUID.randomUUID(),
                    "2026-01-01T00:00:00Z|not-a-uuid", "1|2|3", "x", "2147483648|2026-01-01T00:00:00Z|" + UUID.randomUUID(),
                    "9|+999999999-12-31T23:59:59Z|" + UUID.randomUUID(), "\u0000|\u0000", "2026-01-01T00:00:00Z|1-1-1-1-1");
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }
        return pick(random, HOSTILE_SEGMENTS.toArray(String[]::new));
    }

    static String mutateBody(Random random, String valid) {
        switch (random.nextInt(12)) {
            case 0:
                return valid.substring(0, random.nextInt(Math.max(1, valid.length())));
            case 1:
                return valid + pick(random, "garbage", "{}", " 1", "]", "\u0000");
            case 2:
                return valid.replaceFirst("\\{", "{\"" + firstKey(valid) + "\":null,");
            case 3:
                return "[".repeat(2000) + "]".repeat(2000);
            case 4:
                return pick(random, "", " ", "null", "[]", "\"text\"", "42", "{", "{\"\":1}", "{\"a\":1,}");
            default:
                try {
                    JsonNode tree = JSON.readTree(valid);
                    int mutations = 1 + random.nextInt(3);
                    for (int m = 0; m < mutations; m++) {
                        mutateTree(random, tree);
                    }
                    return JSON.writeValueAsString(tree);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
        }
    }

    static void mutateTree(Random random, JsonNode tree) throws Exception {
        List<JsonNode> containers = new ArrayList<>();
        collect(tree, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        JsonNode hostile = JSON.readTree(pick(random, HOSTILE_VALUES.toArray(String[]::new)));
        if (target instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            int op = random.nextInt(4);
            if (op == 0 || keys.isEmpty()) {
                object.set(pick(random, "unknown", "severity", "__proto__", "id", "patientId", "status", "\u0000"), hostile);
            } else if (op == 1) {
                object.remove(keys.get(random.nextInt(keys.size())));
            } else {
                object.set(keys.get(random.nextInt(keys.size())), hostile);
            }
        } else if (target instanceof ArrayNode array) {
            if (array.isEmpty() || random.nextBoolean()) {
                array.add(hostile);
            } else {
                array.set(random.nextInt(array.size()), hostile);
            }
        }
    }

    static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    static String firstKey(String json) {
        try {
            Iterator<String> names = JSON.readTree(json).fieldNames();
            return names.hasNext() ? names.next() : "a";
        } catch (Exception e) {
            return "a";
        }
    }

    static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }

    @SafeVarargs
    static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    // ---------------------------------------------------------------- sending

    static Outcome send(String base, String token, String method, String path, String contentType, byte[] body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Outcome(method, path, contentType, body == null ? null : new String(body, StandardCharsets.UTF_8),
                    response.statusCode(), response.headers().firstValue("Content-Type").orElse("(none)"), response.body());
        } catch (IllegalArgumentException e) {
            // java.net.URI refuses the path itself (not something a server ever sees): nothing to check.
            return new Outcome(method, path, contentType, null, 0, "(not sent)", e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException("request failed: " + method + " " + abbreviate(path), e);
        }
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + ")" : s;
    }

    /**
     * What a PUT fuzz left behind is exactly what its last accepted request answered (a refused one changed
     * nothing); with none accepted, nothing is stored (404).
     */
    public static void assertStoredIsLastAccepted(List<Outcome> outcomes, String stored) {
        Outcome lastAccepted = outcomes.stream().filter(o -> o.status() == 200).reduce((a, b) -> b).orElse(null);
        if (lastAccepted == null) {
            assertThat(stored).contains("404");
        } else {
            try {
                assertThat(json(stored)).isEqualTo(json(lastAccepted.response()));
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + abbreviate(stored), e);
            }
        }
    }

    /** Requests that changed something (not a GET, answered 2xx) did so only for a well-formed patient id. */
    public static void assertChangesOnlyForWellFormedPatients(List<Outcome> outcomes) {
        assertThat(outcomes).as("requests that changed something").filteredOn(o -> !o.method().equals("GET") && o.status() < 300)
                .allSatisfy(o -> assertThat(o.path().split("[/?]")[2]).matches(crampwatch.common.api.PatientIds.PATTERN));
    }

    /** A JSON document as a tree, for comparing two answers whatever their formatting. */
    public static JsonNode json(String text) throws java.io.IOException {
        return JSON.readTree(text);
    }

    /** Counts by status, for a line in the test's output. */
    public static Map<Integer, Long> statuses(List<Outcome> outcomes) {
        return outcomes.stream().collect(java.util.stream.Collectors.groupingBy(Outcome::status, java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }
}
