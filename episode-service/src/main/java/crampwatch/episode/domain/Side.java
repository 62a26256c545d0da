package crampwatch.episode.domain;

public enum Side { LEFT, RIGHT, BOTH }
