package crampwatch.advice.api;

import crampwatch.advice.domain.Level;
import crampwatch.advice.domain.selfcare.SelfCareItem;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /patients/{patientId}/advice}: the highest OPEN escalation's level (else SELF_CARE), the
 * open escalations, tailored self-care, when it was worked out, how many live episodes it rests on,
 * and the notice that it is not a substitute for professional advice.
 */
public record AdviceView(String patientId, Level level, List<EscalationView> escalations, List<SelfCareItem> selfCare,
                         Instant evaluatedAt, long episodesConsidered, String notice) {
}
