package crampwatch.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainScheduleTest {

    @Test
    void theFirstStepWaitsTheConfiguredTimeAndEachFurtherStepLongerUpToTheCap() {
        ChainSchedule s = new ChainSchedule(Duration.ofMinutes(15), 2, Duration.ofMinutes(90), 5);
        assertThat(List.of(s.waitBefore(1), s.waitBefore(2), s.waitBefore(3), s.waitBefore(4), s.waitBefore(5))).containsExactly(
                Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofMinutes(90), Duration.ofMinutes(90));
        assertThat(s.waitBefore(1000)).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void aMultiplierOfOneSpacesStepsEvenly() {
        ChainSchedule s = new ChainSchedule(Duration.ofSeconds(2), 1, Duration.ofHours(1), 3);
        assertThat(s.waitBefore(1)).isEqualTo(s.waitBefore(3)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theLastStepIsMaxSteps() {
        ChainSchedule s = new ChainSchedule(Duration.ofMinutes(15), 2, Duration.ofHours(2), 3);
        assertThat(s.isLast(2)).isFalse();
        assertThat(s.isLast(3)).isTrue();
    }

    @Test
    void aScheduleThatCannotWorkIsRefused() {
        assertThatThrownBy(() -> new ChainSchedule(Duration.ZERO, 2, Duration.ofHours(1), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChainSchedule(Duration.ofMinutes(15), 0.5, Duration.ofHours(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChainSchedule(Duration.ofHours(2), 2, Duration.ofHours(1), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChainSchedule(Duration.ofMinutes(15), 2, Duration.ofHours(1), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
