package crampwatch.notification.mail;

/** An email ready to hand to the mailer: subject, plain-text body and HTML body. */
public record RenderedEmail(String subject, String text, String html) {
}
