package crampwatch.advice.api;

import crampwatch.advice.domain.escalation.Escalation;

import crampwatch.advice.domain.escalation.EscalationStatus;
import crampwatch.advice.domain.escalation.Level;
import crampwatch.advice.domain.escalation.RuleId;
import crampwatch.advice.domain.selfcare.SelfCareItem;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code GET /patients/{patientId}/advice}: the level of the escalations that still count (else SELF_CARE),
 * those escalations, tailored self-care, when it was worked out, how many live episodes it rests on, and
 * the notice. An escalation counts while OPEN, and once a clinician acknowledged it for
 * {@code crampwatch.advice.acknowledged-counts-days} (14) days after it was raised: an acknowledgement never
 * turns an urgent situation into self-care for the patient. Who acknowledged it and their note stay on the
 * clinic's side; the patient sees {@code seenByClinic}.
 */
public record AdviceView(String patientId, Level level, List<Escalation> escalations, List<SelfCareItem> selfCare,
                         Instant evaluatedAt, long episodesConsidered, String notice) {

    /** An escalation as the patient sees it. {@code seenByClinic}: "Seen by your clinic on 20 November." once acknowledged. */
    public record Escalation(UUID id, RuleId rule, Level level, EscalationStatus status, String reason, List<UUID> episodeIds,
                             Instant raisedAt, Instant seenByClinicAt, String seenByClinic) {

        static Escalation of(crampwatch.advice.domain.escalation.Escalation e, ZoneId zone) {
            String seen = e.acknowledgedAt() == null ? null
                    : "Seen by your clinic on " + SEEN_ON.format(e.acknowledgedAt().atZone(zone == null ? ZoneOffset.UTC : zone)) + ".";
            return new Escalation(e.id(), e.rule(), e.level(), e.status(), e.reason(), e.episodeIds(), e.raisedAt(),
                    e.acknowledgedAt(), seen);
        }
    }

    private static final DateTimeFormatter SEEN_ON = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);
}
