package crampwatch.notification.mail;

import java.util.List;

/**
 * A clinician's daily digest: the day (in words), how many escalations, and for each the patient id, rule, label,
 * reason, when it was raised and a link to the patient's open escalations. Never notes or history.
 */
public record DigestModel(String day, int count, List<Item> items) {

    public record Item(String patientId, String rule, String ruleLabel, String reason, String raisedAt, String link) {
    }
}
