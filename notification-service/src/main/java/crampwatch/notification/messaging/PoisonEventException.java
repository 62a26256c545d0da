package crampwatch.notification.messaging;

/** A record that can never be processed (not JSON, or not the contract): it goes to the dead-letter topic. */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String reason) {
        super(reason);
    }
}
