package crampwatch.notification.domain;

/**
 * Life of one email: PENDING (due at {@code not_before}) → SENDING (claimed, committed before the
 * SMTP conversation) → SENT, or back to PENDING after a failed attempt, or FAILED after the last one.
 * CANCELLED when the escalation was withdrawn while PENDING; NO_RECIPIENT when nobody wanted it.
 * DIGEST: a SEE_DOCTOR alert owed to a clinician's daily digest, never mailed on its own; it becomes SENT (or FAILED)
 * with the digest that lists it, CANCELLED if withdrawn first.
 */
public enum DeliveryStatus {
    PENDING,
    SENDING,
    SENT,
    FAILED,
    CANCELLED,
    NO_RECIPIENT,
    DIGEST
}
