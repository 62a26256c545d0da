package crampwatch.advice.api;

import crampwatch.advice.domain.profile.Condition;
import crampwatch.advice.domain.profile.Profile;
import java.util.List;

public record ProfileView(String patientId, Integer birthYear, boolean pregnant, String timeZone, List<Condition> conditions,
                          List<crampwatch.advice.domain.profile.Medicine> medicines) {

    static ProfileView of(Profile p) {
        return new ProfileView(p.patientId(), p.birthYear(), p.pregnant(), p.timeZone(), p.conditions(), p.medicines());
    }
}
