package crampwatch.notification.domain;

import java.time.Duration;

/**
 * When the steps of an escalation chain are due: pure logic, no I/O. Step 1 waits {@code firstStep} after the escalation
 * was taken in; step n waits {@code firstStep × multiplier^(n-1)} after step n-1, at most {@code maxInterval}.
 */
public record ChainSchedule(Duration firstStep, double multiplier, Duration maxInterval, int maxSteps) {

    public ChainSchedule {
        if (firstStep.isNegative() || firstStep.isZero()) {
            throw new IllegalArgumentException("the first step's wait must be positive");
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("the multiplier must be at least 1");
        }
        if (maxInterval.compareTo(firstStep) < 0) {
            throw new IllegalArgumentException("the longest interval must be at least the first step's wait");
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("the number of steps must not be negative");
        }
    }

    /** The wait before {@code step} (1 = the first reminder), from the escalation's intake or the step before it. */
    public Duration waitBefore(int step) {
        if (step < 1) {
            throw new IllegalArgumentException("steps count from 1");
        }
        double millis = firstStep.toMillis() * Math.pow(multiplier, step - 1);
        if (Double.isInfinite(millis) || millis >= maxInterval.toMillis()) {
            return maxInterval;
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** Whether {@code step} is the chain's last. */
    public boolean isLast(int step) {
        return step >= maxSteps;
    }
}
