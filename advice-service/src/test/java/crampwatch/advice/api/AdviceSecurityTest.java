package crampwatch.advice.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import crampwatch.advice.AdviceDb;
import crampwatch.testsupport.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The 401/403 matrix of advice-service's endpoints: who may do what, and that a refusal reveals and changes nothing. */
@QuarkusTest
class AdviceSecurityTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** An endpoint called for a patient; {@code success} is what its rightful caller gets. */
    record Endpoint(String name, int success, String auditAction, BiFunction<RequestSpecification, String, Response> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Endpoint> PATIENT_ENDPOINTS = List.of(
            new Endpoint("GET advice", 200, "advice.read", (r, p) -> r.get("/patients/{p}/advice", p)),
            new Endpoint("GET profile", 200, "profile.read", (r, p) -> r.get("/patients/{p}/profile", p)),
            new Endpoint("PUT profile", 200, "profile.write",
                    (r, p) -> r.contentType(ContentType.JSON).body("{\"pregnant\":true}").put("/patients/{p}/profile", p)));

    /** The clinic's endpoints: clinicians only. */
    static final List<Endpoint> CLINIC_ENDPOINTS = List.of(
            new Endpoint("GET escalations", 200, null, (r, p) -> r.queryParam("patientId", p).get("/escalations")),
            new Endpoint("POST acknowledge", 404, null,
                    (r, p) -> r.contentType(ContentType.JSON).body("{}").post("/escalations/{id}/acknowledge", UUID.randomUUID())));

    static Stream<Endpoint> patientEndpoints() {
        return PATIENT_ENDPOINTS.stream();
    }

    static Stream<Endpoint> clinicEndpoints() {
        return CLINIC_ENDPOINTS.stream();
    }

    /** Every endpoint with every token that must be refused with 401. */
    static Stream<Arguments> badTokens() {
        String owner = "p-owner";
        Stream<Arguments> tokens = Stream.concat(Stream.of(
                        Arguments.of("no token", null),
                        Arguments.of("garbage", "not-a-token")),
                DevTokens.refusedTokens(owner).entrySet().stream().map(t -> Arguments.of(t.getKey(), t.getValue())));
        List<Arguments> all = tokens.toList();
        return Stream.concat(PATIENT_ENDPOINTS.stream(), CLINIC_ENDPOINTS.stream())
                .flatMap(e -> all.stream().map(t -> Arguments.of(e, t.get()[0], t.get()[1])));
    }

    @Inject
    AdviceDb db;

    String owner;

    @BeforeEach
    void owner() {
        owner = "p-" + UUID.randomUUID();
        given().auth().oauth2(DevTokens.patient(owner)).contentType(ContentType.JSON).body("{\"timeZone\":\"Europe/Berlin\"}")
                .put("/patients/{p}/profile", owner).then().statusCode(200);
    }

    @ParameterizedTest(name = "{0}: {1} -> 401")
    @MethodSource("badTokens")
    void withoutAValidTokenIs401(Endpoint endpoint, String what, String token) {
        RequestSpecification request = given();
        if (token != null) {
            request.auth().oauth2(token);
        }
        endpoint.call.apply(request, owner).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        assertProfileUnchanged();
    }

    @ParameterizedTest(name = "{0}: another patient -> 403")
    @MethodSource("patientEndpoints")
    void anotherPatientIs403LearnsNothingAndIsAudited(Endpoint endpoint) {
        String intruder = "p-" + UUID.randomUUID();
        String body = endpoint.call.apply(given().auth().oauth2(DevTokens.patient(intruder)), owner).then().statusCode(403)
                .contentType("application/problem+json").body("detail", not(containsString(owner))).extract().asString();
        assertThat(body).doesNotContain("Europe/Berlin").doesNotContain("timeZone");
        assertProfileUnchanged();
        assertThat(db.rows("SELECT outcome FROM audit_log WHERE actor = ? AND patient_id = ?", intruder, owner))
                .extracting(r -> r.get("outcome")).containsExactly("DENIED");
    }

    @ParameterizedTest(name = "{0}: the patient themself")
    @MethodSource("patientEndpoints")
    void thePatientMayActOnTheirOwnData(Endpoint endpoint) {
        endpoint.call.apply(given().auth().oauth2(DevTokens.patient(owner)), owner).then().statusCode(endpoint.success);
    }

    @ParameterizedTest(name = "{0}: a clinician, audited")
    @MethodSource("patientEndpoints")
    void aClinicianMayActOnAnyPatientAndIsAudited(Endpoint endpoint) {
        String clinician = "dr-" + UUID.randomUUID();
        endpoint.call.apply(given().auth().oauth2(DevTokens.clinician(clinician)), owner).then().statusCode(endpoint.success)
                .body(not(containsString("Exception")));
        assertThat(db.rows("SELECT action, outcome FROM audit_log WHERE actor = ? AND patient_id = ?", clinician, owner))
                .extracting(r -> r.get("action") + ":" + r.get("outcome")).containsExactly(endpoint.auditAction + ":ALLOWED");
    }

    @ParameterizedTest(name = "{0}: a patient -> 403")
    @MethodSource("clinicEndpoints")
    void theClinicsEndpointsRefuseAPatient(Endpoint endpoint) {
        endpoint.call.apply(given().auth().oauth2(DevTokens.patient(owner)), owner).then().statusCode(403)
                .contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0}: a clinician")
    @MethodSource("clinicEndpoints")
    void theClinicsEndpointsServeAClinician(Endpoint endpoint) {
        endpoint.call.apply(given().auth().oauth2(DevTokens.clinician("dr-" + UUID.randomUUID())), owner).then()
                .statusCode(endpoint.success);
    }

    @ParameterizedTest(name = "{0}: a token without a CrampWatch role -> 403")
    @MethodSource({"patientEndpoints", "clinicEndpoints"})
    void aTokenWithoutARoleIs403(Endpoint endpoint) {
        endpoint.call.apply(given().auth().oauth2(DevTokens.mint(owner, "visitor", Duration.ofHours(1))), owner).then()
                .statusCode(403);
        assertProfileUnchanged();
    }

    private void assertProfileUnchanged() {
        assertThat(db.rows("SELECT pregnant FROM patient_profile WHERE patient_id = ?", owner))
                .extracting(r -> r.get("pregnant")).containsExactly(false);
    }
}
