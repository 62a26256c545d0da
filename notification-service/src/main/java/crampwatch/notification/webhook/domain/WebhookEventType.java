package crampwatch.notification.webhook.domain;

/** The events a subscription may ask for (docs/events.md); the names are the events' {@code type}. */
public enum WebhookEventType {
    EscalationRaised, EscalationWithdrawn, EscalationAcknowledged, AdviceChanged
}
