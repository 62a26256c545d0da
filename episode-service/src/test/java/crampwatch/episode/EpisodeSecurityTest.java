package crampwatch.episode;

import static crampwatch.episode.Episodes.body;
import static crampwatch.episode.Episodes.newPatient;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import crampwatch.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The 401/403 matrix for every endpoint: who may do what, and that a refusal reveals and changes nothing. */
@QuarkusTest
class EpisodeSecurityTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    record Endpoint(String name, int success, BiFunction<RequestSpecification, String[], io.restassured.response.Response> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST episodes", 201, (r, a) -> r.contentType(ContentType.JSON).body(body()).post("/patients/{p}/episodes", a[0])),
            new Endpoint("GET episodes", 200, (r, a) -> r.get("/patients/{p}/episodes", a[0])),
            new Endpoint("GET summary", 200, (r, a) -> r.get("/patients/{p}/episodes/summary", a[0])),
            new Endpoint("GET episode", 200, (r, a) -> r.get("/patients/{p}/episodes/{id}", a[0], a[1])),
            new Endpoint("DELETE episode", 204, (r, a) -> r.delete("/patients/{p}/episodes/{id}", a[0], a[1])));

    static Stream<Endpoint> endpoints() {
        return ENDPOINTS.stream();
    }

    static Stream<Arguments> badTokens() throws Exception {
        var foreign = KeyPairGenerator.getInstance("RSA");
        foreign.initialize(2048);
        String owner = "p-owner";
        String foreignKeyToken = DevTokens.sign(foreign.generateKeyPair().getPrivate(), owner, "patient", Duration.ofHours(1),
                "crampwatch");
        // Signed with the right key but not meant for us: expired, wrong issuer, wrong or no audience, older than the
        // maximum age, no iat, iat in the future.
        java.util.Map<String, String> refused = DevTokens.refusedTokens(owner);
        return ENDPOINTS.stream().flatMap(e -> Stream.concat(Stream.of(
                Arguments.of(e, "no token", null),
                Arguments.of(e, "garbage", "not.a.jwt"),
                Arguments.of(e, "expired (iat after exp)", DevTokens.mint(owner, "patient", Duration.ofHours(-1))),
                Arguments.of(e, "foreign key", foreignKeyToken)),
                refused.entrySet().stream().map(t -> Arguments.of(e, t.getKey(), t.getValue()))));
    }

    @Inject
    Db db;

    String owner;
    String episodeId;

    @BeforeEach
    void ownerWithOneEpisode() {
        owner = newPatient();
        episodeId = Episodes.create(owner, body());
    }

    @ParameterizedTest(name = "{0}: {1} -> 401")
    @MethodSource("badTokens")
    void withoutAValidTokenIs401(Endpoint endpoint, String what, String token) {
        RequestSpecification request = given();
        if (token != null) {
            request.auth().oauth2(token);
        }
        endpoint.call.apply(request, new String[] {owner, episodeId}).then()
                .statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        assertThat(db.episodes(owner)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}: another patient -> 403")
    @MethodSource("endpoints")
    void anotherPatientIs403AndLearnsNothing(Endpoint endpoint) {
        String intruder = newPatient();
        String body = endpoint.call.apply(given().auth().oauth2(DevTokens.patient(intruder)), new String[] {owner, episodeId})
                .then().statusCode(403).contentType("application/problem+json").extract().asString();
        assertThat(body).doesNotContain("CALF").doesNotContain("woke at 2").doesNotContain("durationSeconds");
        // Same answer whether or not the episode exists.
        endpoint.call.apply(given().auth().oauth2(DevTokens.patient(intruder)), new String[] {owner, UUID.randomUUID().toString()})
                .then().statusCode(403);
        assertThat(db.episodes(owner)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE actor = ? AND patient_id = ? AND outcome = 'DENIED'",
                intruder, owner)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}: the patient themself")
    @MethodSource("endpoints")
    void thePatientMayActOnTheirOwnData(Endpoint endpoint) {
        endpoint.call.apply(given().auth().oauth2(DevTokens.patient(owner)), new String[] {owner, episodeId})
                .then().statusCode(endpoint.success);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE patient_id = ?", owner)).isZero();
    }

    @ParameterizedTest(name = "{0}: a clinician, audited")
    @MethodSource("endpoints")
    void aClinicianMayActOnAnyPatientAndIsAudited(Endpoint endpoint) {
        String clinician = "dr-" + UUID.randomUUID();
        endpoint.call.apply(given().auth().oauth2(DevTokens.clinician(clinician)), new String[] {owner, episodeId})
                .then().statusCode(endpoint.success).body(not(containsString("Exception")));
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE actor = ? AND patient_id = ? AND outcome = 'ALLOWED' "
                + "AND action LIKE 'episode.%' AND at > now() - interval '1 minute'", clinician, owner)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}: a token without a CrampWatch role -> 403")
    @MethodSource("endpoints")
    void aTokenWithoutARoleIs403(Endpoint endpoint) {
        endpoint.call.apply(given().auth().oauth2(DevTokens.mint(owner, "visitor", Duration.ofHours(1))),
                new String[] {owner, episodeId}).then().statusCode(403);
        assertThat(db.episodes(owner)).isEqualTo(1);
    }

    @Inject
    crampwatch.common.security.VerifiedTokenCache verifiedTokens;

    @org.junit.jupiter.api.Test
    void aVerifiedTokenIsReusedUntilItsExpiryAndNoLonger() {
        // Expiry has whole-second resolution: this token is good for 2-3 s.
        String token = DevTokens.mint(owner, "patient", Duration.ofSeconds(3));
        given().auth().oauth2(token).get("/patients/{p}/episodes", owner).then().statusCode(200);
        assertThat(verifiedTokens.holds(token)).as("the verified token is held by the cache in use").isTrue();
        given().auth().oauth2(token).get("/patients/{p}/episodes", owner).then().statusCode(200);

        // Past its exp the cache no longer vouches for it: the next request goes through smallrye-jwt's full
        // check again (which allows mp.jwt.verify.clock.skew, 60 s by default; the "expired" case above is
        // an hour old and refused).
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> !verifiedTokens.holds(token));
    }
}
