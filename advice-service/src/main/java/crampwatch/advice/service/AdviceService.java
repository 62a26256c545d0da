package crampwatch.advice.service;

import crampwatch.advice.domain.Times;
import crampwatch.advice.domain.escalation.Escalation;
import crampwatch.advice.domain.escalation.Level;
import crampwatch.advice.domain.profile.Profile;
import crampwatch.advice.domain.selfcare.SelfCareItem;
import crampwatch.advice.domain.selfcare.SelfCarePlanner;
import crampwatch.advice.persistence.EpisodeRepository;
import crampwatch.advice.persistence.EscalationRepository;
import crampwatch.advice.persistence.ProfileRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A patient's current advice: the level of the escalations that still count, those escalations, tailored self-care. */
@ApplicationScoped
public class AdviceService {

    /** Self-care is tailored by the episodes of this last stretch of time. */
    static final Duration TAILOR_BY = Duration.ofDays(30);
    static final int TAILOR_MAX_EPISODES = 200;

    /** What the advice rests on, read in one transaction. {@code zone}: the profile's, or null. */
    public record Advice(String patientId, Level level, List<Escalation> counting, ZoneId zone, List<SelfCareItem> selfCare,
                         Instant evaluatedAt, long episodesConsidered) {
    }

    @Inject
    EscalationRepository escalations;

    @Inject
    EpisodeRepository episodes;

    @Inject
    ProfileRepository profiles;

    /** How long after it was raised an acknowledged escalation still sets the patient's level. */
    @ConfigProperty(name = "crampwatch.advice.acknowledged-counts-days", defaultValue = "14")
    int acknowledgedCountsDays;

    @Transactional
    public Advice advice(String patientId) {
        Instant now = Times.now();
        long considered = episodes.countLive(patientId);
        List<Escalation> counting = counting(patientId, now);
        Level level = levelOf(counting);
        Profile profile = profiles.profileOf(patientId).orElse(null);
        var recent = episodes.recent(patientId, now.minus(TAILOR_BY), TAILOR_MAX_EPISODES);
        return new Advice(patientId, level, counting, Profile.zoneOf(profile),
                SelfCarePlanner.plan(profile, recent, Year.now().getValue()), now, considered);
    }

    /** The patient's advice level at {@code now}, in the caller's transaction (the same answer as {@link #advice}). */
    public Level level(String patientId, Instant now) {
        return levelOf(counting(patientId, now));
    }

    private List<Escalation> counting(String patientId, Instant now) {
        return escalations.counting(patientId, now.minus(Duration.ofDays(acknowledgedCountsDays)));
    }

    private static Level levelOf(List<Escalation> counting) {
        return counting.stream().map(Escalation::level).max(Comparator.naturalOrder()).orElse(Level.SELF_CARE);
    }
}
