package crampwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import crampwatch.common.events.EpisodeContract;
import crampwatch.common.events.EventSchemas;

/**
 * Asserts that a message satisfies the event contract in {@code common/src/main/resources/events/}; for
 * episode events, the whole episode contract a consumer applies ({@link EpisodeContract#checkEvent}).
 */
public final class EventAssert {
    private EventAssert() {
    }

    public static void assertValid(String schemaName, String json) {
        var problems = EventSchemas.EPISODE_EVENT.equals(schemaName) ? EpisodeContract.checkEvent(json)
                : EventSchemas.validate(schemaName, json);
        assertThat(problems).as("schema %s violations for %s", schemaName, json).isEmpty();
    }
}
