package crampwatch.notification.mail;

/**
 * Everything an alert email may show — deliberately nothing more: the level, the rule, the reason
 * sentence (clinicians), when it was raised, the patient id (clinicians only) and a link. Never notes or history.
 *
 * @param noticed       the patient's own sentence of what was noticed ("On 20 November, you had a cramp …")
 * @param episodeStarted for clinicians: when the episode started, in words, or that the event did not say
 * @param recent        the episode started within the urgent-now window: only then does an URGENT email say "now"
 * @param nowWindow     that window in words ("24 hours")
 * @param clotWarning   the rule (LEG_CHANGES) calls for the blood-clot warning and a same-day check
 * @param longCramp     the LONG_CRAMP threshold in words ("10 minutes"), for the "if it gets worse" line
 * @param also          the other escalations the same episode raised for this recipient (one email per episode),
 *                      highest level first; empty for an escalation on its own
 * @param step          0 for the escalation's first email; 1.. for a step of its escalation chain (a reminder that
 *                      nobody has acknowledged it yet, to the clinicians and the clinic's on-call addresses)
 */
public record EmailModel(String patientId, String level, String rule, String ruleLabel, String reason, String raisedAt,
                         String link, String noticed, String episodeStarted, boolean recent,
                         String nowWindow, boolean clotWarning, String longCramp, java.util.List<Also> also, int step) {

    /** The escalation's first email (step 0). */
    public EmailModel(String patientId, String level, String rule, String ruleLabel, String reason, String raisedAt,
                      String link, String noticed, String episodeStarted, boolean recent,
                      String nowWindow, boolean clotWarning, String longCramp, java.util.List<Also> also) {
        this(patientId, level, rule, ruleLabel, reason, raisedAt, link, noticed, episodeStarted, recent, nowWindow, clotWarning,
                longCramp, also, 0);
    }

    /** Another escalation in the same email: its rule, label, level and reason (clinicians), and the patient's sentence. */
    public record Also(String rule, String ruleLabel, String level, String reason, String noticed) {
    }
}
