package crampwatch.advice.service;

import crampwatch.advice.domain.Times;
import crampwatch.advice.domain.profile.Profile;
import crampwatch.advice.persistence.ProfileRepository;
import crampwatch.common.api.NotFoundProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Patient profiles. Saving one works NEW_MEDICINE out again in the same transaction. */
@ApplicationScoped
@Transactional
public class ProfileService {

    @Inject
    ProfileRepository profiles;

    @Inject
    AdviceEngine engine;

    public Profile save(Profile profile, String by) {
        profiles.save(profile, by, Times.now());
        // A start date may make cramps already stored count as "began after a new medicine" (or no longer).
        engine.profileChanged(profile.patientId());
        return profile;
    }

    public Profile get(String patientId) {
        return profiles.profileOf(patientId).orElseThrow(() -> new NotFoundProblem("profile for this patient"));
    }
}
