package crampwatch.advice.domain.episode;

/** Where the cramp was felt (the episode contract's {@code site}). */
public enum Site {
    FOOT, TOES, CALF, SHIN, THIGH, HAMSTRING, OTHER;

    /** Feet and legs: the cramps this product is about. {@link #OTHER} is another part of the body. */
    public boolean isFootOrLeg() {
        return this != OTHER;
    }
}
