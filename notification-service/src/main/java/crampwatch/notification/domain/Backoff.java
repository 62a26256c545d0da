package crampwatch.notification.domain;

import java.time.Duration;

/** Exponential backoff between delivery attempts: initial, 2×, 4×, … capped at max. */
public final class Backoff {
    private Backoff() {
    }

    /** The wait after {@code failedAttempts} failed attempts (1 = after the first failure). */
    public static Duration after(int failedAttempts, Duration initial, Duration max) {
        if (failedAttempts < 1) {
            return Duration.ZERO;
        }
        int shift = Math.min(failedAttempts - 1, 30);
        long millis = initial.toMillis();
        if (millis > 0 && Long.numberOfLeadingZeros(millis) <= shift + 1) {
            return max;
        }
        Duration wait = Duration.ofMillis(millis << shift);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
