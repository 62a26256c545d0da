package crampwatch.advice.messaging;

import crampwatch.testsupport.TestRun;
import static crampwatch.advice.EpisodeEvents.episode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crampwatch.advice.AdviceDb;
import crampwatch.advice.EpisodeEvents;
import crampwatch.testsupport.KafkaTopic;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding the advice database from {@code cramp-episodes} (docs/operations.md): the same events, applied
 * again into emptied tables and in another order, give escalations with the same ids and escalation events with
 * the same event ids, so notification-service (which deduplicates by event id and by escalation and recipient)
 * sends nothing twice. The events go through the real handler (parse → one transaction) into the real database,
 * and the escalation events through the real outbox relay onto the real broker.
 */
@QuarkusTest
class EscalationReplayTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EpisodeConsumer consumer;

    @Inject
    AdviceDb db;

    /** One escalation as the rebuild must reproduce it: identity, rule, status and the set of its evidence. */
    record Esc(String id, String patientId, String rule, String status, Set<String> evidence) {
    }

    /** One published escalation event: its id, type and the escalation it is about. */
    record Published(String eventId, String type, String escalationId) {
    }

    record Outcome(List<Esc> escalations, Set<Published> events) {
    }

    @Test
    void replayingTheEpisodesInAnotherOrderIntoEmptiedTablesGivesTheSameEscalationIdsAndEventIds() {
        String p1 = "p-" + UUID.randomUUID();
        String p2 = "p-" + UUID.randomUUID();
        EpisodeEvents.Ep toxic = episode().at("2026-11-09T02:00:00+01:00").exposures("TOXIC_SUBSTANCE");
        List<String> logged = List.of(
                // URGENT twice over (one escalation per rule and episode).
                episode().at("2026-11-01T02:00:00+01:00").lasting(845).pain(10).logged(p1),
                // SEE_DOCTOR: one open escalation for both; in reverse order the other one opens it.
                episode().at("2026-11-03T02:00:00+01:00").pain(8).logged(p1),
                episode().at("2026-11-05T02:00:00+01:00").pain(7).woke().logged(p1),
                episode().at("2026-11-06T02:00:00+01:00").symptoms("SWELLING").woke().logged(p1),
                // The third woken night of seven.
                episode().at("2026-11-07T02:00:00+01:00").woke().logged(p1),
                episode().at("2026-11-08T02:00:00+01:00").site("OTHER").logged(p1),
                toxic.logged(p1),
                episode().at("2026-11-12T02:00:00+01:00").logged(p1),
                // The run now spans 16 days.
                episode().at("2026-11-17T02:00:00+01:00").logged(p1),
                episode().at("2026-11-02T23:00:00+01:00").exposures("CONTAMINATED_WOUND").pain(9).logged(p2),
                episode().at("2026-11-04T23:00:00+01:00").symptoms("NUMBNESS").logged(p2));
        // A retraction follows its episode (episode-service emits it only for a stored episode).
        String retraction = toxic.retracted(p1);

        List<String> inOrder = new ArrayList<>(logged);
        inOrder.add(retraction);
        List<String> otherOrder = new ArrayList<>(logged);
        Collections.reverse(otherOrder);
        Collections.swap(otherOrder, 0, 3);
        otherOrder.add(retraction);

        Outcome first = apply(inOrder, p1, p2);
        assertThat(first.escalations()).extracting(Esc::rule).containsExactlyInAnyOrder("LONG_CRAMP", "DEBILITATING_PAIN",
                "SIGNIFICANT_PAIN", "LEG_CHANGES", "FREQUENT_SLEEP_DISRUPTION", "OTHER_MUSCLES", "TOXIC_EXPOSURE",
                "PERSISTENT_OVER_TWO_WEEKS", "CONTAMINATED_WOUND", "SIGNIFICANT_PAIN", "LEG_CHANGES");
        assertThat(first.escalations()).filteredOn(e -> e.rule().equals("TOXIC_EXPOSURE")).extracting(Esc::status)
                .containsExactly("WITHDRAWN");

        wipe(List.of(p1, p2), inOrder);
        assertThat(db.escalations(p1)).isEmpty();

        Outcome rebuilt = apply(otherOrder, p1, p2);
        assertThat(rebuilt.escalations()).containsExactlyInAnyOrderElementsOf(first.escalations());
        assertThat(rebuilt.events()).isEqualTo(first.events());
    }

    /** Applies the events in this order through the handler; returns what was stored and what was published. */
    private Outcome apply(List<String> events, String... patients) {
        // Escalation events only: AdviceChanged tells the level's path, which follows the arrival order (docs/events.md).
        java.util.function.Predicate<ConsumerRecord<String, String>> escalationEvent = r -> !r.value().contains("\"AdviceChanged\"");
        try (KafkaTopic published = KafkaTopic.fromNow(TestRun.topic("cramp-escalations-advice-test"))) {
            for (String json : events) {
                consumer.apply(EpisodeEvent.parse(json).orElseThrow());
            }
            List<Esc> stored = new ArrayList<>();
            for (String patient : patients) {
                stored.addAll(escalations(patient));
            }
            long expected = stored.size() + stored.stream().filter(e -> e.status().equals("WITHDRAWN")).count();
            Set<String> keys = Set.of(patients);
            await().atMost(WAIT).until(() -> published.poll(Duration.ZERO).stream().filter(r -> keys.contains(r.key()))
                    .filter(escalationEvent).count() >= expected);
            // Nothing more arrives for these patients (a second event for an escalation would show here).
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> published.poll(Duration.ZERO)
                    .stream().filter(r -> keys.contains(r.key())).filter(escalationEvent).count() == expected);
            Set<Published> out = published.matching(r -> keys.contains(r.key()) && escalationEvent.test(r)).stream()
                    .map(EscalationReplayTest::read)
                    .collect(Collectors.toSet());
            assertThat(out).hasSize((int) expected);
            return new Outcome(stored, out);
        }
    }

    private List<Esc> escalations(String patient) {
        return db.rows("SELECT id::text AS id, patient_id, rule, status, episode_ids::text AS evidence FROM escalation "
                + "WHERE patient_id = ?", patient).stream().map(EscalationReplayTest::esc).toList();
    }

    private static Esc esc(Map<String, Object> row) {
        String array = ((String) row.get("evidence")).replaceAll("[{}]", "");
        return new Esc((String) row.get("id"), (String) row.get("patient_id"), (String) row.get("rule"),
                (String) row.get("status"), new TreeSet<>(Arrays.asList(array.split(","))));
    }

    private static Published read(ConsumerRecord<String, String> r) {
        try {
            JsonNode event = JSON.readTree(r.value());
            return new Published(event.get("eventId").asText(), event.get("type").asText(),
                    event.get("escalation").get("id").asText());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empties every table of what these patients and events left: the rebuild starts from nothing. */
    private void wipe(List<String> patients, List<String> events) {
        for (String patient : patients) {
            db.execute("DELETE FROM persistent_run WHERE patient_id = ?", patient);
            db.execute("DELETE FROM escalation WHERE patient_id = ?", patient);
            db.execute("DELETE FROM advice_level WHERE patient_id = ?", patient);
            db.execute("DELETE FROM episode WHERE patient_id = ?", patient);
            db.execute("DELETE FROM retracted_episode WHERE patient_id = ?", patient);
            db.execute("DELETE FROM outbox_event WHERE msg_key = ?", patient);
        }
        for (String json : events) {
            db.execute("DELETE FROM processed_event WHERE event_id = ?", EpisodeEvent.parse(json).orElseThrow().eventId());
        }
    }
}
