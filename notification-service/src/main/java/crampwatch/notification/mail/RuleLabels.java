package crampwatch.notification.mail;

/**
 * Plain-language names of the escalation rules, as the clinician emails show them next to the rule id.
 * Every number comes from the configured thresholds, never a literal. Subjects never show them.
 */
public final class RuleLabels {

    private RuleLabels() {
    }

    public static String of(String rule, Thresholds t) {
        return switch (rule == null ? "" : rule) {
            case "LONG_CRAMP" -> "a cramp lasting more than " + t.longCramp();
            case "PERSISTENT_OVER_TWO_WEEKS" -> "cramps on and off for more than " + Thresholds.days(t.persistentDays())
                    + " without a " + t.runGapDays() + "-day break";
            case "DEBILITATING_PAIN" -> "very severe pain, " + t.debilitating();
            case "TOXIC_EXPOSURE" -> "cramps after contact with a harmful substance";
            case "CONTAMINATED_WOUND" -> "cramps after a cut on the leg came into contact with dirt";
            case "SIGNIFICANT_PAIN" -> "strong pain, " + t.significant();
            case "LEG_CHANGES" -> "changes in the leg: swelling, numbness, changed skin or weak muscles";
            case "OTHER_MUSCLES" -> "cramps in muscles outside the feet and legs";
            case "FREQUENT_SLEEP_DISRUPTION" -> "cramps that broke sleep on " + t.sleepDisruptionNights()
                    + " or more nights within " + Thresholds.nights(t.sleepWindowNights());
            case "NOT_HELPED_BY_SELF_CARE" -> "cramps that nothing eased on " + t.notHelpedNights() + " or more nights within "
                    + Thresholds.nights(t.notHelpedWindowNights());
            case "NEW_MEDICINE" -> "cramps that began within " + Thresholds.days(t.newMedicineDays())
                    + " of starting a medicine, with none in the " + Thresholds.days(t.newMedicineDays()) + " before";
            default -> "a warning sign in the cramp log";
        };
    }

    /**
     * What the patient's own email says was noticed: one sentence, addressed to "you", the date in words.
     * {@code day} is the date the (latest) episode started, e.g. "20 November".
     */
    public static String noticed(String rule, Thresholds t, String day) {
        return switch (rule == null ? "" : rule) {
            case "LONG_CRAMP" -> "On " + day + ", you had a cramp that lasted more than " + t.longCramp() + ".";
            case "PERSISTENT_OVER_TWO_WEEKS" -> "You have had cramps on and off for more than "
                    + Thresholds.days(t.persistentDays()) + ", up to " + day + ", without a " + t.runGapDays() + "-day break.";
            case "DEBILITATING_PAIN" -> "On " + day + ", you gave a cramp a pain score of " + t.debilitating() + ".";
            case "TOXIC_EXPOSURE" -> "On " + day + ", you had a cramp after contact with a harmful substance.";
            case "CONTAMINATED_WOUND" -> "On " + day + ", you had a cramp after a cut on your leg came into contact with "
                    + "dirt or something else that can cause infection.";
            case "SIGNIFICANT_PAIN" -> "On " + day + ", you gave a cramp a pain score of " + t.significant() + ".";
            case "LEG_CHANGES" -> "On " + day + ", you had a cramp with changes in your leg, such as swelling, numbness, "
                    + "changed skin or weak muscles.";
            case "OTHER_MUSCLES" -> "On " + day + ", you had a cramp in a muscle outside your feet and legs.";
            case "FREQUENT_SLEEP_DISRUPTION" -> "Cramps woke you on " + t.sleepDisruptionNights() + " or more different nights within "
                    + Thresholds.nights(t.sleepWindowNights()) + ", most recently on " + day + ".";
            case "NOT_HELPED_BY_SELF_CARE" -> "Nothing you tried eased your cramps on " + t.notHelpedNights() + " or more nights within "
                    + Thresholds.nights(t.notHelpedWindowNights()) + ", most recently on " + day + ".";
            case "NEW_MEDICINE" -> "Your cramps began within " + Thresholds.days(t.newMedicineDays())
                    + " of starting a medicine, and you had none in the " + Thresholds.days(t.newMedicineDays()) + " before.";
            default -> "We noticed a warning sign in your cramp log on " + day + ".";
        };
    }
}
