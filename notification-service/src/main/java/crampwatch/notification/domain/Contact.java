package crampwatch.notification.domain;

/** An address and the lowest escalation level it wants to hear about. */
public record Contact(String email, Level minLevel) {
}
