package crampwatch.common.api;

import java.util.List;

/** Every list answers {@code { "items": [...], "nextCursor": "..." | null }}. */
public record Page<T>(List<T> items, String nextCursor) {
}
