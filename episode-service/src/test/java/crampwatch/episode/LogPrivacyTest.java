package crampwatch.episode;

import static crampwatch.episode.Episodes.body;
import static crampwatch.episode.Episodes.newPatient;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * Logs carry ids, never notes: the database refuses an episode whose notes carry a marker (its error
 * names the failing row, notes included), and no log record of this service, message, parameters or
 * exception chain, may contain the marker.
 */
@QuarkusTest
class LogPrivacyTest {

    @Inject
    Db db;

    @Test
    void aRefusedInsertLogsNeitherTheNotesNorTheRow() {
        String marker = "NOTES-MARKER-" + UUID.randomUUID();
        String constraint = "log_privacy_" + UUID.randomUUID().toString().substring(0, 8);
        List<String> records = new CopyOnWriteArrayList<>();
        Handler capture = capture(records);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        db.execute("ALTER TABLE episode ADD CONSTRAINT " + constraint + " CHECK (notes IS NULL OR notes NOT LIKE '%NOTES-MARKER-%')");
        try {
            String patient = newPatient();
            String json = body().replace("woke at 2, left calf", "private words " + marker);
            // Both ways an episode is written: the group commit, and a request with an Idempotency-Key.
            int grouped = given().auth().oauth2(DevTokens.patient(patient)).contentType(ContentType.JSON).body(json)
                    .post("/patients/{p}/episodes", patient).then().extract().statusCode();
            int keyed = given().auth().oauth2(DevTokens.patient(patient)).contentType(ContentType.JSON).header("Idempotency-Key", marker)
                    .body(json).post("/patients/{p}/episodes", patient).then().extract().statusCode();
            // Several at once, so the group commit writes (and fails) a batch of more than one.
            List<Integer> concurrent = java.util.stream.IntStream.range(0, 16).parallel().mapToObj(i ->
                    given().auth().oauth2(DevTokens.patient(patient)).contentType(ContentType.JSON).body(json)
                            .post("/patients/{p}/episodes", patient).then().extract().statusCode()).toList();
            assertThat(List.of(grouped, keyed)).as("the database refused both").allMatch(s -> s >= 500);
            assertThat(concurrent).allMatch(s -> s >= 500);
            assertThat(db.episodes(patient)).isZero();
        } finally {
            db.execute("ALTER TABLE episode DROP CONSTRAINT " + constraint);
            root.removeHandler(capture);
        }
        assertThat(records).as("the failures were logged").anyMatch(r -> r.contains("23514") || r.contains("batch"));
        assertThat(records).as("log records naming the notes").noneMatch(r -> r.contains(marker) || r.contains("private words"));
    }

    /** Every record's formatted message, parameters applied, followed by its exception chain. */
    static Handler capture(List<String> records) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder text = new StringBuilder(record instanceof ExtLogRecord ext ? String.valueOf(ext.getFormattedMessage())
                        : String.valueOf(record.getMessage()));
                for (Throwable t = record.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                    text.append(" | ").append(t);
                }
                records.add(text.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Issue 12 §3: a request path carrying {@code %0d%0a} and a fake log line must not become a log line of its own. The
     * request fails (LogForgingProbe, a test-only endpoint: the real ones refuse a malformed id before logging anything)
     * and the service logs its decoded path through {@code Logs.safe}: the record holds no CR or LF, the forged text only
     * behind its escapes. (Production logs are JSON besides, one record a line: DevelopmentKeyRefusalTest reads a real
     * prod start's output.)
     */
    @Test
    void aRequestPathWithCrLfCannotForgeALogLine() {
        String forged = "FORGED-" + UUID.randomUUID();
        List<String> records = new CopyOnWriteArrayList<>();
        Handler capture = capture(records);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String path = "/test-only/log-forging/x%0d%0a07:00:00.000%20INFO%20%20%5Bio.quarkus%5D%20(main)%20" + forged + "%0d%0a";
            given().urlEncodingEnabled(false).get(path).then().statusCode(500).contentType("application/problem+json");
        } finally {
            root.removeHandler(capture);
        }
        assertThat(records).as("the request's path was logged").anyMatch(r -> r.contains(forged));
        assertThat(records).filteredOn(r -> r.contains(forged)).allSatisfy(r -> {
            assertThat(r).doesNotContain("\r").doesNotContain("\n");
            assertThat(r).contains("x\\u000d\\u000a07:00:00.000 INFO  [io.quarkus] (main) " + forged + "\\u000d\\u000a");
        });
    }
}
