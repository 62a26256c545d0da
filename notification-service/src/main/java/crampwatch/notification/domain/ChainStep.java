package crampwatch.notification.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A due step of an escalation chain, claimed (its row locked) in the current transaction. */
public record ChainStep(UUID escalationId, UUID eventId, String patientId, String rule, String reason, Instant raisedAt,
                        OffsetDateTime episodeStartedAt, int step) {
}
