package crampwatch.bench;

import java.time.Duration;
import java.util.List;

/** How long and how much: the full run, or a smoke run with {@code --quick}. */
record Plan(boolean quick, Duration ingestWarmup, Duration ingestStep, List<Integer> connections, Duration pgWarmup,
            Duration pgStep, double backgroundRate, Duration alertWarmup, int alerts, double alertRate, int kafkaMessages,
            int costEvents, List<Integer> histories) {

    static Plan of(boolean quick) {
        return quick
                ? new Plan(true, Duration.ofSeconds(3), Duration.ofSeconds(5), List.of(8, 32, 64), Duration.ofSeconds(2),
                        Duration.ofSeconds(5), 200, Duration.ofSeconds(15), 40, 5, 300, 20, List.of(10, 1_000, 10_000, 100_000))
                : new Plan(false, Duration.ofSeconds(60), Duration.ofSeconds(30), List.of(8, 32, 64), Duration.ofSeconds(5),
                        Duration.ofSeconds(30), 200, Duration.ofSeconds(30), 500, 5, 2000, 100, List.of(10, 1_000, 10_000, 100_000));
    }
}
