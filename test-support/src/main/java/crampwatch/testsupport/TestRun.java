package crampwatch.testsupport;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * This test JVM's run: the suffix of every schema, topic and consumer group its tests own, so that two
 * test runs, or a test run and a running stack, never share one (issue 11 F11). {@link TestRunSession}
 * sets it as the system property {@value #PROPERTY} before Quarkus boots; the services' {@code %test}
 * configuration names its schema and topics with {@code ${crampwatch.test-run}}.
 */
public final class TestRun {

    public static final String PROPERTY = "crampwatch.test-run";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestRun() {
    }

    /** This JVM's run id: lower-case letters and digits, the start time first (base 36 milliseconds). */
    public static synchronized String id() {
        String id = System.getProperty(PROPERTY);
        if (id == null || id.isBlank()) {
            id = Long.toString(System.currentTimeMillis(), 36) + Integer.toString(RANDOM.nextInt(36 * 36 * 36), 36);
            System.setProperty(PROPERTY, id);
        }
        return id;
    }

    /** The test topic of this run: {@code base-ID} (its dead-letter topic is that plus {@code .dlq}). */
    public static String topic(String base) {
        return base + "-" + id();
    }

    /** The test schema of this run: {@code base_ID}. */
    public static String schema(String base) {
        return base + "_" + id();
    }

    /** When the run with this id started, if the id is one {@link #id()} made. */
    static Optional<Instant> startOf(String runId) {
        if (runId.length() < 9) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(runId.substring(0, runId.length() - 3), 36)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A run started longer ago than this is over (a killed JVM could not clean up after itself). */
    static final Duration STALE = Duration.ofHours(6);
}
