package crampwatch.notification.webhook.api;

/** {@code POST /webhooks/subscriptions/{id}/secret}: the new secret, or nothing (one is made and returned once). */
public record SecretRequest(String secret) {
}
