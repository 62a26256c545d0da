package crampwatch.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /notifications: the delivery log, clinicians only, paginated and filtered. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class NotificationsResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** Log rows in final states (the sender never touches them), created a second apart. */
    List<UUID> seed(String patientId, String... statuses) {
        List<UUID> ids = new ArrayList<>();
        Instant base = Instant.now().minusSeconds(600);
        for (int i = 0; i < statuses.length; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            OffsetDateTime at = OffsetDateTime.ofInstant(base.plusSeconds(i), ZoneOffset.UTC);
            boolean none = statuses[i].equals("NO_RECIPIENT");
            DeliveryRows.update(dataSource, """
                    INSERT INTO delivery (id, escalation_id, event_id, patient_id, recipient, audience, level, rule, reason, raised_at,
                                          status, attempts, last_error, not_before, created_at, updated_at, sent_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'URGENT', 'LONG_CRAMP', 'A cramp lasted 11 min.', ?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, UUID.randomUUID(), UUID.randomUUID(), patientId, none ? null : "r" + i + "@example.org",
                    none ? null : "CLINICIAN", at, statuses[i], statuses[i].equals("FAILED") ? 3 : 1,
                    statuses[i].equals("FAILED") ? "attempt 3: ConnectException: Connection refused" : null, at, at, at,
                    statuses[i].equals("SENT") ? at : null);
        }
        return ids;
    }

    @Test
    void clinicianPagesThroughOnePatientsLogNewestFirst() {
        String patientId = "p-" + UUID.randomUUID();
        List<UUID> ids = seed(patientId, "SENT", "FAILED", "NO_RECIPIENT");

        JsonPath first = Api.asClinician().queryParam("patientId", patientId).queryParam("limit", 2).get("/notifications")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.id")).containsExactly(ids.get(2).toString(), ids.get(1).toString());
        assertThat(first.getString("items[1].lastError")).isEqualTo("attempt 3: ConnectException: Connection refused");
        assertThat(first.getInt("items[1].attempts")).isEqualTo(3);
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotBlank();

        JsonPath second = Api.asClinician().queryParam("patientId", patientId).queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/notifications").then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.id")).containsExactly(ids.get(0).toString());
        assertThat(second.getString("items[0].status")).isEqualTo("SENT");
        assertThat(second.getString("items[0].sentAt")).isNotNull();
        assertThat(second.getString("nextCursor")).isNull();

        Api.asClinician().queryParam("patientId", patientId).queryParam("status", "FAILED").get("/notifications")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].id", equalTo(ids.get(1).toString()));
    }

    @Test
    void onlyCliniciansMayReadTheLog() {
        String patientId = "p-" + UUID.randomUUID();
        given().get("/notifications").then().statusCode(401).contentType("application/problem+json");
        Api.asPatient(patientId).queryParam("patientId", patientId).get("/notifications").then().statusCode(403)
                .contentType("application/problem+json");
        Api.asClinician().get("/notifications").then().statusCode(200);
    }

    @Test
    void badParametersAre400sNamingTheParameter() {
        Api.asClinician().queryParam("status", "LOST").get("/notifications").then().statusCode(400)
                .body("errors.field", hasItem("status"));
        Api.asClinician().queryParam("limit", 0).get("/notifications").then().statusCode(400).body("errors.field", hasItem("limit"));
        Api.asClinician().queryParam("limit", 201).get("/notifications").then().statusCode(400).body("errors.field", hasItem("limit"));
        Api.asClinician().queryParam("cursor", "garbage!").get("/notifications").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
        Api.asClinician().queryParam("patientId", "no spaces allowed").get("/notifications").then().statusCode(400)
                .body("errors.field", hasItem("patientId"));
    }
}
