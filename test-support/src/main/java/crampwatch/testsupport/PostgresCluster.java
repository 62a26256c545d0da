package crampwatch.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private, throw-away PostgreSQL cluster (initdb/pg_ctl, trust auth for {@code postgres}, on a free
 * port) for tests that take the database down or switch it read-only: the shared server is never
 * touched. Needs the server binaries ({@code initdb}, {@code pg_ctl}) on the PATH or in
 * {@code /usr/lib/postgresql/<version>/bin}; as root they run as the {@code postgres} user.
 * {@link #available()} tells a test whether it can run here.
 */
public final class PostgresCluster implements AutoCloseable {

    private final String name;
    private Path dataDir;
    private int port;

    private PostgresCluster(String name) {
        this.name = name;
    }

    public static boolean available() {
        return binary("initdb") != null && binary("pg_ctl") != null;
    }

    /** Creates and starts a new cluster named after {@code name} and this test run, on a free port. */
    public static PostgresCluster create(String name) {
        if (!available()) {
            throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) are not available");
        }
        PostgresCluster cluster = new PostgresCluster(name);
        cluster.port = Ports.free();
        cluster.dataDir = Path.of(System.getProperty("java.io.tmpdir"),
                name + "-pg-" + TestRun.id() + "-" + cluster.port);
        run(List.of(binary("initdb"), "-D", cluster.dataDir.toString(), "-A", "trust", "-U", "postgres", "--no-sync"), 120);
        cluster.start();
        return cluster;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A session of this cluster's superuser (short connect timeout: the cluster may be down). */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database) + "?connectTimeout=5&socketTimeout=30", "postgres", "");
    }

    public void start() {
        run(List.of(binary("pg_ctl"), "-D", dataDir.toString(), "-w", "-t", "60", "-l", dataDir + ".log",
                "-o", "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300",
                "start"), 90);
    }

    /** Stops the server as a crash would ({@code pg_ctl -m immediate}): no checkpoint, sessions cut. */
    public void stopImmediately() {
        run(List.of(binary("pg_ctl"), "-D", dataDir.toString(), "-w", "-m", "immediate", "stop"), 60);
    }

    /**
     * Switches the whole cluster read-only (as a primary demoted for maintenance looks to its clients):
     * {@code default_transaction_read_only=on}, reloaded, and every transaction open in a client session
     * ended by terminating its backend, so no write started before the switch can still commit.
     */
    public void readOnly(boolean on) {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("SET default_transaction_read_only = off");
            st.execute(on ? "ALTER SYSTEM SET default_transaction_read_only = on" : "ALTER SYSTEM RESET default_transaction_read_only");
            st.execute("SELECT pg_reload_conf()");
            if (on) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                        + " AND pid <> pg_backend_pid() AND xact_start IS NOT NULL");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not switch read-only " + (on ? "on" : "off"), e);
        }
    }

    @Override
    public void close() {
        if (dataDir == null) {
            return;
        }
        try {
            stopImmediately();
        } catch (RuntimeException ignored) {
            // already down
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            new File(dataDir + ".log").delete();
        } catch (IOException ignored) {
            // best effort
        }
        dataDir = null;
    }

    @Override
    public String toString() {
        return "PostgreSQL " + name + " on 127.0.0.1:" + port;
    }

    private static void run(List<String> command, int timeoutSeconds) {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String binary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        if (versions != null) {
            for (File v : versions) {
                File f = new File(v, "bin/" + name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }
}
