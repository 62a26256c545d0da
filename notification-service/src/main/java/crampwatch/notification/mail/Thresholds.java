package crampwatch.notification.mail;

import crampwatch.common.config.RulesConfig;

/**
 * The rule thresholds as the emails put them in words; from {@code crampwatch.rules.*}, the same keys and
 * defaults as advice-service, so the texts never disagree with the rule that fired.
 */
public record Thresholds(int longCrampSeconds, int persistentDays, int runGapDays, int debilitatingPain,
                         int significantPain, int sleepDisruptionNights, int sleepWindowNights, int notHelpedNights,
                         int notHelpedWindowNights, int newMedicineDays) {

    /** The domain brief's defaults. */
    public static final Thresholds DEFAULTS = new Thresholds(600, 14, 14, 10, 7, 3, 7, 3, 14, 30);

    /** The numbers in force: common's {@code crampwatch.rules.*}, the one definition advice-service evaluates with. */
    public static Thresholds of(RulesConfig c) {
        return new Thresholds(c.longCrampSeconds(), c.persistentDays(), c.runGapDays(), c.debilitatingPain(),
                c.significantPain(), c.sleepDisruptionNights(), c.sleepWindowNights(), c.notHelpedNights(),
                c.notHelpedWindowNights(), c.newMedicineDays());
    }

    /** 600 → "10 minutes", 60 → "1 minute", 90 → "90 seconds". */
    public String longCramp() {
        if (longCrampSeconds % 60 == 0) {
            int minutes = longCrampSeconds / 60;
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        return longCrampSeconds == 1 ? "1 second" : longCrampSeconds + " seconds";
    }

    /** "10 out of 10", or "9 or more out of 10" when the top of the scale is not the threshold. */
    public String debilitating() {
        return debilitatingPain >= 10 ? "10 out of 10" : debilitatingPain + " or more out of 10";
    }

    /** "7 to 9 out of 10"; "9 out of 10" when that is the only score between the two thresholds. */
    public String significant() {
        int top = debilitatingPain - 1;
        return top <= significantPain ? significantPain + " out of 10" : significantPain + " to " + top + " out of 10";
    }

    static String days(int n) {
        return n == 1 ? "1 day" : n + " days";
    }

    static String nights(int n) {
        return n == 1 ? "1 night" : n + " nights";
    }
}
