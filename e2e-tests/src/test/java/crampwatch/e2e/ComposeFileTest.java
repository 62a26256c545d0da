package crampwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docker-compose.yml is checked here on every machine, engine or not (bin/compose-check runs it for real where
 * one answers or can be installed): against the Compose Specification's JSON Schema, and against the services'
 * own configuration (ports, environment variables, databases, topics, the Dockerfile's build arguments), so the
 * two cannot drift apart unnoticed.
 */
class ComposeFileTest {

    static final Path ROOT = Repo.root();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static JsonNode compose() throws IOException {
        return YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
    }

    /** A service's configuration: its application.properties plus the shared file it loads (quarkus.config.locations). */
    static String properties(String service) throws IOException {
        String own = Files.readString(ROOT.resolve(service + "/src/main/resources/application.properties"));
        if (own.contains("quarkus.config.locations=crampwatch-service.properties")) {
            own += "\n" + Files.readString(ROOT.resolve("common/src/main/resources/crampwatch-service.properties"));
        }
        return own;
    }

    @Test
    void isValidAgainstTheComposeSpecification() throws IOException {
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/compose-spec/compose_spec.json")) {
            JsonNode spec = new ObjectMapper().readTree(in);
            // The file uses draft-04 style "id" keywords, which draft 2019-09 does not know: drop them.
            dropIds(spec);
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(spec);
        }
        Set<ValidationMessage> problems = schema.validate(compose());
        assertThat(problems).as("docker-compose.yml against the Compose Specification").isEmpty();
    }

    static void dropIds(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            if (object.path("id").isTextual()) {
                object.remove("id");
            }
            object.forEach(ComposeFileTest::dropIds);
        } else if (node.isArray()) {
            node.forEach(ComposeFileTest::dropIds);
        }
    }

    @Test
    void aRealComposeParserAcceptsItWhereOneIsInstalled() throws Exception {
        List<String> command = null;
        for (String candidate : List.of("docker-compose")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(dir, candidate))) {
                    command = List.of(Path.of(dir, candidate).toString(), "-f", "docker-compose.yml", "config", "-q");
                }
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(command != null, "docker-compose is not installed");
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        // The key has no default (see composeNeverDefaultsToTheDevelopmentKey): an operator names theirs.
        pb.environment().put("CRAMPWATCH_JWT_PUBLIC_KEY", "/run/secrets/jwt.pem");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as(out).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"episode-service", "advice-service", "notification-service", "clinic-dashboard"})
    void eachServiceMatchesItsOwnConfiguration(String service) throws IOException {
        JsonNode svc = compose().path("services").path(service);
        assertThat(svc.isMissingNode()).as(service + " in docker-compose.yml").isFalse();
        String props = properties(service);

        Matcher port = Pattern.compile("quarkus\\.http\\.port=\\$\\{PORT:(\\d+)}").matcher(props);
        assertThat(port.find()).as("default port in application.properties").isTrue();
        String p = port.group(1);
        assertThat(svc.path("ports").toString()).contains("\"" + p + ":" + p + "\"");
        assertThat(svc.path("environment").path("PORT").asText()).isEqualTo(p);
        assertThat(svc.path("healthcheck").path("test").toString()).contains("localhost:" + p + "/q/health/ready");

        // The repository's one Dockerfile, told which module (whose quarkus-app it copies) and which port.
        JsonNode build = svc.path("build");
        assertThat(build.path("context").asText()).isEqualTo(".");
        assertThat(build.path("dockerfile").asText()).isEqualTo("Dockerfile");
        assertThat(build.path("args").path("MODULE").asText()).isEqualTo(service);
        assertThat(ROOT.resolve(service + "/pom.xml")).as("MODULE names a Maven module").exists();
        assertThat(build.path("args").path("PORT").asText()).isEqualTo(p);
        assertThat(build.path("args").path("RUNTIME_IMAGE").asText()).isEqualTo("${CRAMPWATCH_RUNTIME_IMAGE:-eclipse-temurin:17-jre}");

        // Every variable compose sets must be one the service reads.
        Iterator<String> names = svc.path("environment").fieldNames();
        List<String> unused = new ArrayList<>();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("PORT") && !props.contains("${" + name + ":") && !props.contains("${" + name + "}")) {
                unused.add(name);
            }
        }
        assertThat(unused).as("variables in docker-compose.yml that " + service + " does not read").isEmpty();

        // depends_on names services that exist and can report what the condition waits for.
        Iterator<Map.Entry<String, JsonNode>> deps = svc.path("depends_on").fields();
        while (deps.hasNext()) {
            Map.Entry<String, JsonNode> dep = deps.next();
            JsonNode target = compose().path("services").path(dep.getKey());
            assertThat(target.isMissingNode()).as(dep.getKey()).isFalse();
            if (dep.getValue().path("condition").asText().equals("service_healthy")) {
                assertThat(target.has("healthcheck")).as(dep.getKey() + " has a healthcheck").isTrue();
            }
        }
    }

    /**
     * The services' images copy what the Maven build made instead of compiling inside (issue 14): one Dockerfile,
     * parameterised by MODULE and PORT, whose base image is a build argument with the official default, and a
     * .dockerignore that sends the modules' quarkus-app folders and the launcher.
     */
    @Test
    void oneDockerfileCopiesTheBuiltApplication() throws IOException {
        String docker = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(docker).contains("ARG RUNTIME_IMAGE=eclipse-temurin:17-jre").contains("FROM ${RUNTIME_IMAGE}")
                .contains("ARG MODULE").contains("ARG PORT=")
                .contains("COPY --chown=185 ${MODULE}/target/quarkus-app/lib/ ./lib/")
                .contains("COPY --chown=185 ${MODULE}/target/quarkus-app/app/ ./app/")
                .contains("COPY --chown=185 ${MODULE}/target/quarkus-app/quarkus/ ./quarkus/")
                .contains("config/jvm.options bin/run-service").contains("ENTRYPOINT [\"/app/run-service\", \"/app\"]")
                .contains("EXPOSE ${PORT}").contains("localhost:${PORT}/q/health/ready")
                .doesNotContain("BUILD_IMAGE");
        String instructions = docker.lines().filter(line -> !line.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
        assertThat(instructions).as("nothing is compiled in the image").doesNotContain("mvn").doesNotContain("AS build");
        List<String> ignore = Files.readAllLines(ROOT.resolve(".dockerignore"));
        assertThat(ignore).contains("*", "!bin/run-service", "!config/jvm.options");
        Iterator<Map.Entry<String, JsonNode>> services = compose().path("services").fields();
        int built = 0;
        while (services.hasNext()) {
            Map.Entry<String, JsonNode> service = services.next();
            JsonNode build = service.getValue().path("build");
            if (build.isMissingNode()) {
                continue;
            }
            built++;
            String module = build.path("args").path("MODULE").asText();
            assertThat(build.path("dockerfile").asText()).as(service.getKey()).isEqualTo("Dockerfile");
            assertThat(ignore).as(".dockerignore lets " + module + "'s application into the build context")
                    .contains("!" + module + "/target/quarkus-app");
            assertThat(ROOT.resolve(module + "/Dockerfile")).as("one Dockerfile for all, not " + module + "'s own").doesNotExist();
        }
        assertThat(built).isEqualTo(4);
    }

    /** Issue 12 §5: a default compose deployment must not accept tokens minted with the repository's development key. */
    @ParameterizedTest
    @ValueSource(strings = {"episode-service", "advice-service", "notification-service"})
    void composeNeverDefaultsToTheDevelopmentKey(String service) throws IOException {
        JsonNode env = compose().path("services").path(service).path("environment");
        assertThat(env.path("CRAMPWATCH_JWT_PUBLIC_KEY").asText()).as("the key is required, without a default")
                .startsWith("${CRAMPWATCH_JWT_PUBLIC_KEY:?").doesNotContain("dev-jwt");
        assertThat(env.path("CRAMPWATCH_ALLOW_DEVELOPMENT_KEY").asText()).isEqualTo("${CRAMPWATCH_ALLOW_DEVELOPMENT_KEY:-false}");
        assertThat(properties(service)).contains("crampwatch.security.allow-development-key=${CRAMPWATCH_ALLOW_DEVELOPMENT_KEY:false}")
                .contains("mp.jwt.verify.audiences=").contains("mp.jwt.verify.token.age=");
    }

    /** The dashboard's development sign-in is off in a default compose deployment, and refused unless the key is allowed. */
    @Test
    void composeNeverTurnsOnTheDashboardsDevelopmentSignIn() throws IOException {
        JsonNode env = compose().path("services").path("clinic-dashboard").path("environment");
        assertThat(env.path("CRAMPWATCH_DASHBOARD_DEV_SIGNING_KEY").asText()).isEqualTo("${CRAMPWATCH_DASHBOARD_DEV_SIGNING_KEY:-}");
        assertThat(env.path("CRAMPWATCH_ALLOW_DEVELOPMENT_KEY").asText()).isEqualTo("${CRAMPWATCH_ALLOW_DEVELOPMENT_KEY:-false}");
        assertThat(env.path("CRAMPWATCH_DASHBOARD_TRUST_FORWARDED_AUTHORIZATION").asText()).endsWith(":-false}");
        assertThat(properties("clinic-dashboard")).contains("crampwatch.security.allow-development-key=${CRAMPWATCH_ALLOW_DEVELOPMENT_KEY:false}");
    }

    @Test
    void databasesAgreeWithTheServices() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String service : List.of("episode-service", "advice-service", "notification-service")) {
            Matcher db = Pattern.compile("jdbc:postgresql://[^/]+/(\\w+)}").matcher(properties(service));
            assertThat(db.find()).as(service + " database").isTrue();
            used.add(db.group(1));
        }
        Set<String> created = new TreeSet<>();
        Matcher create = Pattern.compile("CREATE DATABASE (\\w+);").matcher(Files.readString(ROOT.resolve("infra/postgres/init-databases.sql")));
        while (create.find()) {
            created.add(create.group(1));
        }
        assertThat(created).isEqualTo(used);
        assertThat(Files.readString(ROOT.resolve("bin/infra"))).contains("DATABASES=(" + String.join(" ", List.of("episodes", "advice", "notifications")) + ")");
        assertThat(used).containsExactlyInAnyOrder("episodes", "advice", "notifications");
        String volumes = compose().path("services").path("postgres").path("volumes").toString();
        assertThat(volumes).contains("./infra/postgres/init-databases.sql:/docker-entrypoint-initdb.d/");
    }

    @Test
    void topicsAgreeWithTheServices() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String service : List.of("episode-service", "advice-service", "notification-service")) {
            Matcher topic = Pattern.compile("(?m)^[^#%]*topic=(\\S+)$").matcher(properties(service));
            while (topic.find()) {
                // "${CRAMPWATCH_ESCALATIONS_TOPIC:cramp-escalations}.dlq" means cramp-escalations.dlq by default.
                used.add(topic.group(1).replaceAll("\\$\\{[A-Z_]+:([^}]*)}", "$1"));
            }
        }
        assertThat(used).containsExactlyInAnyOrder("cramp-episodes", "cramp-episodes.dlq", "cramp-escalations", "cramp-escalations.dlq",
                "cramp-deliveries", "cramp-deliveries.dlq");
        String command = compose().path("services").path("kafka-topics").path("command").toString();
        for (String t : used) {
            assertThat(command).contains(t);
        }
        assertThat(Files.readString(ROOT.resolve("bin/infra"))).contains("TOPICS=(" + String.join(" ",
                List.of("cramp-episodes", "cramp-episodes.dlq", "cramp-escalations", "cramp-escalations.dlq", "cramp-deliveries",
                        "cramp-deliveries.dlq")) + ")");
    }
}
