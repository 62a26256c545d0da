package crampwatch.common.messaging;

/** A record that can never be processed (unparseable or not the contract); it goes to the dead-letter topic with this reason. */
public class PoisonMessageException extends RuntimeException {
    public PoisonMessageException(String reason) {
        super(reason, null, false, false);
    }
}
