package crampwatch.advice.domain.escalation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Escalation ids, and the ids of the events that announce them, follow from what fired them: name-based UUIDs
 * (RFC 4122 version 3) over a canonical string. Replaying {@code cramp-episodes} into an emptied advice database
 * therefore raises escalations with the ids they had, announced by events with the event ids they had, and
 * notification-service (which deduplicates by event id and by escalation and recipient) sends nothing twice.
 * Which evidence names which escalation, and why, is in docs/rules.md ("Escalation identity").
 *
 * <p>Patient ids are letters, digits, '.', '_' and '-' (the event schema), so '/' separates the parts
 * unambiguously. The strings are a contract with every advice database and delivery log ever written: never
 * change them.
 */
public final class EscalationIds {
    private EscalationIds() {
    }

    /** An URGENT per-episode rule: one escalation per patient, rule and offending episode. */
    public static UUID perEpisode(String patientId, RuleId rule, UUID episodeId) {
        return name("escalation/" + patientId + "/" + rule.name() + "/episode/" + episodeId);
    }

    /**
     * The patient's first escalation for a rule that keeps one open escalation (SEE_DOCTOR rules). It does not
     * name its evidence: whichever cramp arrives first opens it and the others are attached, so naming the
     * opener would make the id depend on the arrival order.
     */
    public static UUID firstFor(String patientId, RuleId rule) {
        return name("escalation/" + patientId + "/" + rule.name() + "/first");
    }

    /**
     * A later escalation for such a rule (the earlier ones were acknowledged or withdrawn): named by the evidence
     * whose arrival opened it ({@code openedBy}, e.g. the new episode's id).
     */
    public static UUID openedBy(String patientId, RuleId rule, String openedBy) {
        return name("escalation/" + patientId + "/" + rule.name() + "/opened-by/" + openedBy);
    }

    /** The event announcing a change of an escalation: one {@code EscalationRaised}, at most one {@code EscalationWithdrawn}. */
    public static UUID event(UUID escalationId, String eventType) {
        return name("escalation-event/" + escalationId + "/" + eventType);
    }

    /**
     * An {@code AdviceChanged}: named by the patient and the escalation events of the transaction that moved the level
     * (each escalation event happens once, so the set names one change, and a rebuild names it the same way).
     */
    public static UUID adviceChanged(String patientId, java.util.Collection<UUID> causeEventIds) {
        return name("advice-changed/" + patientId + "/" + String.join(",", causeEventIds.stream().map(UUID::toString).sorted().toList()));
    }

    private static UUID name(String canonical) {
        return UUID.nameUUIDFromBytes(canonical.getBytes(StandardCharsets.UTF_8));
    }
}
