package crampwatch.advice.domain.episode;

/** What else the patient noticed in the leg (the episode contract's {@code symptoms}). */
public enum Symptom {
    SWELLING, NUMBNESS, SKIN_CHANGES, MUSCLE_WEAKNESS
}
