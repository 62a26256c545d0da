package crampwatch.episode.domain;

/** Where the cramp was. FOOT, TOES, CALF, SHIN and THIGH are the legs and feet; HAMSTRING and OTHER count as other muscles for the rules. */
public enum Site { FOOT, TOES, CALF, SHIN, THIGH, HAMSTRING, OTHER }
