package crampwatch.advice.api;

import crampwatch.testsupport.TestRun;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import crampwatch.advice.AdviceDb;
import crampwatch.testsupport.DevTokens;
import crampwatch.testsupport.KafkaTopic;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** What the advice-service API tests share: a fresh patient and clinician per test, their tokens, episodes sent to Kafka. */
abstract class AdviceApiTestBase {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AdviceDb db;

    String patient;
    String clinician;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void newPeople() {
        patient = "p-" + UUID.randomUUID();
        clinician = "c-" + UUID.randomUUID();
    }

    RequestSpecification asPatient() {
        return given().auth().oauth2(DevTokens.patient(patient));
    }

    RequestSpecification asClinician() {
        return given().auth().oauth2(DevTokens.clinician(clinician));
    }

    void send(String... events) {
        KafkaTopic.send(TestRun.topic("cramp-episodes-advice-test"), patient, events);
    }

    void awaitEscalations(int n) {
        await().atMost(WAIT).until(() -> db.escalations(patient).size() >= n);
    }
}
