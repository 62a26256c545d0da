package crampwatch.advice.service;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.escalation.Escalation;
import crampwatch.advice.domain.escalation.EscalationIds;
import crampwatch.advice.domain.escalation.Level;
import crampwatch.advice.domain.escalation.RuleId;
import crampwatch.advice.domain.profile.Medicine;
import crampwatch.advice.domain.profile.Profile;

import java.util.Optional;
import crampwatch.advice.domain.rules.NightsInWindow;
import crampwatch.advice.domain.rules.Finding;
import crampwatch.advice.domain.rules.RuleBook;
import crampwatch.advice.domain.Times;
import crampwatch.advice.messaging.EscalationPublisher;
import crampwatch.advice.persistence.EpisodeRepository;
import crampwatch.advice.persistence.EscalationRepository;
import crampwatch.advice.persistence.ProfileRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * The use cases of the rules (a service: it reads and writes through the repositories and announces through the
 * outbox publisher; the rules themselves are pure, in {@code domain.rules}). Applies the rules to each new episode against the patient's stored history, and turns what fires into
 * escalations with the dedupe semantics of the domain brief:
 * <ul>
 * <li>URGENT per-episode rules: one escalation per offending episode (a unique key makes it so);</li>
 * <li>SEE_DOCTOR rules: at most one OPEN escalation per patient and rule; new evidence is attached to
 * it without a new event; once acknowledged, new evidence raises a new one;</li>
 * <li>PERSISTENT_OVER_TWO_WEEKS: at most once per run (runs raised for are remembered as time spans);</li>
 * <li>retraction: an OPEN escalation left without any live evidence is WITHDRAWN.</li>
 * </ul>
 * Escalation ids follow from patient, rule and evidence ({@link EscalationIds}), so a rebuild of this database
 * from {@code cramp-episodes} reproduces them and nothing is mailed twice.
 * Rules read the stored history, not the arrival order, so late or out-of-order episodes give the same answer.
 */
@ApplicationScoped
public class AdviceEngine {

    @Inject
    RuleBook rules;

    @Inject
    EpisodeRepository episodes;

    @Inject
    ProfileRepository profiles;

    @Inject
    EscalationRepository escalations;

    @Inject
    EscalationPublisher publisher;

    @Inject
    AdviceLevels levels;

    /** A new episode: store it (unless already stored or already retracted) and evaluate the rules. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void episodeLogged(String patientId, Episode episode, String side, Instant recordedAt) {
        if (!episodes.insertUnlessKnown(patientId, episode, side, recordedAt)) {
            if (episodes.isRetracted(episode.id())) {
                Log.infof("Episode %s of patient %s was retracted before it arrived; ignored", episode.id(), patientId);
            } else {
                Log.debugf("Episode %s already stored; nothing to evaluate", episode.id());
            }
            return;
        }
        // Read once: a patient without a profile would otherwise cost a second query (no row is not remembered).
        Profile profile = profiles.profileOf(patientId).orElse(null);
        ZoneId zone = Profile.zoneOf(profile);
        Instant start = episode.startedAt().toInstant();
        Instant now = Times.now();
        List<Escalation> raised = new ArrayList<>();

        for (Finding f : rules.episodeFindings(episode, zone)) {
            apply(patientId, f, episode.id(), now, raised);
        }

        Duration around = rules.persistent().lookaround();
        List<Episode> window = episodes.window(patientId, start.minus(around), start.plus(around));
        rules.persistent().evaluate(episode, window, zone).ifPresent(f -> persistent(patientId, f, episode.id(), now, raised));

        newMedicine(patientId, profile, now, raised);

        for (NightsInWindow rule : rules.nightRules()) {
            if (!rule.counts(episode)) {
                continue;
            }
            Duration nights = rule.lookaround();
            List<Episode> recent = nights.compareTo(around) <= 0
                    ? window.stream().filter(e -> !e.startedAt().toInstant().isBefore(start.minus(nights))
                            && !e.startedAt().toInstant().isAfter(start.plus(nights))).toList()
                    : episodes.window(patientId, start.minus(nights), start.plus(nights));
            rule.evaluate(episode, recent, zone).ifPresent(f -> apply(patientId, f, episode.id(), now, raised));
        }
        // Announced together, each naming the episode and the others: notification-service sends a recipient one
        // email per episode at the highest level, listing every reason (domain.md, "One message per episode").
        List<UUID> together = raised.stream().map(Escalation::id).toList();
        for (Escalation e : raised) {
            announce(e, episode.id(), together);
        }
        levels.settle(patientId);
    }

    /** A retraction: forget the episode (now and if it arrives later) and withdraw what rested on it alone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void episodeRetracted(String patientId, UUID episodeId, Instant retractedAt) {
        episodes.rememberRetraction(patientId, episodeId, retractedAt);
        if (!episodes.deleteForPatient(patientId, episodeId)) {
            return;
        }
        Instant now = Times.now();
        for (Escalation open : escalations.openWithoutLiveEvidence(patientId, episodeId)) {
            Escalation withdrawn = escalations.withdraw(open.id(), now);
            Log.infof("Escalation %s of patient %s withdrawn: its evidence was retracted", open.id(), patientId);
            publisher.withdrawn(withdrawn);
        }
        // A retracted cramp in the nights before a new medicine may make the later ones count as new.
        announceAlone(newMedicine(patientId, profiles.profileOf(patientId).orElse(null), now, new ArrayList<>()));
        levels.settle(patientId);
    }

    /** The profile changed (start dates of medicines may have come or gone): NEW_MEDICINE is worked out again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void profileChanged(String patientId) {
        announceAlone(newMedicine(patientId, profiles.profileOf(patientId).orElse(null), Times.now(), new ArrayList<>()));
        levels.settle(patientId);
    }

    /**
     * NEW_MEDICINE from the whole picture (the profile's dated medicines and the stored cramps around them),
     * so the result does not depend on the order in which cramps and profile changes arrive: when it holds,
     * the open escalation gets the evidence (or one is raised); when it no longer holds (a cramp turned up in
     * the nights before the start, a date was changed or removed), an open NEW_MEDICINE escalation is withdrawn.
     */
    private List<Escalation> newMedicine(String patientId, Profile profile, Instant now, List<Escalation> raised) {
        var rule = rules.newMedicine();
        List<Medicine> medicines = profile == null ? List.of() : profile.medicines();
        Optional<Finding> found = rule.span(medicines).flatMap(span ->
                rule.evaluate(medicines, episodes.window(patientId, span[0], span[1]), Profile.zoneOf(profile)));
        if (found.isPresent()) {
            // Only evidence no escalation of this rule cites yet counts as new: an acknowledged escalation is not
            // raised again by an unrelated cramp or by saving the same profile twice.
            java.util.Set<UUID> cited = escalations.citedBy(patientId, RuleId.NEW_MEDICINE);
            Optional<UUID> fresh = found.get().episodeIds().stream().filter(id -> !cited.contains(id)).findFirst();
            if (fresh.isPresent()) {
                apply(patientId, found.get(), fresh.get(), now, raised);
            }
            return raised;
        }
        escalations.findOpenForUpdate(patientId, RuleId.NEW_MEDICINE).ifPresent(open -> {
            Escalation withdrawn = escalations.withdraw(open.id(), now);
            Log.infof("Escalation %s of patient %s withdrawn: the cramps no longer began after a new medicine", open.id(), patientId);
            publisher.withdrawn(withdrawn);
        });
        return raised;
    }

    private void apply(String patientId, Finding f, UUID arriving, Instant now, List<Escalation> raised) {
        if (f.level() == Level.URGENT) {
            Escalation e = Escalation.open(EscalationIds.perEpisode(patientId, f.rule(), arriving), patientId, f.rule(),
                    f.reason(), f.episodeIds(), now);
            if (escalations.insert(e, arriving)) {
                raised.add(e);
            }
            return;
        }
        var open = escalations.findOpenForUpdate(patientId, f.rule());
        if (open.isPresent()) {
            attach(open.get(), f.episodeIds());
            return;
        }
        Escalation e = Escalation.open(nextId(patientId, f.rule(), arriving), patientId, f.rule(), f.reason(), f.episodeIds(), now);
        if (escalations.insert(e, null)) {
            raised.add(e);
        }
    }

    private void persistent(String patientId, Finding f, UUID arriving, Instant now, List<Escalation> raised) {
        Duration gap = Duration.ofDays(rules.thresholds().runGapDays());
        List<EscalationRepository.Run> sameRun = escalations.runsNear(patientId, f.runFrom(), f.runTo(), gap);
        if (!sameRun.isEmpty()) {
            escalations.widenRun(sameRun.get(0).id(), f.runFrom(), f.runTo());
            return;
        }
        var open = escalations.findOpenForUpdate(patientId, f.rule());
        UUID escalationId;
        if (open.isPresent()) {
            attach(open.get(), f.episodeIds());
            escalationId = open.get().id();
        } else {
            Escalation e = Escalation.open(nextId(patientId, f.rule(), arriving), patientId, f.rule(), f.reason(),
                    f.episodeIds(), now);
            if (escalations.insert(e, null)) {
                raised.add(e);
            }
            escalationId = e.id();
        }
        escalations.saveRun(patientId, f.runFrom(), f.runTo(), escalationId);
    }

    /**
     * The id of a new escalation for a rule that keeps one open escalation per patient: the patient's first one
     * for the rule is named by patient and rule alone (whatever the order the evidence arrives in, it is the
     * same escalation); a later one, after the previous was acknowledged or withdrawn, by the episode whose
     * arrival opened it. See docs/rules.md, "Escalation identity".
     */
    private UUID nextId(String patientId, RuleId rule, UUID arriving) {
        return escalations.anyFor(patientId, rule) ? EscalationIds.openedBy(patientId, rule, arriving.toString())
                : EscalationIds.firstFor(patientId, rule);
    }

    private void attach(Escalation open, List<UUID> evidence) {
        LinkedHashSet<UUID> ids = new LinkedHashSet<>(open.episodeIds());
        if (ids.addAll(evidence)) {
            escalations.setEvidence(open.id(), new ArrayList<>(ids));
        }
    }

    /** Raised by the arrival of {@code trigger}, together with {@code together} (this one included). */
    private void announce(Escalation e, UUID trigger, List<UUID> together) {
        // Ids only: the rule and level are health data and stay out of the logs.
        Log.infof("Escalation %s raised for patient %s", e.id(), e.patientId());
        // The profile's time zone travels with it: notification-service reads the patient's quiet hours in it.
        String zone = profiles.profileOf(e.patientId()).map(Profile::timeZone).orElse(null);
        publisher.raised(e, episodes.latestStart(e.patientId(), e.episodeIds()).orElse(null), trigger, together, zone);
    }

    /** Raised by a profile change or a retraction: no episode arrived, so nothing else was raised with it. */
    private void announceAlone(List<Escalation> raised) {
        for (Escalation e : raised) {
            announce(e, null, null);
        }
    }
}
