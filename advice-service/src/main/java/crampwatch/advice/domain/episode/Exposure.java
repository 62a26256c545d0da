package crampwatch.advice.domain.episode;

/** What the patient was exposed to before the cramp (the episode contract's {@code exposures}). */
public enum Exposure {
    TOXIC_SUBSTANCE, CONTAMINATED_WOUND
}
