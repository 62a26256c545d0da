package crampwatch.advice.domain.rules;

/**
 * Every number the rules use, as plain values (the service fills them from
 * {@code crampwatch.rules.*}; unit tests use {@link #defaults()}).
 *
 * @param longCrampSeconds       LONG_CRAMP fires above this duration (strictly more)
 * @param persistentDays         PERSISTENT_OVER_TWO_WEEKS fires when a run spans strictly more than this many days
 * @param runGapDays             a cramp-free gap of at least this many days ends a run
 * @param debilitatingPain       DEBILITATING_PAIN fires at this pain score or above
 * @param significantPain        SIGNIFICANT_PAIN fires from this pain score up to just below {@code debilitatingPain}
 * @param sleepDisruptionNights  FREQUENT_SLEEP_DISRUPTION fires at this many distinct woken nights ...
 * @param sleepWindowNights      ... within any this many consecutive nights
 * @param nightShiftHours        a night is the local date of (local start time minus this many hours)
 * @param notHelpedNights        NOT_HELPED_BY_SELF_CARE fires at this many distinct nights nothing eased the cramps ...
 * @param notHelpedWindowNights  ... within any this many consecutive nights
 * @param newMedicineDays        NEW_MEDICINE: cramps within this many nights after a medicine's start, none this many before
 */
public record RuleThresholds(int longCrampSeconds, int persistentDays, int runGapDays, int debilitatingPain,
                             int significantPain, int sleepDisruptionNights, int sleepWindowNights, int nightShiftHours,
                             int notHelpedNights, int notHelpedWindowNights, int newMedicineDays) {

    public RuleThresholds {
        require(longCrampSeconds >= 1, "long-cramp-seconds must be at least 1");
        require(persistentDays >= 1, "persistent-days must be at least 1");
        require(runGapDays >= 1, "run-gap-days must be at least 1");
        require(debilitatingPain >= 1 && debilitatingPain <= 10, "debilitating-pain must be 1..10");
        require(significantPain >= 1 && significantPain <= debilitatingPain, "significant-pain must be 1..debilitating-pain");
        require(sleepDisruptionNights >= 1 && sleepDisruptionNights <= sleepWindowNights,
                "sleep-disruption-nights must be 1..sleep-window-nights");
        require(sleepWindowNights >= 1, "sleep-window-nights must be at least 1");
        require(nightShiftHours >= 0 && nightShiftHours <= 23, "night-shift-hours must be 0..23");
        require(newMedicineDays >= 1, "new-medicine-days must be at least 1");
        require(notHelpedWindowNights >= 1, "not-helped-window-nights must be at least 1");
        require(notHelpedNights >= 1 && notHelpedNights <= notHelpedWindowNights,
                "not-helped-nights must be 1..not-helped-window-nights");
    }

    public static RuleThresholds defaults() {
        return new RuleThresholds(600, 14, 14, 10, 7, 3, 7, 12, 3, 14, 30);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
