package crampwatch.advice.domain.episode;

/** What eased a cramp (the episode contract's {@code relievedBy}). */
public enum Relief {
    STRETCHING, MASSAGE, WALKING, HEAT, COLD, NOTHING
}
