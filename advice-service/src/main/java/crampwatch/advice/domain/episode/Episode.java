package crampwatch.advice.domain.episode;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One cramp as the rules see it. {@code startedAt} keeps the offset the patient reported it with:
 * without a profile time zone, that offset decides which night the cramp belongs to.
 */
public record Episode(UUID id, OffsetDateTime startedAt, int durationSeconds, Site site, int painScore,
                      boolean wokeFromSleep, Set<Relief> relievedBy, Set<Symptom> symptoms, Set<Exposure> exposures) {

    public Episode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(site, "site");
        relievedBy = relievedBy == null ? Set.of() : Set.copyOf(relievedBy);
        symptoms = symptoms == null ? Set.of() : Set.copyOf(symptoms);
        exposures = exposures == null ? Set.of() : Set.copyOf(exposures);
    }
}
