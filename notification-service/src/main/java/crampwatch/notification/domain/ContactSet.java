package crampwatch.notification.domain;

import java.time.Instant;
import java.util.List;

/** A patient's contacts: their own address (optional) and the clinicians told about them, in the given order. */
public record ContactSet(String patientId, Contact patient, List<Contact> clinicians, Instant updatedAt, String updatedBy) {
}
