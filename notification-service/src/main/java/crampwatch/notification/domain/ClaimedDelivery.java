package crampwatch.notification.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A claim the sender holds (status SENDING, committed) and is about to send as one email: the delivery it claimed
 * (the group's leader: the highest level) and {@code others}, the deliveries of the same recipient that the same
 * episode's arrival raised ({@code triggered_by}), claimed with it under the same token and Message-ID.
 * {@code claimToken} identifies this claim: only its holder may renew the leases or record the outcome. {@code step}: 0
 * for the escalation's first email, 1.. for a step of its escalation chain (never grouped: sent on its own).
 */
public record ClaimedDelivery(UUID id, UUID claimToken, UUID escalationId, String patientId, String recipient,
                              Audience audience, Level level, String rule, String reason, Instant raisedAt,
                              OffsetDateTime episodeStartedAt, int attempts, String messageId, List<Part> others, int step) {

    /** One escalation's delivery in the email. */
    public record Part(UUID id, UUID escalationId, Level level, String rule, String reason, OffsetDateTime episodeStartedAt) {
    }

    public ClaimedDelivery {
        others = List.copyOf(others);
    }

    /** A claim of an escalation's first email (step 0). */
    public ClaimedDelivery(UUID id, UUID claimToken, UUID escalationId, String patientId, String recipient, Audience audience,
                           Level level, String rule, String reason, Instant raisedAt, OffsetDateTime episodeStartedAt, int attempts,
                           String messageId, List<Part> others) {
        this(id, claimToken, escalationId, patientId, recipient, audience, level, rule, reason, raisedAt, episodeStartedAt,
                attempts, messageId, others, 0);
    }

    /** Every delivery the email covers: the leader first, then the others by level (highest first). */
    public List<Part> parts() {
        List<Part> all = new ArrayList<>();
        all.add(new Part(id, escalationId, level, rule, reason, episodeStartedAt));
        others.stream().sorted(Comparator.comparing(Part::level).reversed()).forEach(all::add);
        return all;
    }

    public List<UUID> ids() {
        return parts().stream().map(Part::id).toList();
    }

    public ClaimedDelivery withOthers(List<Part> parts) {
        return new ClaimedDelivery(id, claimToken, escalationId, patientId, recipient, audience, level, rule, reason, raisedAt,
                episodeStartedAt, attempts, messageId, parts, step);
    }
}
