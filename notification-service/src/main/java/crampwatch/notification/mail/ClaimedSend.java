package crampwatch.notification.mail;

import crampwatch.common.logging.Logs;
import crampwatch.notification.domain.ErrorSummary;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One SMTP conversation under a claim, the same for a delivery and a digest: compose the email, fix its Message-ID,
 * renew the claim's lease right before SMTP — a claim no longer ours is not sent — and hand it to the relay. A failure
 * to compose counts as a failed attempt like a refused one. Recording the outcome is the caller's.
 */
final class ClaimedSend {

    /** How the conversation ended: SENT, NOT_OURS (nothing sent), or FAILED with the error to store and to log. */
    enum Result { SENT, NOT_OURS, FAILED }

    /** {@code error}: the root cause, stored in the row; {@code logged}: its summary for the log (no addresses). */
    record Outcome(Result result, String error, String logged) {
    }

    private ClaimedSend() {
    }

    static Outcome send(Mailer mailer, String to, String messageId, Supplier<RenderedEmail> compose, BooleanSupplier renew) {
        try {
            RenderedEmail email = compose.get();
            Mail mail = Mail.withText(to, email.subject(), email.text()).setHtml(email.html());
            mail.addHeader("Message-ID", messageId);
            // Still ours? The lease starts afresh for this one conversation; a claim taken away is not sent.
            if (!renew.getAsBoolean()) {
                return new Outcome(Result.NOT_OURS, null, null);
            }
            mailer.send(mail);
            return new Outcome(Result.SENT, null, null);
        } catch (RuntimeException e) {
            return new Outcome(Result.FAILED, Logs.rootMessage(e), ErrorSummary.of(e));
        }
    }
}
