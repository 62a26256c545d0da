package crampwatch.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    static final Duration INITIAL = Duration.ofSeconds(30);
    static final Duration MAX = Duration.ofMinutes(30);

    @Test
    void doublesAfterEachFailureUpToTheCap() {
        assertThat(Backoff.after(0, INITIAL, MAX)).isZero();
        assertThat(Backoff.after(1, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.after(2, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(60));
        assertThat(Backoff.after(3, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(120));
        assertThat(Backoff.after(7, INITIAL, MAX)).isEqualTo(Duration.ofMinutes(30)); // 32 min capped
        assertThat(Backoff.after(8, INITIAL, MAX)).isEqualTo(MAX);
    }

    @Test
    void hugeAttemptCountsDoNotOverflow() {
        assertThat(Backoff.after(1_000, INITIAL, MAX)).isEqualTo(MAX);
        assertThat(Backoff.after(63, Duration.ofMillis(1), MAX)).isEqualTo(MAX);
    }
}
