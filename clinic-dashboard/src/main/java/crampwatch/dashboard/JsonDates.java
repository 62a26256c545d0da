package crampwatch.dashboard;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Episode times keep the offset the patient reported them with (design.md), and the night a cramp belongs to
 * follows from that offset when the profile has no time zone (domain.md). Jackson's default turns every
 * {@code OffsetDateTime} it reads into UTC, which would move such cramps to another night and show clinicians
 * UTC times; this keeps the offset as sent.
 */
@Singleton
public class JsonDates implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }
}
