package crampwatch.episode.domain;

/** Changes in the leg that came with the cramp. */
public enum Symptom { SWELLING, NUMBNESS, SKIN_CHANGES, MUSCLE_WEAKNESS }
