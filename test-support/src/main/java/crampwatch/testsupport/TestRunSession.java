package crampwatch.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives every test JVM its own run id ({@link TestRun}) before any test (and so before Quarkus) starts,
 * and when the JVM's tests are done drops what the run owned: its schemas in the three service
 * databases and its topics. Runs older than {@link TestRun#STALE} that a killed JVM left behind are
 * dropped too. Cleaning is best effort: a database or broker that is not there is skipped.
 * Registered through {@code META-INF/services}, so every module that tests with test-support gets it.
 */
public class TestRunSession implements LauncherSessionListener {

    static final List<String> DATABASES = List.of("episodes", "advice", "notifications");
    /** {@code <service>_test_<run>} schemas and {@code <topic>-test-<run>[.dlq]} topics. */
    static final Pattern SCHEMA = Pattern.compile("[a-z]+_test_([0-9a-z]{9,})");
    static final Pattern TOPIC = Pattern.compile("cramp-[a-z]+-[a-z0-9]+(?:-test)?-([0-9a-z]{9,})(\\.dlq(?:\\.replayed)?)?");
    /** The end-to-end tests' and benchmarks' databases ({@link Services#DATABASES}). */
    static final Pattern DATABASE = Pattern.compile("(?:episodes|advice|notifications)_e2e_([0-9a-z]{9,})");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String id = TestRun.id();
        // PostgreSQL and Kafka: bin/infra's, or this JVM's containers (CRAMPWATCH_INFRA, issue 14).
        Infrastructure.start();
        Instant now = Instant.now();
        purge(run -> TestRun.startOf(run).map(start -> start.isBefore(now.minus(TestRun.STALE))).orElse(false)
                && !run.equals(id));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        String id = TestRun.id();
        try {
            purge(id::equals);
        } finally {
            Infrastructure.stop();
        }
    }

    /** Drops what the run {@code runId} owned (for programs that use {@link Services} outside JUnit). */
    public static void cleanUp(String runId) {
        purge(runId::equals);
    }

    static void purge(Predicate<String> runs) {
        dropSchemas(runs);
        dropDatabases(runs);
        deleteTopics(runs);
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + Infrastructure.pgHost() + ":" + Infrastructure.pgPort() + "/" + database
                + "?connectTimeout=3&socketTimeout=60", Infrastructure.pgUser(), "");
    }

    private static void dropDatabases(Predicate<String> runs) {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            List<String> drop = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '%\\_e2e\\_%'")) {
                while (rs.next()) {
                    Matcher m = DATABASE.matcher(rs.getString(1));
                    if (m.matches() && runs.test(m.group(1))) {
                        drop.add(rs.getString(1));
                    }
                }
            }
            for (String database : drop) {
                st.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            }
        } catch (SQLException e) {
            // no server: nothing of ours to drop
        }
    }

    private static void dropSchemas(Predicate<String> runs) {
        for (String database : DATABASES) {
            try (Connection c = connect(database); Statement st = c.createStatement()) {
                List<String> drop = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE '%\\_test\\_%'")) {
                    while (rs.next()) {
                        Matcher m = SCHEMA.matcher(rs.getString(1));
                        if (m.matches() && runs.test(m.group(1))) {
                            drop.add(rs.getString(1));
                        }
                    }
                }
                for (String schema : drop) {
                    st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
                }
            } catch (SQLException e) {
                // no such database or no server: nothing of ours to drop there
            }
        }
    }

    private static void deleteTopics(Predicate<String> runs) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopic.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000"))) {
            Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<String> ours = names.stream().filter(name -> {
                Matcher m = TOPIC.matcher(name);
                return m.matches() && runs.test(m.group(1));
            }).toList();
            if (!ours.isEmpty()) {
                admin.deleteTopics(ours).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // no broker, or it did not answer in time: the topics stay until a later run finds them stale
        }
    }
}
