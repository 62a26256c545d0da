package crampwatch.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker of a test's own, run through {@code bin/infra} as a named instance on its own
 * ports, so that an outage test can take it down and bring it back without disturbing the shared
 * broker other tests use. Its data lives in {@code .infra/kafka-NAME/}.
 */
public final class Broker {
    private final String name;
    private final int port;
    private final int controllerPort;
    private boolean sharedTopics = true;

    private Broker(String name, int port, int controllerPort) {
        this.name = name;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public static Broker named(String name, int port, int controllerPort) {
        return new Broker(name, port, controllerPort);
    }

    /**
     * A broker of this test run alone: named after the run ({@code NAME-RUN}) on two free ports, so a
     * second test run on the machine never finds it, stops it or reuses its data. The ports are chosen once
     * per JVM and name and kept in a system property: a {@code @QuarkusTest} class is loaded by more than one
     * class loader, and each copy's {@code static final Broker} must be the same broker (otherwise the service
     * is configured with one port and the test starts the broker on another).
     */
    public static synchronized Broker ofThisRun(String name) {
        String key = "crampwatch.test-broker." + name;
        String ports = System.getProperty(key);
        if (ports == null) {
            ports = Ports.free() + "," + Ports.free();
            System.setProperty(key, ports);
        }
        String[] p = ports.split(",");
        return new Broker(name + "-" + TestRun.id(), Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    /** Stops the broker and deletes its data folder. */
    public void destroy() {
        stop();
        Path root = repoRoot();
        if (root != null) {
            deleteTree(root.resolve(".infra/kafka-" + name));
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * {@code bin/infra} does not create the shared topics ({@code cramp-episodes}, …) on this broker: a
     * test that creates its run's topics itself starts (and restarts) the broker without the extra JVMs.
     */
    public Broker withoutSharedTopics() {
        sharedTopics = false;
        return this;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public void start() {
        infra("kafka-start");
    }

    public void stop() {
        infra("kafka-stop");
    }

    /**
     * Kills the broker as a crash would ({@code kill -9}: no controlled shutdown, no flush); {@link #start()}
     * brings it back on the same data. Only the process {@code bin/infra} started for this broker is killed.
     */
    public void kill() {
        Path pidFile = repoRoot().resolve(".infra/kafka-" + name + "/kafka.pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
        } catch (java.io.IOException | NumberFormatException e) {
            throw new IllegalStateException("broker " + name + " has no pid file: was it started?", e);
        }
    }

    public int port() {
        return port;
    }

    private void infra(String command) {
        Path root = repoRoot();
        if (root == null) {
            throw new IllegalStateException("bin/infra not found above " + Path.of("").toAbsolutePath());
        }
        try {
            Files.createDirectories(root.resolve(".infra"));
            ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("bin/infra").toString(), command)
                    .directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(root.resolve(".infra/broker-" + name + ".log").toString())));
            pb.environment().put("CRAMPWATCH_KAFKA_INSTANCE", name);
            pb.environment().put("CRAMPWATCH_KAFKA_PORT", String.valueOf(port));
            pb.environment().put("CRAMPWATCH_KAFKA_CONTROLLER_PORT", String.valueOf(controllerPort));
            if (!sharedTopics) {
                pb.environment().put("CRAMPWATCH_KAFKA_SKIP_TOPICS", "1");
            }
            Process p = pb.start();
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("bin/infra " + command + " for broker " + name
                        + " failed (see .infra/broker-" + name + ".log)");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The repository root: the nearest folder above the working directory that holds {@code bin/infra}. */
    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bin/infra"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
