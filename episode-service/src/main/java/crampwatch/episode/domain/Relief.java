package crampwatch.episode.domain;

/** What eased the cramp. */
public enum Relief { STRETCHING, MASSAGE, WALKING, HEAT, COLD, NOTHING }
