package crampwatch.notification.mail;

import java.util.Map;

/** Plain-language names of the escalation rules, as emails show them. */
public final class RuleLabels {
    private static final Map<String, String> LABELS = Map.of(
            "LONG_CRAMP", "a cramp lasting more than 10 minutes",
            "PERSISTENT_OVER_TWO_WEEKS", "cramps that have not eased after two weeks",
            "DEBILITATING_PAIN", "pain at the top of the scale (10 out of 10)",
            "TOXIC_EXPOSURE", "cramps after contact with a harmful substance",
            "CONTAMINATED_WOUND", "cramps after a cut on the leg came into contact with dirt",
            "SIGNIFICANT_PAIN", "strong pain (7 to 9 out of 10)",
            "LEG_CHANGES", "swelling, numbness or skin changes in the leg",
            "OTHER_MUSCLES", "cramps in muscles outside the feet and legs",
            "FREQUENT_SLEEP_DISRUPTION", "cramps that broke sleep on 3 or more nights in a week");

    private RuleLabels() {
    }

    public static String of(String rule) {
        return LABELS.getOrDefault(rule, "a warning sign in the cramp log");
    }
}
