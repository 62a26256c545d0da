package crampwatch.advice.domain.escalation;

/**
 * The email deliveries of one escalation as notification-service last reported them. {@code state}:
 * FAILED when any failed (someone who should know may not), else PENDING while any is still to go,
 * else SENT when at least one went out, else NONE (nobody was to be emailed, or nothing reported yet).
 * {@code reminderSent}: the highest step of the URGENT escalation chain whose email went out (0: no reminder yet).
 */
public record DeliverySummary(int sent, int pending, int failed, int reminderSent) {

    public static final DeliverySummary NONE = new DeliverySummary(0, 0, 0, 0);

    public enum State { FAILED, PENDING, SENT, NONE }

    public State state() {
        if (failed > 0) {
            return State.FAILED;
        }
        if (pending > 0) {
            return State.PENDING;
        }
        return sent > 0 ? State.SENT : State.NONE;
    }
}
