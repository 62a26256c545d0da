package crampwatch.advice;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private, throw-away PostgreSQL server for tests that need a database outage (the shared one is
 * never stopped). Needs the server binaries ({@code initdb}, {@code pg_ctl}) on the PATH or in
 * {@code /usr/lib/postgresql/<version>/bin}; as root they run as the {@code postgres} user.
 * {@link #available()} tells a test whether it can run here.
 */
public class PrivatePostgres implements QuarkusTestResourceLifecycleManager {

    static volatile PrivatePostgres current;

    private Path dataDir;
    private int port;

    public static PrivatePostgres current() {
        return current;
    }

    public static boolean available() {
        return binary("initdb") != null && binary("pg_ctl") != null;
    }

    @Override
    public Map<String, String> start() {
        if (!available()) {
            // The test using this resource skips itself; point the service at the shared database meanwhile.
            return Map.of();
        }
        try {
            port = freePort();
            dataDir = Path.of(System.getProperty("java.io.tmpdir"), "advice-pg-" + port + "-" + System.nanoTime());
            run(List.of(binary("initdb"), "-D", dataDir.toString(), "-A", "trust", "-U", "postgres", "--no-sync"), 120);
            startServer();
            current = this;
            return Map.of("quarkus.datasource.jdbc.url", jdbcUrl());
        } catch (Exception e) {
            throw new IllegalStateException("could not start the private PostgreSQL", e);
        }
    }

    /** The service's database on this server (user postgres, trust), for a test's own session. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?currentSchema=" + crampwatch.testsupport.TestRun.schema("advice_test");
    }

    public void startServer() {
        run(List.of(binary("pg_ctl"), "-D", dataDir.toString(), "-w", "-t", "60", "-l", dataDir + ".log",
                "-o", "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), 90);
    }

    public void stopServer() {
        run(List.of(binary("pg_ctl"), "-D", dataDir.toString(), "-w", "-m", "immediate", "stop"), 60);
    }

    @Override
    public void stop() {
        if (dataDir == null) {
            return;
        }
        try {
            stopServer();
        } catch (RuntimeException ignored) {
            // already down
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            new File(dataDir + ".log").delete();
        } catch (IOException ignored) {
            // best effort
        }
        current = null;
    }

    private static void run(List<String> command, int timeoutSeconds) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
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

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
