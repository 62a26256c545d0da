package crampwatch.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The escalation chain in real time, with seconds instead of minutes: step 1 two seconds after the escalation was taken in,
 * then 4 s and 8 s later, three steps in all. Real Kafka, PostgreSQL and SMTP (GreenMail). The tests that decide when a
 * step is due themselves (acknowledgement, withdrawal, racing instances, an instance that died) are
 * {@link EscalationChainHeldTest}.
 */
@QuarkusTest
@TestProfile(EscalationChainTest.Short.class)
@WithTestResource(GreenMailResource.class)
class EscalationChainTest {

    public static class Short implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crampwatch.escalation-chain.first-step", "2s", "crampwatch.escalation-chain.multiplier", "2",
                    "crampwatch.escalation-chain.max-interval", "1h", "crampwatch.escalation-chain.max-steps", "3",
                    "crampwatch.escalation-chain.poll-interval", "500ms");
        }
    }

    static final Duration LONG_WAIT = Duration.ofSeconds(120);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anUnacknowledgedUrgentAlertReachesOnCallAtGrowingIntervalsUntilTheLastStep() {
        String patientId = Events.patientId();
        String patient = Mailbox.newAddress("patient");
        String clinician = Mailbox.newAddress("doctor");
        String onCall = Mailbox.newAddress("oncall");
        Api.putContacts(patientId, patient, "URGENT", clinician, "URGENT");
        putOnCall(onCall);
        UUID escalation = UUID.randomUUID();

        Events.send(patientId, Events.urgentLongCramp(UUID.randomUUID(), patientId, escalation));

        await().atMost(LONG_WAIT).until(() -> {
            ChainRows.Chain chain = ChainRows.chain(dataSource, escalation);
            return chain != null && chain.state().equals("COMPLETED")
                    && ChainRows.deliveries(dataSource, escalation).stream().allMatch(d -> d.status().equals("SENT"));
        });
        List<ChainRows.Step> rows = ChainRows.deliveries(dataSource, escalation);
        // Step 0 is the first email (patient and clinician); steps 1-3 go to the clinician and on-call, never the patient.
        assertThat(rows).extracting(ChainRows.Step::step, ChainRows.Step::recipient).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(0, patient), org.assertj.core.groups.Tuple.tuple(0, clinician),
                org.assertj.core.groups.Tuple.tuple(1, clinician), org.assertj.core.groups.Tuple.tuple(1, onCall),
                org.assertj.core.groups.Tuple.tuple(2, clinician), org.assertj.core.groups.Tuple.tuple(2, onCall),
                org.assertj.core.groups.Tuple.tuple(3, clinician), org.assertj.core.groups.Tuple.tuple(3, onCall));
        assertThat(rows).filteredOn(r -> r.step() > 0).allSatisfy(r -> assertThat(r.audience()).isEqualTo("CLINICIAN"));
        // Each step waited at least its interval: 2 s after the intake, then 4 s, then 8 s (lower bounds: a loaded
        // machine may only make them later).
        java.time.Instant taken = firstOf(rows, 0);
        assertThat(Duration.between(taken, firstOf(rows, 1))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(Duration.between(firstOf(rows, 1), firstOf(rows, 2))).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(Duration.between(firstOf(rows, 2), firstOf(rows, 3))).isGreaterThanOrEqualTo(Duration.ofSeconds(8));

        // After the last step nothing more goes out (8 s would have been step 4's interval... 16 s; polls run every 0.5 s).
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(30)).until(() -> ChainRows.deliveries(dataSource, escalation).size() == 8);
        assertThat(Mailbox.to(patient)).hasSize(1);
        assertThat(ChainRows.mailAbout(clinician, patientId)).hasSize(4);
        List<MimeMessage> onCallMail = ChainRows.mailAbout(onCall, patientId);
        assertThat(onCallMail).hasSize(3);
        assertThat(onCallMail).extracting(Mailbox::subject).containsExactlyInAnyOrder(
                "Urgent, not yet acknowledged (reminder 1): patient " + patientId + " (CrampWatch)",
                "Urgent, not yet acknowledged (reminder 2): patient " + patientId + " (CrampWatch)",
                "Urgent, not yet acknowledged (reminder 3): patient " + patientId + " (CrampWatch)");

        // A step says it is one, in our words, with the first email's link; it carries no more than the first email.
        MimeMessage first = ChainRows.mailFor(clinician, ChainRows.step(dataSource, escalation, 0).stream()
                .filter(r -> r.recipient().equals(clinician)).findFirst().orElseThrow().id()).get(0);
        UUID step2 = ChainRows.step(dataSource, escalation, 2).stream().filter(r -> r.recipient().equals(onCall)).findFirst()
                .orElseThrow().id();
        MimeMessage reminder = ChainRows.mailFor(onCall, step2).get(0);
        assertThat(Mailbox.text(reminder)).contains("REMINDER 2: nobody has acknowledged this urgent alert yet.")
                .contains(linkOf(Mailbox.text(first))).contains("14 min 5 s").doesNotContain(Events.SECRET_NOTE);
        assertThat(Mailbox.html(reminder)).contains("Reminder 2: nobody has acknowledged this urgent alert yet.");
        assertThat(Mailbox.text(first)).doesNotContain("REMINDER");

        // The delivery log shows each row's step.
        JsonPath log = Api.asClinician().queryParam("patientId", patientId).get("/notifications").then().statusCode(200)
                .extract().jsonPath();
        assertThat(log.getList("items.step", Integer.class)).containsExactlyInAnyOrder(0, 0, 1, 1, 2, 2, 3, 3);
    }

    @Test
    void onCallAddressesAreTheClinicsListValidatedLikeContacts() {
        String a = Mailbox.newAddress("oncall-a");
        String b = Mailbox.newAddress("oncall-b");
        Api.asClinician().body("{\"onCall\":[{\"email\":\"" + a + "\"},{\"email\":\"" + b + "\"}]}").put("/on-call")
                .then().statusCode(200).body("onCall.email", equalTo(List.of(a, b)));
        Api.asClinician().get("/on-call").then().statusCode(200).body("onCall.email", equalTo(List.of(a, b)));

        expect400("{\"onCall\":[{\"email\":\"" + a + "\"},{\"email\":\"not-an-address\"}]}", "onCall[1].email");
        expect400("{\"onCall\":[{\"email\":\"" + a + "\"},{\"email\":\"" + a.toUpperCase() + "\"}]}", "onCall[1].email");
        expect400("{\"onCall\":[{}]}", "onCall[0].email");
        expect400("{}", "onCall");
        expect400("{\"onCall\":[{\"email\":\"" + a + "\"}],\"extra\":1}", "extra");
        Api.asPatient("p-1").get("/on-call").then().statusCode(403).contentType("application/problem+json");
        Api.asPatient("p-1").body("{\"onCall\":[]}").put("/on-call").then().statusCode(403).contentType("application/problem+json");
        // None of it changed the list.
        Api.asClinician().get("/on-call").then().statusCode(200).body("onCall.email", equalTo(List.of(a, b)));

        Api.asClinician().body("{\"onCall\":[]}").put("/on-call").then().statusCode(200).body("onCall.size()", equalTo(0));
        Api.asClinician().get("/on-call").then().statusCode(200).body("onCall.size()", equalTo(0));
    }

    private static void expect400(String body, String field) {
        Api.asClinician().body(body).put("/on-call").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    static void putOnCall(String... addresses) {
        StringBuilder body = new StringBuilder("{\"onCall\":[");
        for (int i = 0; i < addresses.length; i++) {
            body.append(i > 0 ? "," : "").append("{\"email\":\"").append(addresses[i]).append("\"}");
        }
        Api.asClinician().body(body.append("]}").toString()).put("/on-call").then().statusCode(200);
    }

    private static java.time.Instant firstOf(List<ChainRows.Step> rows, int step) {
        return rows.stream().filter(r -> r.step() == step).map(ChainRows.Step::createdAt).min(java.util.Comparator.naturalOrder())
                .orElseThrow();
    }

    private static String linkOf(String text) {
        return text.lines().filter(l -> l.startsWith("Open the work list: ")).findFirst().orElseThrow();
    }
}
