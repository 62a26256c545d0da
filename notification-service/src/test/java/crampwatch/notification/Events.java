package crampwatch.notification;

import static org.awaitility.Awaitility.await;

import crampwatch.testsupport.TestRun;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import crampwatch.common.events.EventSchemas;
import crampwatch.testsupport.EventAssert;
import crampwatch.testsupport.KafkaTopic;
import io.agroal.api.AgroalDataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Builds escalation events exactly as the contract (escalation-event.schema.json) describes, and sends them. */
public final class Events {
    public static final String TOPIC = TestRun.topic("cramp-escalations-notification-test");
    static final ObjectMapper JSON = new ObjectMapper();
    /** A free-text note an upstream producer might (wrongly) carry along: it must never reach an email. */
    public static final String SECRET_NOTE = "Private diary: argued with my sister, drank three glasses of wine";

    /** How long a test waits for an event's outcome (a loaded machine is slow). */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private Events() {
    }

    /** A patient id of the test's own. */
    public static String patientId() {
        return "p-" + UUID.randomUUID();
    }

    /**
     * Sends a marker escalation for the same patient (same partition) and waits until its delivery to
     * {@code markerAddress} is SENT: everything sent for the patient before it has been consumed.
     */
    public static void flush(AgroalDataSource dataSource, String patientId, String markerAddress) {
        UUID marker = UUID.randomUUID();
        send(patientId, raised(UUID.randomUUID(), patientId, marker, "URGENT", "DEBILITATING_PAIN",
                "A cramp on 2026-11-20 was rated 10 out of 10 for pain."));
        await().atMost(WAIT).until(() -> DeliveryRows.forEscalation(dataSource, marker).stream()
                .anyMatch(r -> markerAddress.equals(r.recipient()) && r.status().equals("SENT")));
    }

    public static String raised(UUID eventId, String patientId, UUID escalationId, String level, String rule, String reason) {
        ObjectNode event = envelope(eventId, "EscalationRaised", patientId);
        ObjectNode e = escalation(patientId, escalationId, level, rule, reason, "OPEN");
        event.set("escalation", e);
        return checked(event);
    }

    public static String withdrawn(UUID eventId, String patientId, UUID escalationId, String level, String rule, String reason) {
        ObjectNode event = envelope(eventId, "EscalationWithdrawn", patientId);
        ObjectNode e = escalation(patientId, escalationId, level, rule, reason, "WITHDRAWN");
        e.put("withdrawnAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        event.set("escalation", e);
        return checked(event);
    }

    /** A LONG_CRAMP escalation whose cramp started an hour ago (the patient is told to act now). */
    public static String urgentLongCramp(UUID eventId, String patientId, UUID escalationId) {
        return urgentLongCrampStartedAt(eventId, patientId, escalationId,
                java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        OffsetDateTime.now(ZoneOffset.ofHours(1)).minusHours(1).truncatedTo(ChronoUnit.SECONDS)));
    }

    /** A LONG_CRAMP escalation whose cramp started at {@code episodeStartedAt} (null: the field is left out). */
    public static String urgentLongCrampStartedAt(UUID eventId, String patientId, UUID escalationId, String episodeStartedAt) {
        ObjectNode event = envelope(eventId, "EscalationRaised", patientId);
        ObjectNode e = escalation(patientId, escalationId, "URGENT", "LONG_CRAMP",
                "A cramp on 2026-11-20 lasted 14 min 5 s, over the 10-minute limit.", "OPEN");
        if (episodeStartedAt != null) {
            e.put("episodeStartedAt", episodeStartedAt);
        }
        event.set("escalation", e);
        return checked(event);
    }

    /**
     * An EscalationRaised that the arrival of episode {@code triggeredBy} raised together with {@code together} (this one
     * included), its cramp an hour ago.
     */
    public static String raisedWith(String patientId, UUID escalationId, String level, String rule, String reason,
                                    UUID triggeredBy, List<UUID> together) {
        ObjectNode event = envelope(UUID.randomUUID(), "EscalationRaised", patientId);
        ObjectNode e = escalation(patientId, escalationId, level, rule, reason, "OPEN");
        e.put("episodeStartedAt", java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                OffsetDateTime.now(ZoneOffset.ofHours(1)).minusHours(1).truncatedTo(ChronoUnit.SECONDS)));
        e.put("triggeredBy", triggeredBy.toString());
        var ids = e.putArray("raisedTogether");
        together.forEach(id -> ids.add(id.toString()));
        event.set("escalation", e);
        return checked(event);
    }

    /** An EscalationAcknowledged by clinician {@code by} (advice-service sends it; no email follows from it). */
    public static String acknowledged(UUID eventId, String patientId, UUID escalationId, String by) {
        return acknowledged(eventId, patientId, escalationId, "URGENT", "LONG_CRAMP",
                "A cramp on 2026-11-20 lasted 14 min 5 s, over the 10-minute limit.", by);
    }

    /** An EscalationAcknowledged of an escalation of {@code level} and {@code rule}, by clinician {@code by}. */
    public static String acknowledged(UUID eventId, String patientId, UUID escalationId, String level, String rule, String reason,
                                      String by) {
        ObjectNode event = envelope(eventId, "EscalationAcknowledged", patientId);
        ObjectNode e = escalation(patientId, escalationId, level, rule, reason, "ACKNOWLEDGED");
        e.put("acknowledgedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("acknowledgedBy", by);
        event.set("escalation", e);
        return checked(event);
    }

    /** An AdviceChanged from {@code previous} to {@code level}, caused by {@code cause}. */
    public static String adviceChanged(UUID eventId, String patientId, String level, String previous, UUID cause) {
        ObjectNode event = envelope(eventId, "AdviceChanged", patientId);
        ObjectNode a = JSON.createObjectNode();
        a.put("patientId", patientId);
        a.put("level", level);
        a.put("previousLevel", previous);
        a.put("changedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        a.putArray("causeEscalationIds").add(cause.toString());
        event.set("advice", a);
        return checked(event);
    }

    /** An EscalationRaised carrying the patient's profile time zone ({@code escalation.patientTimeZone}). */
    public static String raisedInZone(String patientId, UUID escalationId, String level, String rule, String reason, String zone) {
        ObjectNode event = envelope(UUID.randomUUID(), "EscalationRaised", patientId);
        ObjectNode e = escalation(patientId, escalationId, level, rule, reason, "OPEN");
        e.put("patientTimeZone", zone);
        event.set("escalation", e);
        return checked(event);
    }

    public static String seeDoctorPain(UUID eventId, String patientId, UUID escalationId) {
        return raised(eventId, patientId, escalationId, "SEE_DOCTOR", "SIGNIFICANT_PAIN",
                "A cramp on 2026-11-19 was rated 8 out of 10 for pain.");
    }

    public static void send(String patientId, String... json) {
        KafkaTopic.send(TOPIC, patientId, json);
    }

    private static ObjectNode envelope(UUID eventId, String type, String patientId) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", eventId.toString());
        event.put("type", type);
        event.put("schemaVersion", 1);
        event.put("occurredAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("patientId", patientId);
        return event;
    }

    private static ObjectNode escalation(String patientId, UUID id, String level, String rule, String reason, String status) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", id.toString());
        e.put("patientId", patientId);
        e.put("rule", rule);
        e.put("level", level);
        e.put("status", status);
        e.put("reason", reason);
        e.putArray("episodeIds").add(UUID.randomUUID().toString());
        e.put("raisedAt", "2026-11-20T01:15:03Z");
        // Unknown to the contract, tolerated by consumers, and never to be mailed.
        e.put("notes", SECRET_NOTE);
        return e;
    }

    private static String checked(ObjectNode node) {
        String json = node.toString();
        EventAssert.assertValid(EventSchemas.ESCALATION_EVENT, json);
        return json;
    }
}
