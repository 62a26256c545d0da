package crampwatch.advice.messaging;

import crampwatch.testsupport.TestRun;
import static crampwatch.advice.EpisodeEvents.episode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import crampwatch.advice.EpisodeEvents;
import crampwatch.common.events.EventSchemas;
import crampwatch.testsupport.EventAssert;
import crampwatch.testsupport.KafkaTopic;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Real events on the real broker, through the real consumer group, into the real database and outbox. */
@QuarkusTest
class EpisodeConsumerTest extends EscalationEventsTestBase {

    private List<Map<String, Object>> awaitEscalations(int n) {
        await().atMost(WAIT).until(() -> db.escalations(patient).size() >= n);
        return db.escalations(patient);
    }

    private void awaitEpisodes(long n) {
        await().atMost(WAIT).until(() -> db.episodes(patient) == n);
    }

    /**
     * Escalation events of this test's escalations (another advice-service instance on the same broker,
     * e.g. a running stack, may publish its own for the same patient: they carry other escalation ids).
     */
    private List<JsonNode> awaitEvents(String type, int n) {
        java.util.Set<String> ours = ourEscalationIds();
        return escalations.awaitRecords(r -> isOurs(r, type, ours), n, WAIT).stream().map(r -> {
            EventAssert.assertValid(EventSchemas.ESCALATION_EVENT, r.value());
            return read(r.value());
        }).toList();
    }

    private java.util.Set<String> ourEscalationIds() {
        return db.escalations(patient).stream().map(r -> r.get("id").toString()).collect(java.util.stream.Collectors.toSet());
    }

    private boolean isOurs(ConsumerRecord<String, String> r, String type, java.util.Set<String> ours) {
        if (!patient.equals(r.key()) || !r.value().contains("\"" + type + "\"")) {
            return false;
        }
        return ours.contains(read(r.value()).path("escalation").path("id").asText());
    }

    @Test
    void crampsNothingEasedOnThreeNightsInAFortnightRaiseNotHelpedBySelfCare() {
        // Nights of 1, 8 and 14 November (14 nights); logged in another order than they happened.
        send(episode().at("2026-11-15T02:00:00+01:00").relievedBy("NOTHING").logged(patient),
                episode().at("2026-11-02T02:00:00+01:00").relievedBy("NOTHING").logged(patient),
                episode().at("2026-11-05T02:00:00+01:00").relievedBy("MASSAGE").logged(patient));
        awaitEpisodes(3);
        assertThat(db.escalations(patient)).isEmpty();
        send(episode().at("2026-11-09T02:00:00+01:00").relievedBy("NOTHING", "STRETCHING").logged(patient));
        List<Map<String, Object>> raised = awaitEscalations(1);
        assertThat(raised).singleElement().satisfies(e -> {
            assertThat(e.get("rule")).isEqualTo("NOT_HELPED_BY_SELF_CARE");
            assertThat(e.get("level")).isEqualTo("SEE_DOCTOR");
        });
        JsonNode event = awaitEvents("EscalationRaised", 1).get(0);
        assertThat(event.at("/escalation/rule").asText()).isEqualTo("NOT_HELPED_BY_SELF_CARE");
        assertThat(event.at("/escalation/episodeIds").size()).isEqualTo(3);
    }

    @Test
    void longCrampRaisesOneUrgentEscalationAndPublishesIt() {
        EpisodeEvents.Ep ep = episode().lasting(845);
        send(ep.logged(patient));

        List<Map<String, Object>> stored = awaitEscalations(1);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).containsEntry("rule", "LONG_CRAMP").containsEntry("level", "URGENT").containsEntry("status", "OPEN")
                .containsEntry("reason", "A cramp on 2026-11-20 lasted 14 min 5 s, over the 10-minute limit.");

        JsonNode event = awaitEvents("EscalationRaised", 1).get(0);
        assertThat(event.get("type").asText()).isEqualTo("EscalationRaised");
        assertThat(event.get("patientId").asText()).isEqualTo(patient);
        JsonNode esc = event.get("escalation");
        assertThat(esc.get("id").asText()).isEqualTo(stored.get(0).get("id").toString());
        assertThat(esc.get("rule").asText()).isEqualTo("LONG_CRAMP");
        assertThat(esc.get("level").asText()).isEqualTo("URGENT");
        assertThat(esc.get("status").asText()).isEqualTo("OPEN");
        assertThat(esc.get("episodeIds").get(0).asText()).isEqualTo(ep.id.toString());
        // notification-service words the patient's email by when the cramp happened, in the patient's own offset
        assertThat(esc.get("episodeStartedAt").asText()).isEqualTo("2026-11-20T02:14:00+01:00");
    }

    @Test
    void anEscalationRaisedCarriesTheProfilesTimeZoneAndLeavesItOutWhenThereIsNone() {
        send(episode().lasting(845).logged(patient));
        awaitEscalations(1);
        JsonNode without = awaitEvents("EscalationRaised", 1).get(0);
        assertThat(without.get("escalation").has("patientTimeZone")).isFalse();

        patient = "p-" + UUID.randomUUID();
        io.restassured.RestAssured.given().auth().oauth2(crampwatch.testsupport.DevTokens.patient(patient))
                .contentType(io.restassured.http.ContentType.JSON).body("{\"timeZone\":\"Pacific/Auckland\"}")
                .put("/patients/{p}/profile", patient).then().statusCode(200);
        send(episode().lasting(845).logged(patient));
        awaitEscalations(1);
        JsonNode with = awaitEvents("EscalationRaised", 1).get(0);
        // notification-service reads the patient's quiet hours in it (schema: optional escalation.patientTimeZone)
        assertThat(with.get("escalation").get("patientTimeZone").asText()).isEqualTo("Pacific/Auckland");
    }

    @Test
    void theEscalationsOneEpisodeRaisesAreAnnouncedTogetherNamingTheEpisode() {
        // Over 10 minutes (URGENT) with pain 8 and swelling (two SEE_DOCTOR rules): notification-service mails one
        // message per recipient for the episode, so each event names the episode and the escalations raised with it.
        EpisodeEvents.Ep ep = episode().lasting(845).pain(8).symptoms("SWELLING");
        send(ep.logged(patient));

        List<Map<String, Object>> stored = awaitEscalations(3);
        List<JsonNode> events = awaitEvents("EscalationRaised", 3);
        List<String> ids = stored.stream().map(e -> e.get("id").toString()).sorted().toList();
        assertThat(events).extracting(e -> e.at("/escalation/rule").asText())
                .containsExactlyInAnyOrder("LONG_CRAMP", "SIGNIFICANT_PAIN", "LEG_CHANGES");
        for (JsonNode event : events) {
            assertThat(event.at("/escalation/triggeredBy").asText()).isEqualTo(ep.id.toString());
            List<String> together = new java.util.ArrayList<>();
            event.at("/escalation/raisedTogether").forEach(n -> together.add(n.asText()));
            assertThat(together).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void exactly600SecondsRaisesNothing() {
        send(episode().lasting(600).logged(patient));
        awaitEpisodes(1);
        assertThat(db.escalations(patient)).isEmpty();
    }

    @Test
    void theSameEventTwiceChangesNothing() {
        EpisodeEvents.Ep ep = episode().lasting(700).pain(10);
        UUID eventId = UUID.randomUUID();
        send(ep.loggedWithEventId(patient, eventId));
        awaitEscalations(2);
        // Redelivered, and the same episode again under a new event id.
        send(ep.loggedWithEventId(patient, eventId), ep.logged(patient));
        EpisodeEvents.Ep marker = episode();
        send(marker.logged(patient));
        awaitEpisodes(2);

        assertThat(db.escalations(patient)).extracting(r -> r.get("rule")).containsExactlyInAnyOrder("LONG_CRAMP", "DEBILITATING_PAIN");
        awaitEvents("EscalationRaised", 2);
        java.util.Set<String> ours = ourEscalationIds();
        escalations.assertStays(r -> isOurs(r, "EscalationRaised", ours), 2, Duration.ofSeconds(2));
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheNextRecordIsStillProcessed() {
        try (KafkaTopic dlq = KafkaTopic.fromNow(TestRun.topic("cramp-episodes-advice-test") + ".dlq")) {
            String missingFields = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"EpisodeLogged\",\"schemaVersion\":1,"
                    + "\"occurredAt\":\"2026-11-20T01:15:02Z\",\"patientId\":\"" + patient + "\",\"episode\":{\"id\":\""
                    + UUID.randomUUID() + "\",\"painScore\":11}}";
            send("this is not json {", missingFields, episode().lasting(900).logged(patient));

            // (Another advice-service consumer group on the same broker, e.g. a running stack, may dead-letter them too.)
            await().atMost(WAIT).until(() -> dlq.poll(Duration.ZERO).stream().filter(r -> patient.equals(r.key()))
                    .map(ConsumerRecord::value).distinct().count() == 2);
            List<ConsumerRecord<String, String>> all = dlq.matching(r -> patient.equals(r.key()));
            assertThat(all).extracting(ConsumerRecord::value).containsOnly("this is not json {", missingFields);
            List<ConsumerRecord<String, String>> dead = List.of(
                    all.stream().filter(r -> r.value().equals("this is not json {")).findFirst().orElseThrow(),
                    all.stream().filter(r -> r.value().equals(missingFields)).findFirst().orElseThrow());
            assertThat(header(dead.get(0), "dead-letter-reason")).contains("not a valid episode event").contains("not JSON");
            assertThat(header(dead.get(1), "dead-letter-reason")).contains("not a valid episode event").contains("painScore");
            assertThat(header(dead.get(1), "dead-letter-topic")).isEqualTo(TestRun.topic("cramp-episodes-advice-test"));
        }
        assertThat(awaitEscalations(1)).extracting(r -> r.get("rule")).containsExactly("LONG_CRAMP");
    }

    @Test
    void unknownEventTypesAreIgnored() {
        String future = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"EpisodeAmended\",\"schemaVersion\":7,"
                + "\"occurredAt\":\"2026-11-20T01:15:02Z\",\"patientId\":\"" + patient + "\",\"whatever\":true}";
        try (KafkaTopic dlq = KafkaTopic.fromNow(TestRun.topic("cramp-episodes-advice-test") + ".dlq")) {
            send(future, episode().logged(patient));
            awaitEpisodes(1);
            dlq.assertStays(r -> patient.equals(r.key()), 0, Duration.ofSeconds(1));
        }
    }

    @Test
    void runOfCrampsOverTwoWeeksInReverseOrderRaisesOnePersistentEscalation() {
        // Every other night for 16 days, logged late from an offline phone, newest first.
        List<String> events = new java.util.ArrayList<>();
        for (int day = 16; day >= 0; day -= 2) {
            events.add(episode().at(String.format("2026-11-%02dT02:00:00+01:00", day + 1)).logged(patient));
        }
        send(events.toArray(String[]::new));
        awaitEpisodes(9);
        List<Map<String, Object>> stored = db.escalations(patient);
        assertThat(stored).extracting(r -> r.get("rule")).containsExactly("PERSISTENT_OVER_TWO_WEEKS");
        assertThat(stored.get(0)).containsEntry("level", "SEE_DOCTOR");
        assertThat((String) stored.get(0).get("reason")).contains("from 2026-11-01 to 2026-11-17");
        awaitEvents("EscalationRaised", 1);

        // A further cramp in the same run raises nothing new.
        send(episode().at("2026-11-19T02:00:00+01:00").logged(patient));
        awaitEpisodes(10);
        assertThat(db.escalations(patient)).hasSize(1);
    }

    @Test
    void seeDoctorEvidenceIsAttachedToTheOpenEscalationWhateverTheOrder() {
        EpisodeEvents.Ep later = episode().at("2026-11-21T03:00:00+01:00").pain(8);
        EpisodeEvents.Ep earlier = episode().at("2026-11-10T03:00:00+01:00").pain(7);
        send(later.logged(patient), earlier.logged(patient));
        awaitEpisodes(2);
        List<Map<String, Object>> stored = db.escalations(patient);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).containsEntry("rule", "SIGNIFICANT_PAIN");
        assertThat((String) stored.get(0).get("episode_ids")).contains(later.id.toString()).contains(earlier.id.toString());
        awaitEvents("EscalationRaised", 1);
    }

    @Test
    void threeWokenNightsInSevenRaiseSleepDisruption() {
        send(episode().at("2026-11-14T02:00:00+01:00").woke().logged(patient),
                episode().at("2026-11-17T23:30:00+01:00").woke().logged(patient));
        awaitEpisodes(2);
        assertThat(db.escalations(patient)).isEmpty();
        send(episode().at("2026-11-20T04:00:00+01:00").woke().logged(patient));
        List<Map<String, Object>> stored = awaitEscalations(1);
        assertThat(stored.get(0)).containsEntry("rule", "FREQUENT_SLEEP_DISRUPTION");
        assertThat((String) stored.get(0).get("reason")).isEqualTo("Cramps woke the patient on 3 different nights from the night of "
                + "2026-11-13 to the night of 2026-11-19, reaching the limit of 3 nights in any 7.");
        // the latest episode of the evidence
        assertThat(awaitEvents("EscalationRaised", 1).get(0).get("escalation").get("episodeStartedAt").asText())
                .isEqualTo("2026-11-20T04:00:00+01:00");
    }

    @Test
    void retractionWithdrawsAnEscalationThatRestedOnlyOnThatEpisode() {
        EpisodeEvents.Ep ep = episode().exposures("TOXIC_SUBSTANCE");
        send(ep.logged(patient));
        awaitEscalations(1);
        awaitEvents("EscalationRaised", 1);

        send(ep.retracted(patient));
        await().atMost(WAIT).until(() -> "WITHDRAWN".equals(db.escalations(patient).get(0).get("status")));
        JsonNode withdrawn = awaitEvents("EscalationWithdrawn", 1).get(0);
        assertThat(withdrawn.get("escalation").get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.get("escalation").get("rule").asText()).isEqualTo("TOXIC_EXPOSURE");
        assertThat(withdrawn.get("escalation").get("withdrawnAt").isTextual()).isTrue();
        assertThat(db.episodes(patient)).isZero();
    }

    @Test
    void retractionArrivingBeforeItsEpisodeMakesTheLateEpisodeIgnored() {
        EpisodeEvents.Ep ep = episode().lasting(1200);
        send(ep.retracted(patient), ep.logged(patient));
        EpisodeEvents.Ep marker = episode();
        send(marker.logged(patient));
        awaitEpisodes(1);
        assertThat(db.escalations(patient)).isEmpty();
        assertThat(db.rows("SELECT 1 FROM episode WHERE id = ?", ep.id)).isEmpty();
    }

    @Test
    void retractingOneOfSeveralPiecesOfEvidenceKeepsTheEscalationOpen() {
        EpisodeEvents.Ep a = episode().symptoms("SWELLING");
        EpisodeEvents.Ep b = episode().at("2026-11-22T01:00:00+01:00").symptoms("NUMBNESS");
        send(a.logged(patient), b.logged(patient), a.retracted(patient));
        awaitEpisodes(1);
        await().atMost(WAIT).until(() -> db.rows("SELECT 1 FROM processed_event p WHERE type = 'EpisodeRetracted'"
                + " AND EXISTS (SELECT 1 FROM retracted_episode r WHERE r.episode_id = ?)", a.id).size() > 0);
        assertThat(db.escalations(patient)).singleElement().satisfies(r -> assertThat(r).containsEntry("status", "OPEN"));
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
