package crampwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line bin/bench passes on, and the experiments performance.md describes. */
class OptionsTest {

    @Test
    void defaultsAreTheFullRunOfAllPhases() {
        Options o = Options.parse();
        assertThat(o).isEqualTo(new Options(false, "bin/bench", List.of("ingest", "pgbench", "alerts", "cost"), null, null, null, Map.of()));
    }

    @Test
    void everyOptionKeepsItsMeaning() {
        Options o = Options.parse("--command=bin/bench --quick --phases=alerts", "--quick", "--phases=alerts,cost",
                "--delivery-poll-interval=500ms", "--profile=episode-service", "--service-java-options=-Xms32m -Xmx96m",
                "--service-env=MALLOC_ARENA_MAX=2", "--service-env=JAVA_OPTS=-Da=b");
        assertThat(o).isEqualTo(new Options(true, "bin/bench --quick --phases=alerts", List.of("alerts", "cost"), "500ms",
                "episode-service", "-Xms32m -Xmx96m", Map.of("JAVA_OPTS", "-Da=b", "MALLOC_ARENA_MAX", "2")));
    }
}
