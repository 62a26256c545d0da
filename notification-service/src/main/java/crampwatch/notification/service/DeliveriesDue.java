package crampwatch.notification.service;

/**
 * Fired (CDI event) after a commit that left deliveries due now: the sender works them off at once instead of at its
 * next poll. The service fires it; the sender observes it, so no use case depends on how mail is sent.
 */
public record DeliveriesDue() {
}
