package crampwatch.advice.domain.escalation;

import java.time.Instant;
import java.util.UUID;

/** The clinic's work list: escalations most urgent first, then oldest first, read a page at a time. */
public final class WorkList {
    private WorkList() {
    }

    /** Which escalations; null fields do not filter. */
    public record Filter(EscalationStatus status, Level level, String patientId, DeliverySummary.State deliveryState) {
    }

    /** Where the previous page ended: the sort key of its last item. */
    public record After(int levelRank, Instant raisedAt, UUID id) {
    }
}
