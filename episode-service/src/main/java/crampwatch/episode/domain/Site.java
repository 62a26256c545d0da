package crampwatch.episode.domain;

/** Where the cramp was. HAMSTRING is the back of the thigh; OTHER is any other part of the body (the OTHER_MUSCLES rule). */
public enum Site { FOOT, TOES, CALF, SHIN, THIGH, HAMSTRING, OTHER }
