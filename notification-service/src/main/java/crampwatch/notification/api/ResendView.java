package crampwatch.notification.api;

import java.util.List;
import java.util.UUID;

/** The answer to a resend: the escalation and its deliveries that are PENDING again (or new) because of it. */
public record ResendView(UUID escalationId, List<DeliveryView> deliveries) {
}
