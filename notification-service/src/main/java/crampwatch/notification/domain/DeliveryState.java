package crampwatch.notification.domain;

import java.util.UUID;

/**
 * A delivery's status as published in a {@code DeliveryStatusChanged} event, with the version it was published under
 * (from one sequence: a consumer keeps the highest per delivery). {@code audience} is null for NO_RECIPIENT; {@code step}
 * is 0 for the escalation's first email, 1.. for a step of its escalation chain.
 */
public record DeliveryState(UUID id, UUID escalationId, String patientId, Audience audience, Level level,
                            DeliveryStatus status, int attempts, long version, int step) {
}
