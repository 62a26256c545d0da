package crampwatch.advice.domain.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A medicine in the profile: its name as the patient or clinician wrote it and, optionally, the day it
 * was started (which the NEW_MEDICINE rule looks at). In a request a plain string is a medicine without a
 * start date, so profiles written before start dates existed keep working.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Medicine(String name, LocalDate startedOn) {

    public Medicine {
        Objects.requireNonNull(name, "name");
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public static Medicine of(@JsonProperty("name") String name, @JsonProperty("startedOn") LocalDate startedOn) {
        return new Medicine(name, startedOn);
    }

    /** {@code "atorvastatin"}: a medicine without a start date. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Medicine named(String name) {
        return new Medicine(name, null);
    }
}
