package crampwatch.advice.api;

import jakarta.validation.constraints.Size;

/** Body of {@code POST /escalations/{id}/acknowledge}; the note is optional. */
public record AcknowledgeRequest(@Size(max = 2000, message = "must be at most 2000 characters") String note) {
}
