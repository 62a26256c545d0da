package crampwatch.advice;

import crampwatch.testsupport.PostgresCluster;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A private, throw-away PostgreSQL server for tests that need a database outage (the shared one is
 * never stopped): test-support's {@link PostgresCluster} as a Quarkus test resource.
 * {@link #available()} tells a test whether it can run here.
 */
public class PrivatePostgres implements QuarkusTestResourceLifecycleManager {

    static volatile PrivatePostgres current;

    private PostgresCluster cluster;

    public static PrivatePostgres current() {
        return current;
    }

    public static boolean available() {
        return PostgresCluster.available();
    }

    @Override
    public Map<String, String> start() {
        if (!available()) {
            // The test using this resource skips itself; point the service at the shared database meanwhile.
            return Map.of();
        }
        cluster = PostgresCluster.create("advice");
        current = this;
        return Map.of("quarkus.datasource.jdbc.url", jdbcUrl());
    }

    /** The service's database on this server (user postgres, trust), for a test's own session. */
    public String jdbcUrl() {
        return cluster.jdbcUrl("postgres") + "?currentSchema=" + crampwatch.testsupport.TestRun.schema("advice_test");
    }

    public void startServer() {
        cluster.start();
    }

    public void stopServer() {
        cluster.stopImmediately();
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
        }
        current = null;
    }
}
