package crampwatch.episode.domain;

/** What the cramp followed: contact with a hazardous substance, or a cut exposed to dirt. */
public enum Exposure { TOXIC_SUBSTANCE, CONTAMINATED_WOUND }
