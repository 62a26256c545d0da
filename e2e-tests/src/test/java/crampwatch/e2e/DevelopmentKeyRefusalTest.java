package crampwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.testsupport.KafkaTopic;
import crampwatch.testsupport.Ports;
import crampwatch.testsupport.TestRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 §5: the built episode-service jar, started as production starts it (bin/run-service, prod profile), with the
 * development public key: it refuses to start unless the insecure switch is set, and then says so at ERROR level. Its
 * log lines are JSON objects (quarkus-logging-json in %prod). It gets a database that does not exist, no migrations,
 * no outbox relay and a topic of its own, so it can touch nothing of a running stack or another test.
 */
class DevelopmentKeyRefusalTest {

    static final Path ROOT = Repo.root();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REFUSAL = "Refusing to start: the JWT verification key is the DEVELOPMENT key";

    @TempDir
    Path dir;

    Process start(Path log, Map<String, String> extra) throws IOException {
        Path app = ROOT.resolve("episode-service/target/quarkus-app");
        assertThat(app.resolve("quarkus-run.jar")).as("build the services first (./mvnw package)").exists();
        ProcessBuilder pb = new ProcessBuilder("sh", ROOT.resolve("bin/run-service").toString(), app.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CRAMPWATCH_") || k.startsWith("QUARKUS_") || k.startsWith("MP_"));
        env.put("CRAMPWATCH_CDS", "off");
        env.put("PORT", String.valueOf(Ports.free()));
        env.put("CRAMPWATCH_JWT_PUBLIC_KEY", "file:" + ROOT.resolve("common/src/main/resources/dev-jwt/crampwatch-dev-public-key.pem"));
        env.put("CRAMPWATCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/crampwatch_keycheck_no_such_db");
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        env.put("CRAMPWATCH_OUTBOX_ENABLED", "false");
        env.put("KAFKA_BOOTSTRAP_SERVERS", KafkaTopic.bootstrapServers());
        env.put("CRAMPWATCH_EPISODES_TOPIC", "cramp-episodes-keycheck-" + TestRun.id());
        env.putAll(extra);
        return pb.start();
    }

    static List<JsonNode> jsonRecords(String out) {
        List<JsonNode> records = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                try {
                    records.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("a log line that starts like JSON is not JSON: " + line, e);
                }
            }
        }
        return records;
    }

    @Test
    void theProductionProfileRefusesTheDevelopmentKey() throws Exception {
        Path log = dir.resolve("refused.log");
        Process p = start(log, Map.of());
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the service gave up starting").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).contains(REFUSAL).contains("CRAMPWATCH_ALLOW_DEVELOPMENT_KEY");
        assertThat(out).doesNotContain("Listening on");
        // Production logs are JSON, one record a line: the refusal is one of them.
        List<JsonNode> records = jsonRecords(out);
        assertThat(records).as(out).isNotEmpty();
        assertThat(records).anyMatch(r -> r.toString().contains(REFUSAL) && r.has("level") && r.has("loggerName"));
    }

    @Test
    void theExplicitDevelopmentSwitchLetsItStartAndSaysSoLoudly() throws Exception {
        Path log = dir.resolve("allowed.log");
        Process p = start(log, Map.of("CRAMPWATCH_ALLOW_DEVELOPMENT_KEY", "true"));
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> !p.isAlive() || Files.readString(log).contains("Listening on"));
            String out = Files.readString(log);
            assertThat(p.isAlive()).as(out).isTrue();
            assertThat(out).doesNotContain(REFUSAL);
            assertThat(jsonRecords(out)).anyMatch(r -> r.path("level").asText().equals("ERROR")
                    && r.path("message").asText().startsWith("INSECURE: this service accepts tokens signed with the DEVELOPMENT key"));
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
