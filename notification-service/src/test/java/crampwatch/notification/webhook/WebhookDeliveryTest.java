package crampwatch.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.notification.Events;
import crampwatch.notification.GreenMailResource;
import crampwatch.notification.webhook.service.WebhookQueue;
import crampwatch.notification.webhook.service.WebhookSender;
import crampwatch.testsupport.DevTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks end to end: an event on the real broker, a row in the real database, a signed POST to a real HTTP receiver. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class WebhookDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookQueue queue;

    @Inject
    WebhookSender sender;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    Receiver receiver;
    String integration;
    String patient;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void setUp() {
        receiver = new Receiver().start();
        integration = "portal-" + UUID.randomUUID();
        patient = "p-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        // Nothing of this test may go on knocking at a port a later test's receiver could get.
        for (String id : asIntegration().get("/webhooks/subscriptions").then().statusCode(200).extract().jsonPath().getList("items.id", String.class)) {
            asIntegration().delete("/webhooks/subscriptions/{id}", id).then().statusCode(204);
        }
        receiver.close();
    }

    RequestSpecification asIntegration() {
        return given().auth().oauth2(DevTokens.mint(integration, "integration", Duration.ofMinutes(10))).contentType(ContentType.JSON);
    }

    /** Subscribes the receiver to every event type about this test's patient; returns {id, secret}. */
    JsonPath subscribe() {
        return subscribe(receiver);
    }

    JsonPath subscribe(Receiver to) {
        return asIntegration().body(Map.of("url", to.url(), "eventTypes",
                        List.of("EscalationRaised", "EscalationWithdrawn", "EscalationAcknowledged", "AdviceChanged"), "patientIds", List.of(patient)))
                .post("/webhooks/subscriptions").then().statusCode(201).extract().jsonPath();
    }

    JsonPath log(String subscription) {
        return asIntegration().get("/webhooks/subscriptions/{id}/deliveries", subscription).then().statusCode(200).extract().jsonPath();
    }

    /** Verifies a request as a receiver would, with nothing of ours: HMAC-SHA256 over id.timestamp.body under the secret's bytes. */
    static boolean verifies(Receiver.Request r, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
        for (String candidate : r.signature().split(" ")) {
            if (java.security.MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    @Test
    void aReceiverVerifiesTheSignatureAndGetsIdsLevelsAndRulesButNoText() throws Exception {
        JsonPath sub = subscribe();
        String secret = sub.getString("secret");
        assertThat(secret).startsWith("whsec_");
        UUID eventId = UUID.randomUUID();
        UUID escalation = UUID.randomUUID();
        Events.send(patient, Events.urgentLongCramp(eventId, patient, escalation));

        await().atMost(WAIT).until(() -> receiver.requests().size() == 1);
        Receiver.Request r = receiver.requests().get(0);
        assertThat(r.id()).isEqualTo(eventId.toString());
        assertThat(Math.abs(Long.parseLong(r.timestamp()) - Instant.now().getEpochSecond())).isLessThan(300);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(verifies(r, secret)).isTrue();
        assertThat(verifies(new Receiver.Request(r.id(), r.timestamp(), r.signature(), r.contentType(), r.body().replace("URGENT", "SEE_DOCTOR")),
                secret)).as("a changed body does not verify").isFalse();
        JsonNode body = json(r.body());
        assertThat(body.get("type").asText()).isEqualTo("EscalationRaised");
        assertThat(body.at("/data/escalationId").asText()).isEqualTo(escalation.toString());
        assertThat(body.at("/data/level").asText()).isEqualTo("URGENT");
        assertThat(body.at("/data/rule").asText()).isEqualTo("LONG_CRAMP");
        assertThat(r.body()).doesNotContain(Events.SECRET_NOTE).doesNotContain("reason").doesNotContain("10-minute");

        // The secret is shown once: reading the subscription never returns it.
        asIntegration().get("/webhooks/subscriptions/{id}", sub.getString("id")).then().statusCode(200)
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")));

        // After a rotation both secrets verify for the grace period; the new one is returned.
        String rotated = asIntegration().body("{}").post("/webhooks/subscriptions/{id}/secret", sub.getString("id")).then().statusCode(200)
                .extract().path("secret");
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
        Events.send(patient, Events.acknowledged(UUID.randomUUID(), patient, escalation, "c-7"));
        await().atMost(WAIT).until(() -> receiver.requests().size() == 2);
        Receiver.Request second = receiver.requests().get(1);
        assertThat(verifies(second, rotated)).isTrue();
        assertThat(verifies(second, secret)).isTrue();
        assertThat(json(second.body()).at("/data/acknowledgedBy").asText()).isEqualTo("c-7");
    }

    @Test
    void aReceiverThatAnswers500Then200GetsTheEventTwiceWithTheSameIdAndNothingElse() throws Exception {
        receiver.answer(500);
        String sub = subscribe().getString("id");
        UUID eventId = UUID.randomUUID();
        Events.send(patient, Events.adviceChanged(eventId, patient, "URGENT", "SELF_CARE", UUID.randomUUID()));

        await().atMost(WAIT).until(() -> receiver.requests().size() >= 2);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() == 2);
        assertThat(receiver.requests()).extracting(Receiver.Request::id).containsExactly(eventId.toString(), eventId.toString());
        assertThat(receiver.requests()).extracting(Receiver.Request::body).containsOnly(receiver.requests().get(0).body());
        assertThat(json(receiver.requests().get(0).body()).at("/data/previousLevel").asText()).isEqualTo("SELF_CARE");
        JsonPath log = log(sub);
        assertThat(log.getList("items")).hasSize(1);
        assertThat(log.getString("items[0].status")).isEqualTo("SENT");
        assertThat(log.getInt("items[0].attempts")).isEqualTo(2);
        assertThat(log.getInt("items[0].lastResponseCode")).isEqualTo(200);
    }

    @Test
    void aReceiverThatWasDownGetsEverythingInOrderOnceItIsBack() throws Exception {
        receiver.stop();
        String sub = subscribe().getString("id");
        UUID escalation = UUID.randomUUID();
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Events.send(patient, Events.urgentLongCramp(ids.get(0), patient, escalation),
                Events.adviceChanged(ids.get(1), patient, "URGENT", "SELF_CARE", escalation),
                Events.acknowledged(ids.get(2), patient, escalation, "c-1"));
        // Tried and refused; the patient's later events wait behind the first.
        await().atMost(WAIT).until(() -> {
            JsonPath log = log(sub);
            return log.getList("items").size() == 3 && log.getList("items.lastError").contains("connection refused");
        });
        JsonPath down = log(sub);
        assertThat(down.getList("items.status", String.class)).isSubsetOf("PENDING", "SENDING");

        receiver.start();
        await().atMost(WAIT).until(() -> receiver.requests().size() >= 3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() == 3);
        assertThat(receiver.requests()).extracting(Receiver.Request::id).containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
        await().atMost(WAIT).until(() -> log(sub).getList("items.status").stream().allMatch("SENT"::equals));
    }

    @Test
    void afterTheLastAttemptADeliveryIsFailedVisibleAndCanBeRedelivered() {
        receiver.otherwise(503);
        String sub = subscribe().getString("id");
        UUID eventId = UUID.randomUUID();
        Events.send(patient, Events.adviceChanged(eventId, patient, "SEE_DOCTOR", "SELF_CARE", UUID.randomUUID()));

        await().atMost(WAIT).until(() -> "FAILED".equals(log(sub).getString("items[0].status")));
        JsonPath failed = log(sub);
        assertThat(failed.getInt("items[0].attempts")).isEqualTo(8); // %test max-attempts
        assertThat(failed.getInt("items[0].lastResponseCode")).isEqualTo(503);
        assertThat(failed.getString("items[0].lastError")).isEqualTo("HTTP 503");
        assertThat(receiver.requests()).hasSize(8);
        asIntegration().get("/webhooks/subscriptions/{id}/deliveries?status=FAILED", sub).then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(1));

        receiver.otherwise(204);
        asIntegration().post("/webhooks/subscriptions/{id}/deliveries/{d}/redeliver", sub, failed.getString("items[0].id"))
                .then().statusCode(202).body("status", org.hamcrest.Matchers.equalTo("PENDING"));
        await().atMost(WAIT).until(() -> "SENT".equals(log(sub).getString("items[0].status")));
        assertThat(receiver.requests()).hasSize(9).extracting(Receiver.Request::id).containsOnly(eventId.toString());
    }

    @Test
    void aReceiverThatHangsDelaysNoOtherSubscription() {
        try (Receiver slow = new Receiver().start()) {
            slow.hold();
            subscribe(slow);
            subscribe(receiver);
            List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
            Events.send(patient, ids.stream().map(id -> Events.adviceChanged(id, patient, "URGENT", "SELF_CARE", UUID.randomUUID()))
                    .toArray(String[]::new));

            // The fast receiver gets all three while the slow one still sits on its first request.
            await().atMost(WAIT).until(() -> receiver.requests().size() == 3);
            assertThat(slow.requests().stream().map(Receiver.Request::id).distinct().count()).as("the slow one is still on its first event")
                    .isLessThanOrEqualTo(1);
            slow.release();
            await().atMost(WAIT).until(() -> slow.requests().stream().map(Receiver.Request::id).distinct().count() == 3);
            assertThat(slow.requests().stream().map(Receiver.Request::id).distinct().toList())
                    .containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
        }
    }

    @Test
    void aDeliveryWhoseSenderDiedMidRequestIsSentOnceItsLeaseRunsOut() throws Exception {
        String sub = subscribe().getString("id");
        asIntegration().post("/webhooks/subscriptions/{id}/pause", sub).then().statusCode(200);
        UUID eventId = UUID.randomUUID();
        Events.send(patient, Events.adviceChanged(eventId, patient, "URGENT", "SELF_CARE", UUID.randomUUID()));
        await().atMost(WAIT).until(() -> log(sub).getList("items").size() == 1);
        // What a sender killed (kill -9) during its request leaves behind: the claim, committed, and a lease that ran out.
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("UPDATE webhook_delivery SET status = 'SENDING', attempts = 1, "
                + "lease_until = now() - interval '1 second', last_attempt_at = now() WHERE subscription_id = CAST(? AS uuid)")) {
            ps.setString(1, sub);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        asIntegration().post("/webhooks/subscriptions/{id}/resume", sub).then().statusCode(200);

        await().atMost(WAIT).until(() -> "SENT".equals(log(sub).getString("items[0].status")));
        assertThat(receiver.requests()).extracting(Receiver.Request::id).containsExactly(eventId.toString());
        assertThat(log(sub).getInt("items[0].attempts")).isEqualTo(2);
    }

    @Test
    void concurrentClaimersNeverDeliverOneEventTwiceAndKeepEachPatientsOrder() throws Exception {
        String sub = subscribe().getString("id");
        asIntegration().post("/webhooks/subscriptions/{id}/pause", sub).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("PAUSED"));
        List<String> sent = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UUID id = UUID.randomUUID();
            sent.add(id.toString());
            events.add(Events.adviceChanged(id, patient, i % 2 == 0 ? "URGENT" : "SELF_CARE", i % 2 == 0 ? "SELF_CARE" : "URGENT",
                    UUID.randomUUID()));
        }
        Events.send(patient, events.toArray(String[]::new));
        await().atMost(WAIT).until(() -> asIntegration().get("/webhooks/subscriptions/{id}/deliveries?limit=100", sub).then().extract()
                .jsonPath().getList("items").size() == 30);
        assertThat(receiver.requests()).as("a paused subscription gets nothing").isEmpty();

        // Four claimers of our own race the service's sender once the subscription is resumed.
        ExecutorService claimers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(claimers.submit(() -> {
                    int delivered = 0;
                    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (System.nanoTime() < end && receiver.requests().size() < 30) {
                        var claimed = queue.claim(java.util.Set.of(), Instant.now());
                        if (claimed.isPresent()) {
                            sender.deliver(claimed.get());
                            delivered++;
                        } else {
                            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
                        }
                    }
                    return delivered;
                }));
            }
            asIntegration().post("/webhooks/subscriptions/{id}/resume", sub).then().statusCode(200);
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            claimers.shutdownNow();
        }
        await().atMost(WAIT).until(() -> receiver.requests().size() >= 30);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() == 30);
        List<String> received = receiver.requests().stream().map(Receiver.Request::id).toList();
        assertThat(received.stream().collect(Collectors.toSet())).hasSize(30);
        assertThat(received).as("one patient's events in the order they were consumed").containsExactlyElementsOf(sent);
    }
}
