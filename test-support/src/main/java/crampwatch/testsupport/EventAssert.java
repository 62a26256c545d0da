package crampwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.common.events.EventSchemas;

/** Asserts that a message satisfies the event contract in {@code common/src/main/resources/events/}. */
public final class EventAssert {
    private EventAssert() {
    }

    public static void assertValid(String schemaName, String json) {
        assertThat(EventSchemas.validate(schemaName, json)).as("schema %s violations for %s", schemaName, json).isEmpty();
    }
}
