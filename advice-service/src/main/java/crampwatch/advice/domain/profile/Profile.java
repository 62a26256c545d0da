package crampwatch.advice.domain.profile;

import java.time.ZoneId;
import java.util.List;

/** What a patient (or their clinician) told us that changes the advice and the night boundary. */
public record Profile(String patientId, Integer birthYear, boolean pregnant, String timeZone, List<Condition> conditions,
                      List<Medicine> medicines) {

    public Profile {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        medicines = medicines == null ? List.of() : List.copyOf(medicines);
    }

    /** The profile's zone, or null when none is set (then each episode's reported offset counts). */
    public ZoneId zone() {
        return timeZone == null ? null : ZoneId.of(timeZone);
    }

    public static ZoneId zoneOf(Profile profile) {
        return profile == null ? null : profile.zone();
    }
}
