package crampwatch.advice.messaging;

import crampwatch.testsupport.TestRun;
import static crampwatch.advice.EpisodeEvents.episode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crampwatch.advice.AdviceDb;
import crampwatch.advice.PrivatePostgres;
import crampwatch.common.events.EventSchemas;
import crampwatch.testsupport.EventAssert;
import crampwatch.testsupport.KafkaTopic;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import jakarta.inject.Inject;
import crampwatch.advice.EpisodeEvents;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The database fails while a good record waits (it stops; it turns read-only as a primary does during a
 * failover; its statements, or the whole transaction, time out behind a lock): the record must not go to the DLQ; once the fault is
 * over it is processed and its escalation published. Runs against a private PostgreSQL server this test
 * starts, stops and reconfigures (never the shared one).
 */
@QuarkusTest
@QuarkusTestResource(value = PrivatePostgres.class, restrictToAnnotatedClass = true)
@TestProfile(DatabaseOutageTest.ShortTransactions.class)
class DatabaseOutageTest {

    /** Transactions time out after 2 s here, so a fault that lasts 10 s times out several of them. */
    public static class ShortTransactions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.transaction-manager.default-transaction-timeout", "2s");
        }
    }

    static final Duration WAIT = Duration.ofSeconds(90);
    /** How long each fault lasts: many retries of the record, with backoff. */
    static final Duration FAULT = Duration.ofSeconds(10);

    @Inject
    AdviceDb db;

    @Test
    void aGoodRecordWaitsForTheDatabaseInsteadOfGoingToTheDeadLetterTopic() {
        Assumptions.assumeTrue(PrivatePostgres.current() != null, "PostgreSQL server binaries are not available here");
        String patient = "p-" + UUID.randomUUID();
        try (KafkaTopic dlq = KafkaTopic.fromNow(TestRun.topic("cramp-episodes-advice-test") + ".dlq");
             KafkaTopic escalations = KafkaTopic.fromNow(TestRun.topic("cramp-escalations-advice-test"))) {
            // The consumer is attached and working.
            KafkaTopic.send(TestRun.topic("cramp-episodes-advice-test"), patient, episode().logged(patient));
            await().atMost(WAIT).until(() -> db.episodes(patient) == 1);

            PrivatePostgres.current().stopServer();
            KafkaTopic.send(TestRun.topic("cramp-episodes-advice-test"), patient, episode().lasting(1500).logged(patient));
            // Long enough for several retries.
            dlq.assertStays(r -> patient.equals(r.key()), 0, Duration.ofSeconds(6));

            PrivatePostgres.current().startServer();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> db.escalations(patient).size() == 1);
            assertThat(db.escalations(patient).get(0)).containsEntry("rule", "LONG_CRAMP");
            var raised = escalations.awaitRecords(r -> patient.equals(r.key()), 1, WAIT);
            EventAssert.assertValid(EventSchemas.ESCALATION_EVENT, raised.get(0).value());
            dlq.assertStays(r -> patient.equals(r.key()), 0, Duration.ofSeconds(1));
        }
    }

    @Test
    void aReadOnlyPrimaryDelaysAGoodRecordInsteadOfDeadLetteringIt() throws SQLException {
        Assumptions.assumeTrue(PrivatePostgres.current() != null, "PostgreSQL server binaries are not available here");
        String patient = "p-" + UUID.randomUUID();
        EpisodeEvents.Ep ep = episode().lasting(1500);
        try (KafkaTopic dlq = KafkaTopic.fromNow(TestRun.topic("cramp-episodes-advice-test") + ".dlq"); Connection admin = adminSession()) {
            consumerIsAttached(patient);
            setForEverySession(admin, "default_transaction_read_only", "on");
            try {
                await().atMost(WAIT).until(() -> "on".equals(newSessionSetting("default_transaction_read_only")));
                KafkaTopic.send(TestRun.topic("cramp-episodes-advice-test"), patient, ep.logged(patient));
                faultLasts(admin, dlq, patient, ep);
            } finally {
                resetForEverySession(admin, "default_transaction_read_only");
            }
            processedAndNotDeadLettered(dlq, patient);
        }
    }

    @Test
    void transactionTimeoutsDelayAGoodRecordInsteadOfDeadLetteringIt() throws SQLException {
        Assumptions.assumeTrue(PrivatePostgres.current() != null, "PostgreSQL server binaries are not available here");
        String patient = "p-" + UUID.randomUUID();
        EpisodeEvents.Ep ep = episode().lasting(1500);
        try (KafkaTopic dlq = KafkaTopic.fromNow(TestRun.topic("cramp-episodes-advice-test") + ".dlq"); Connection admin = adminSession()) {
            consumerIsAttached(patient);
            // This session holds the episode table; every insert into it waits past the transaction timeout.
            admin.setAutoCommit(false);
            try (Statement st = admin.createStatement()) {
                st.execute("LOCK TABLE episode IN ACCESS EXCLUSIVE MODE");
            }
            try {
                KafkaTopic.send(TestRun.topic("cramp-episodes-advice-test"), patient, ep.logged(patient));
                faultLasts(admin, dlq, patient, ep);
            } finally {
                admin.rollback();
                admin.setAutoCommit(true);
            }
            processedAndNotDeadLettered(dlq, patient);
        }
    }

    @Test
    void statementTimeoutsDelayAGoodRecordInsteadOfDeadLetteringIt() throws SQLException {
        Assumptions.assumeTrue(PrivatePostgres.current() != null, "PostgreSQL server binaries are not available here");
        String patient = "p-" + UUID.randomUUID();
        EpisodeEvents.Ep ep = episode().lasting(1500);
        try (KafkaTopic dlq = KafkaTopic.fromNow(TestRun.topic("cramp-episodes-advice-test") + ".dlq"); Connection admin = adminSession()) {
            consumerIsAttached(patient);
            setForEverySession(admin, "statement_timeout", "'300ms'");
            try {
                await().atMost(WAIT).until(() -> "300ms".equals(newSessionSetting("statement_timeout")));
                // This session holds the episode table; every insert into it waits, and times out (57014).
                admin.setAutoCommit(false);
                try (Statement st = admin.createStatement()) {
                    st.execute("LOCK TABLE episode IN ACCESS EXCLUSIVE MODE");
                }
                try {
                    KafkaTopic.send(TestRun.topic("cramp-episodes-advice-test"), patient, ep.logged(patient));
                    faultLasts(admin, dlq, patient, ep);
                } finally {
                    admin.rollback();
                    admin.setAutoCommit(true);
                }
            } finally {
                resetForEverySession(admin, "statement_timeout");
            }
            processedAndNotDeadLettered(dlq, patient);
        }
    }

    private void consumerIsAttached(String patient) {
        KafkaTopic.send(TestRun.topic("cramp-episodes-advice-test"), patient, episode().logged(patient));
        await().atMost(WAIT).until(() -> db.episodes(patient) == 1);
    }

    /** For {@link #FAULT}: the record is neither stored nor dead-lettered (checked through the test's own session). */
    private static void faultLasts(Connection admin, KafkaTopic dlq, String patient, EpisodeEvents.Ep ep) {
        await().during(FAULT).atMost(FAULT.plusSeconds(10)).until(() -> !stored(admin, ep.id)
                && dlq.poll(Duration.ZERO).stream().noneMatch(r -> patient.equals(r.key())));
    }

    private void processedAndNotDeadLettered(KafkaTopic dlq, String patient) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> db.escalations(patient).size() == 1);
        assertThat(db.escalations(patient).get(0)).containsEntry("rule", "LONG_CRAMP");
        assertThat(db.episodes(patient)).isEqualTo(2);
        dlq.assertStays(r -> patient.equals(r.key()), 0, Duration.ofSeconds(2));
    }

    private static Connection adminSession() throws SQLException {
        Connection c = DriverManager.getConnection(PrivatePostgres.current().jdbcUrl(), "postgres", "");
        try (Statement st = c.createStatement()) {
            // This session stays writable and patient whatever the server-wide settings say.
            st.execute("SET default_transaction_read_only = off");
            st.execute("SET statement_timeout = 0");
        }
        return c;
    }

    private static void setForEverySession(Connection admin, String setting, String value) throws SQLException {
        try (Statement st = admin.createStatement()) {
            st.execute("ALTER SYSTEM SET " + setting + " = " + value);
            st.execute("SELECT pg_reload_conf()");
        }
    }

    private static void resetForEverySession(Connection admin, String setting) throws SQLException {
        try (Statement st = admin.createStatement()) {
            st.execute("ALTER SYSTEM RESET " + setting);
            st.execute("SELECT pg_reload_conf()");
        }
    }

    private static String newSessionSetting(String setting) throws SQLException {
        try (Connection c = DriverManager.getConnection(PrivatePostgres.current().jdbcUrl(), "postgres", "");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean stored(Connection admin, UUID episodeId) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("SELECT count(*) FROM episode WHERE id = ?")) {
            ps.setObject(1, episodeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
