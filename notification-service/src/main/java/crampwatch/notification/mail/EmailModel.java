package crampwatch.notification.mail;

/**
 * Everything an alert email may show — deliberately nothing more: the level, the rule, the reason
 * sentence, when it was raised, the patient id (clinicians only) and a link. Never notes or history.
 */
public record EmailModel(String patientId, String level, String rule, String ruleLabel, String reason, String raisedAt,
                         String link) {
}
