package crampwatch.notification;

import crampwatch.testsupport.TestRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crampwatch.testsupport.KafkaTopic;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database refuses the consumer's writes for longer than the channel's unprocessed-record limit
 * (shortened to 5 s here), the way a primary that went read-only (25006), statement timeouts (57014)
 * and a transaction that outlives its timeout do. A trigger on this test's own schema
 * ({@code notification_test.processed_event}) makes PostgreSQL answer with exactly those errors while
 * the fault is switched on. The well-formed event must wait and then be processed; nothing may reach
 * the dead-letter topic; and the channel must still consume afterwards.
 */
@QuarkusTest
@TestProfile(DatabaseFaultTest.ShortLimits.class)
@WithTestResource(GreenMailResource.class)
class DatabaseFaultTest {

    public static class ShortLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.incoming.escalations.throttled.unprocessed-record-max-age.ms", "5000",
                    "quarkus.transaction-manager.default-transaction-timeout", "3s");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void installFaultSwitch() {
        DeliveryRows.update(dataSource, "CREATE TABLE IF NOT EXISTS test_db_fault (mode text NOT NULL)");
        DeliveryRows.update(dataSource, "DELETE FROM test_db_fault");
        DeliveryRows.update(dataSource, """
                CREATE OR REPLACE FUNCTION test_db_fault_raise() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE m text;
                BEGIN
                    SELECT mode INTO m FROM test_db_fault LIMIT 1;
                    IF m = 'SLOW' THEN
                        PERFORM pg_sleep(5);
                    ELSIF m = '25006' THEN
                        RAISE EXCEPTION 'cannot execute INSERT in a read-only transaction' USING ERRCODE = '25006';
                    ELSIF m = '57014' THEN
                        RAISE EXCEPTION 'canceling statement due to statement timeout' USING ERRCODE = '57014';
                    END IF;
                    RETURN NEW;
                END $$""");
        DeliveryRows.update(dataSource, "DROP TRIGGER IF EXISTS test_db_fault ON processed_event");
        DeliveryRows.update(dataSource, "CREATE TRIGGER test_db_fault BEFORE INSERT ON processed_event "
                + "FOR EACH ROW EXECUTE FUNCTION test_db_fault_raise()");
    }

    @AfterEach
    void removeFaultSwitch() {
        DeliveryRows.update(dataSource, "DROP TRIGGER IF EXISTS test_db_fault ON processed_event");
        DeliveryRows.update(dataSource, "DROP TABLE IF EXISTS test_db_fault");
    }

    void fault(String mode) {
        DeliveryRows.update(dataSource, "DELETE FROM test_db_fault");
        if (mode != null) {
            DeliveryRows.update(dataSource, "INSERT INTO test_db_fault (mode) VALUES (?)", mode);
        }
    }

    @Test
    void aWellFormedEventWaitsOutADatabaseFaultLongerThanTheChannelLimitAndIsNeverDeadLettered() {
        String patientId = "p-" + UUID.randomUUID();
        String clinician = "doctor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Api.putContacts(patientId, null, null, clinician, "URGENT");
        UUID during = UUID.randomUUID();
        UUID after = UUID.randomUUID();

        try (KafkaTopic dlq = KafkaTopic.fromNow(TestRun.topic("cramp-escalations-notification-test") + ".dlq")) {
            fault("25006");
            Instant start = Instant.now();
            Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, during));
            // Read-only primary, then statement timeouts, then transactions that outlive their timeout:
            // 18 s of refusals, more than three times the 5 s unprocessed-record limit.
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20))
                    .until(() -> DeliveryRows.forEscalation(dataSource, during).isEmpty());
            fault("57014");
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20))
                    .until(() -> DeliveryRows.forEscalation(dataSource, during).isEmpty());
            fault("SLOW");
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20))
                    .until(() -> DeliveryRows.forEscalation(dataSource, during).isEmpty());
            assertThat(Duration.between(start, Instant.now())).isGreaterThan(Duration.ofSeconds(15));
            fault(null);

            await().atMost(Duration.ofSeconds(60)).until(() -> DeliveryRows.forEscalation(dataSource, during).stream()
                    .anyMatch(r -> r.status().equals("SENT")));
            // The channel still consumes: a new event after the outage is processed too.
            Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, after));
            await().atMost(Duration.ofSeconds(60)).until(() -> DeliveryRows.forEscalation(dataSource, after).stream()
                    .anyMatch(r -> r.status().equals("SENT")));
            assertThat(Mailbox.to(clinician)).hasSize(2);
            assertThat(dlq.poll(Duration.ofSeconds(2))).filteredOn(KafkaTopic.keyed(patientId)).isEmpty();
        }
        RestAssured.given().get("/q/health/live").then().statusCode(200);
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
    }
}
