package crampwatch.notification.domain;

/** One person an escalation is mailed to, and the version of the email they get. */
public record Recipient(String email, Audience audience) {
}
