package crampwatch.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import crampwatch.testsupport.DevTokens;
import crampwatch.testsupport.Services;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The three services together, on real PostgreSQL, Kafka and SMTP (GreenMail, in this JVM), through
 * their public HTTP APIs only: from a logged cramp to the emails in the inbox.
 */
@ExtendWith(SharedSystem.class)
class EndToEndTest {

    static GreenMail smtp;
    static Services services;

    @BeforeAll
    static void useTheSharedSystem() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        smtp = SharedSystem.get().smtp;
        services = SharedSystem.get().services;
    }

    // ---------------------------------------------------------------- the stories

    @Test
    void aTwelveMinuteCrampEmailsPatientAndClinicianAndTopsTheWorkList() {
        Patient p = Patient.withContacts("URGENT", "SEE_DOCTOR");
        OffsetDateTime night = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusHours(2).truncatedTo(ChronoUnit.SECONDS);
        p.log(episode(night, 12 * 60, 8, "[]"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(subjectsTo(p.email)).hasSize(1).allMatch(s -> s.startsWith("Urgent"));
            assertThat(subjectsTo(p.clinicianEmail)).hasSize(1).allMatch(s -> s.startsWith("Urgent"));
        });
        // Pain 8 also fired a SEE_DOCTOR rule. One episode, one email per recipient (domain.md): the clinician
        // (SEE_DOCTOR and up) finds both reasons in the one urgent email, never a second "see a doctor" one beside it.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(subjectsTo(p.clinicianEmail)).hasSize(1);
            assertThat(subjectsTo(p.email)).hasSize(1);
        });
        assertThat(bodiesTo(p.clinicianEmail)).singleElement().satisfies(b -> assertThat(b).contains("LONG_CRAMP", "SIGNIFICANT_PAIN"));
        assertThat(bodiesTo(p.email)).noneMatch(b -> b.contains("could not sleep after"));

        JsonPath work = given().auth().oauth2(Patient.CLINICIAN).queryParam("patientId", p.id).queryParam("status", "OPEN")
                .get(Services.url("advice-service") + "/escalations").then().statusCode(200).extract().jsonPath();
        assertThat(work.getList("items.level")).containsExactly("URGENT", "SEE_DOCTOR");
        assertThat(work.getString("items[0].rule")).isEqualTo("LONG_CRAMP");

        given().auth().oauth2(DevTokens.patient(p.id)).get(Services.url("advice-service") + "/patients/" + p.id + "/advice")
                .then().statusCode(200).body("level", org.hamcrest.Matchers.equalTo("URGENT"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(p.deliveries().getList("items.status")).containsOnly("SENT").hasSize(3));
        // notification-service reported the deliveries back: the work list shows both escalations' mail went out.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath shown = given().auth().oauth2(Patient.CLINICIAN).queryParam("patientId", p.id)
                    .get(Services.url("advice-service") + "/escalations").then().statusCode(200).extract().jsonPath();
            assertThat(shown.getList("items.deliveries.state")).containsExactly("SENT", "SENT");
            assertThat(shown.getInt("items[0].deliveries.sent")).isEqualTo(2);
        });
    }

    @Test
    void crampsOverFifteenDaysEmailOnlyTheClinicianWhoWantsSeeDoctor() {
        Patient p = Patient.withContacts("URGENT", "SEE_DOCTOR");
        OffsetDateTime first = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusDays(16).withHour(3).truncatedTo(ChronoUnit.HOURS);
        for (int day = 0; day <= 15; day += 3) {
            p.log(episode(first.plusDays(day), 60, 3, "[]"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(subjectsTo(p.clinicianEmail)).hasSize(1).allMatch(s -> s.startsWith("See a doctor")));
        JsonPath work = given().auth().oauth2(Patient.CLINICIAN).queryParam("patientId", p.id)
                .get(Services.url("advice-service") + "/escalations").then().statusCode(200).extract().jsonPath();
        assertThat(work.getList("items.rule")).containsExactly("PERSISTENT_OVER_TWO_WEEKS");
        // Give any stray email time to arrive before asserting there is none.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(subjectsTo(p.email)).isEmpty();
            assertThat(subjectsTo(p.clinicianEmail)).hasSize(1);
        });
    }

    @Test
    void retractionWithdrawsAndAcknowledgementRecordsWhoAndWhen() {
        Patient p = Patient.withContacts("URGENT", "URGENT");
        OffsetDateTime night = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusHours(5).truncatedTo(ChronoUnit.SECONDS);
        String swollen = p.log(episode(night, 90, 4, "[\"SWELLING\"]"));
        String debilitating = p.log(episode(night.plusMinutes(30), 120, 10, "[]"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(p.escalations().getList("items.rule")).containsExactlyInAnyOrder("DEBILITATING_PAIN", "LEG_CHANGES"));

        given().auth().oauth2(DevTokens.patient(p.id)).delete(Services.url("episode-service") + "/patients/" + p.id + "/episodes/" + swollen)
                .then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath all = p.escalations();
            assertThat(all.getString("items.find { it.rule == 'LEG_CHANGES' }.status")).isEqualTo("WITHDRAWN");
        });

        String urgentId = p.escalations().getString("items.find { it.rule == 'DEBILITATING_PAIN' }.id");
        assertThat(p.escalations().getList("items.find { it.rule == 'DEBILITATING_PAIN' }.episodeIds")).containsExactly(debilitating);
        given().auth().oauth2(Patient.CLINICIAN).contentType(ContentType.JSON).body("{\"note\":\"called, going to A&E\"}")
                .post(Services.url("advice-service") + "/escalations/" + urgentId + "/acknowledge").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ACKNOWLEDGED"))
                .body("acknowledgedBy", org.hamcrest.Matchers.equalTo(Patient.CLINICIAN_ID))
                .body("acknowledgedAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(DevTokens.patient(p.id)).contentType(ContentType.JSON).body("{\"note\":\"me\"}")
                .post(Services.url("advice-service") + "/escalations/" + urgentId + "/acknowledge").then().statusCode(403);
        // The patient was emailed about the urgent escalation only (the SEE_DOCTOR one reached no one who wants it).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(subjectsTo(p.email)).hasSize(1).allMatch(s -> s.startsWith("Urgent")));
    }

    @Test
    void restartingAdviceServiceMidStreamLosesAndDuplicatesNothing() throws Exception {
        Patient p = Patient.withContacts("URGENT", "URGENT");
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(1)).minusDays(3).truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(p.log(episode(start.plusHours(i), 700 + i, 5, "[]")));
        }
        services.crash("advice-service");
        for (int i = 5; i < 10; i++) {
            ids.add(p.log(episode(start.plusHours(i), 700 + i, 5, "[]")));
        }
        services.start("advice-service");
        services.awaitReady("advice-service");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(p.escalations().getList("items.rule")).hasSize(10).containsOnly("LONG_CRAMP");
            assertThat(subjectsTo(p.email)).hasSize(10);
            assertThat(subjectsTo(p.clinicianEmail)).hasSize(10);
        });
        List<Object> evidence = new ArrayList<>();
        p.escalations().getList("items.episodeIds").forEach(list -> evidence.addAll((List<?>) list));
        assertThat(evidence).containsExactlyInAnyOrderElementsOf(ids);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(subjectsTo(p.email)).hasSize(10);
            assertThat(p.escalations().getList("items")).hasSize(10);
        });
    }

    // ---------------------------------------------------------------- helpers

    static String episode(OffsetDateTime startedAt, int seconds, int pain, String symptoms) {
        return """
                {"startedAt":"%s","durationSeconds":%d,"site":"CALF","side":"LEFT","painScore":%d,"wokeFromSleep":false,
                 "relievedBy":["STRETCHING"],"symptoms":%s,"exposures":[],"notes":"could not sleep after"}"""
                .formatted(startedAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), seconds, pain, symptoms);
    }

    static List<String> subjectsTo(String address) {
        return mailsTo(address).stream().map(m -> {
            try {
                return m.getSubject();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static List<String> bodiesTo(String address) {
        return mailsTo(address).stream().map(com.icegreen.greenmail.util.GreenMailUtil::getBody).toList();
    }

    static List<MimeMessage> mailsTo(String address) {
        List<MimeMessage> mails = new ArrayList<>();
        try {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address))) {
                    mails.add(m);
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return mails;
    }

    /** A patient of this test run, with contacts, acting only through the public APIs. */
    record Patient(String id, String email, String clinicianEmail) {
        static final String CLINICIAN_ID = "dr-e2e";
        static final String CLINICIAN = DevTokens.clinician(CLINICIAN_ID);

        static Patient withContacts(String patientMinLevel, String clinicianMinLevel) {
            String id = "p-e2e-" + UUID.randomUUID().toString().substring(0, 8);
            Patient p = new Patient(id, id + "@patients.example", "clinic-" + id + "@clinic.example");
            // GreenMail creates mailboxes lazily; concurrent first deliveries to one new address can stall.
            smtp.setUser(p.email, p.email, p.email);
            smtp.setUser(p.clinicianEmail, p.clinicianEmail, p.clinicianEmail);
            given().auth().oauth2(CLINICIAN).contentType(ContentType.JSON)
                    .body(Map.of("patient", Map.of("email", p.email, "minLevel", patientMinLevel),
                            "clinicians", List.of(Map.of("email", p.clinicianEmail, "minLevel", clinicianMinLevel))))
                    .put(Services.url("notification-service") + "/patients/" + id + "/contacts").then().statusCode(200);
            return p;
        }

        String log(String json) {
            return given().auth().oauth2(DevTokens.patient(id)).contentType(ContentType.JSON).body(json)
                    .post(Services.url("episode-service") + "/patients/" + id + "/episodes").then().statusCode(201)
                    .extract().path("id");
        }

        JsonPath escalations() {
            return given().auth().oauth2(CLINICIAN).queryParam("patientId", id).queryParam("limit", 200)
                    .get(Services.url("advice-service") + "/escalations").then().statusCode(200).extract().jsonPath();
        }

        JsonPath deliveries() {
            return given().auth().oauth2(CLINICIAN).queryParam("patientId", id)
                    .get(Services.url("notification-service") + "/notifications").then().statusCode(200).extract().jsonPath();
        }
    }
}
