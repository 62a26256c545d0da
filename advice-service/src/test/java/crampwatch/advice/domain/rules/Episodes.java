package crampwatch.advice.domain.rules;

import crampwatch.advice.domain.episode.Episode;
import crampwatch.advice.domain.episode.Exposure;
import crampwatch.advice.domain.episode.Relief;
import crampwatch.advice.domain.episode.Site;
import crampwatch.advice.domain.episode.Symptom;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** Test episodes: a harmless 90-second calf cramp unless told otherwise. */
final class Episodes {
    private Episodes() {
    }

    static Episode at(String startedAt) {
        return new Episode(UUID.randomUUID(), OffsetDateTime.parse(startedAt), 90, Site.CALF, 3, false,
                Set.of(Relief.STRETCHING), Set.of(), Set.of());
    }

    static Episode woken(String startedAt) {
        Episode e = at(startedAt);
        return new Episode(e.id(), e.startedAt(), e.durationSeconds(), e.site(), e.painScore(), true, e.relievedBy(),
                e.symptoms(), e.exposures());
    }

    /** A cramp that nothing eased ({@code relievedBy: [NOTHING]}). */
    static Episode unrelieved(String startedAt) {
        Episode e = at(startedAt);
        return new Episode(e.id(), e.startedAt(), e.durationSeconds(), e.site(), e.painScore(), e.wokeFromSleep(),
                Set.of(Relief.NOTHING), e.symptoms(), e.exposures());
    }

    static Episode lasting(int seconds) {
        Episode e = at("2026-11-20T02:14:00+01:00");
        return new Episode(e.id(), e.startedAt(), seconds, e.site(), e.painScore(), e.wokeFromSleep(), e.relievedBy(),
                e.symptoms(), e.exposures());
    }

    static Episode pain(int score) {
        Episode e = at("2026-11-20T02:14:00+01:00");
        return new Episode(e.id(), e.startedAt(), e.durationSeconds(), e.site(), score, e.wokeFromSleep(), e.relievedBy(),
                e.symptoms(), e.exposures());
    }

    static Episode with(Site site, Set<Symptom> symptoms, Set<Exposure> exposures) {
        Episode e = at("2026-11-20T02:14:00+01:00");
        return new Episode(e.id(), e.startedAt(), e.durationSeconds(), site, e.painScore(), e.wokeFromSleep(), e.relievedBy(),
                symptoms, exposures);
    }
}
