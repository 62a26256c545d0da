package crampwatch.advice.domain.selfcare;

/** One piece of self-care advice, written in our own words. */
public record SelfCareItem(String id, String title, String text) {
}
