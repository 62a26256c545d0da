package crampwatch.common.api;

/**
 * The service cannot take this request now (the database does not answer in time, the write queue is
 * full): a 503 problem with {@code Retry-After}, so a client backs off instead of waiting on a hang.
 */
public class ServiceUnavailableException extends RuntimeException {

    private final int retryAfterSeconds;

    public ServiceUnavailableException(String detail, int retryAfterSeconds) {
        super(detail, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
