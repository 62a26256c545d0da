package crampwatch.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * PostgreSQL's own limit for the durable work behind one {@code POST /episodes}: pgbench with a custom
 * script that inserts the same episode row and its outbox row in one transaction, into scratch tables
 * created {@code LIKE} episode-service's {@code episode} and common's {@code outbox_event} (same columns,
 * defaults, constraints and indexes), in the same database the service writes to.
 */
final class PgBench {

    static final String EPISODE_TABLE = "bench_pgbench_episode";
    static final String OUTBOX_TABLE = "bench_pgbench_outbox_event";

    private final String executable;
    private final String host;
    private final String port;
    private final String user;
    private final String database;
    private final Path workDir;

    PgBench(String host, String port, String user, String database, Path workDir) {
        this.executable = find();
        this.host = host;
        this.port = port;
        this.user = user;
        this.database = database;
        this.workDir = workDir;
    }

    /** pgbench on PATH, else the newest /usr/lib/postgresql/N/bin/pgbench. */
    static String find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "pgbench"))) {
                return Path.of(dir, "pgbench").toString();
            }
        }
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> versions = Files.list(lib)) {
                return versions.map(v -> v.resolve("bin/pgbench")).filter(Files::isExecutable)
                        .max(Comparator.comparing(p -> versionOf(p.getParent().getParent().getFileName().toString())))
                        .map(Path::toString)
                        .orElseThrow(() -> new IllegalStateException("pgbench not found (Debian: apt-get install postgresql-contrib or postgresql-client)"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("pgbench not found on PATH nor in /usr/lib/postgresql/*/bin");
    }

    private static int versionOf(String s) {
        try {
            return Integer.parseInt(s.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    String executable() {
        return executable;
    }

    String url() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    void createTables() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), user, ""); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + EPISODE_TABLE + ", " + OUTBOX_TABLE);
            st.execute("CREATE TABLE " + EPISODE_TABLE + " (LIKE episode INCLUDING ALL)");
            st.execute("CREATE TABLE " + OUTBOX_TABLE + " (LIKE outbox_event INCLUDING ALL)");
        }
    }

    void dropTables() {
        try (Connection c = DriverManager.getConnection(url(), user, ""); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + EPISODE_TABLE + ", " + OUTBOX_TABLE);
        } catch (SQLException e) {
            System.err.println("[bench] could not drop the pgbench scratch tables: " + e.getMessage());
        }
    }

    /** The transaction: one episode row and its outbox row (an event payload of the real size and shape). */
    Path script() throws IOException {
        String payload = samplePayload();
        String sql = """
                \\set pain random(0, 8)
                \\set duration random(15, 300)
                \\set patient random(1, 1000)
                BEGIN;
                INSERT INTO %1$s (id, patient_id, started_at, started_offset_seconds, duration_seconds, site, side, pain_score,
                    woke_from_sleep, relieved_by, symptoms, exposures, notes, recorded_at)
                  VALUES (gen_random_uuid(), 'pgb-' || :patient, now() - interval '2 hours', 3600, :duration, 'CALF', 'LEFT', :pain,
                    true, ARRAY['STRETCHING']::text[], ARRAY[]::text[], ARRAY[]::text[], 'Came on after a long day on my feet.', now());
                INSERT INTO %2$s (event_id, topic, msg_key, payload)
                  VALUES (gen_random_uuid(), 'cramp-episodes', 'pgb-' || :patient, E'%3$s');
                END;
                """.formatted(EPISODE_TABLE, OUTBOX_TABLE,
                // pgbench would read ":14" in "02:14:31" as a variable: colons go in as the escape \x3a (same bytes stored).
                payload.replace("\\", "\\\\").replace("'", "''").replace(":", "\\x3a"));
        // pgbench reads one SQL command per line (a command may not span lines): join the continuation lines.
        sql = sql.replaceAll("\n +", " ");
        Path file = workDir.resolve("episode-and-outbox.sql");
        Files.writeString(file, sql, StandardCharsets.UTF_8);
        return file;
    }

    /** An EpisodeLogged event as episode-service writes it to the outbox (same fields and size). */
    static String samplePayload() {
        return "{\"eventId\":\"0b7d5a1e-8f8e-4f7a-9a43-3f7b2d4c1e10\",\"type\":\"EpisodeLogged\",\"schemaVersion\":1,"
                + "\"occurredAt\":\"2026-11-22T02:14:31.123456Z\",\"patientId\":\"p-000123\",\"episode\":{"
                + "\"id\":\"5e0c8f7a-2b1d-4c3e-9f6a-7d8e9f0a1b2c\",\"patientId\":\"p-000123\","
                + "\"startedAt\":\"2026-11-22T02:14:00+01:00\",\"durationSeconds\":90,\"site\":\"CALF\",\"side\":\"LEFT\","
                + "\"painScore\":7,\"wokeFromSleep\":true,\"relievedBy\":[\"STRETCHING\"],\"symptoms\":[],\"exposures\":[],"
                + "\"notes\":\"Came on after a long day on my feet.\",\"recordedAt\":\"2026-11-22T02:14:31.123456Z\"}}";
    }

    record Result(int clients, double tps, long transactions, long failed, Histogram latency) {
        double p(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e6;
        }
    }

    Result run(Path script, int clients, Duration duration) throws IOException, InterruptedException {
        Path logs = Files.createTempDirectory(workDir, "pgbench-" + clients + "-");
        List<String> cmd = List.of(executable, "-h", host, "-p", port, "-U", user, "-n", "-M", "prepared",
                "-f", script.toString(), "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)),
                "-T", String.valueOf(Math.max(1, duration.toSeconds())), "-l", "--log-prefix=" + logs.resolve("tx"), database);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(duration.toSeconds() + 120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + out);
        }
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
        Matcher failed = Pattern.compile("number of failed transactions: (\\d+)").matcher(out);
        Matcher processed = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("unexpected pgbench output:\n" + out);
        }
        Histogram latency = new Histogram(3);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(logs)) {
            s.forEach(files::add);
        }
        for (Path f : files) {
            try (Stream<String> lines = Files.lines(f)) {
                lines.forEach(line -> {
                    String[] cols = line.split(" ");
                    if (cols.length >= 3) {
                        try {
                            latency.recordValue(Long.parseLong(cols[2]) * 1_000L);
                        } catch (NumberFormatException e) {
                            // a "failed"/"skipped" entry: counted by pgbench itself
                        }
                    }
                });
            }
            Files.delete(f);
        }
        Files.delete(logs);
        return new Result(clients, Double.parseDouble(tps.group(1)), processed.find() ? Long.parseLong(processed.group(1)) : 0,
                failed.find() ? Long.parseLong(failed.group(1)) : 0, latency);
    }
}
