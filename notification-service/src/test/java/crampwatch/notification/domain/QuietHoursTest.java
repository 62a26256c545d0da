package crampwatch.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Quiet hours' arithmetic: inside or not, and when they end, across midnight and across DST changes. */
class QuietHoursTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));

    @Test
    void outsideTheQuietHoursMailIsDueAsItWas() {
        Instant noon = Instant.parse("2026-06-10T11:00:00Z"); // 12:00 BST
        assertThat(NIGHT.releaseOf(noon, LONDON)).isEqualTo(noon);
        Instant justBefore = Instant.parse("2026-06-10T20:59:59Z"); // 21:59:59 BST
        assertThat(NIGHT.releaseOf(justBefore, LONDON)).isEqualTo(justBefore);
        Instant endItself = Instant.parse("2026-06-11T06:00:00Z"); // 07:00 BST: the end is not quiet any more
        assertThat(NIGHT.releaseOf(endItself, LONDON)).isEqualTo(endItself);
    }

    @Test
    void inTheEveningMailWaitsTillNextMorningAndAfterMidnightTillThisMorning() {
        assertThat(NIGHT.releaseOf(Instant.parse("2026-06-10T21:00:00Z"), LONDON)) // 22:00 BST, the start
                .isEqualTo(Instant.parse("2026-06-11T06:00:00Z"));
        assertThat(NIGHT.releaseOf(Instant.parse("2026-06-11T02:30:00Z"), LONDON)) // 03:30 BST
                .isEqualTo(Instant.parse("2026-06-11T06:00:00Z"));
    }

    @Test
    void quietHoursWithinOneDay() {
        QuietHours afternoon = new QuietHours(LocalTime.of(13, 0), LocalTime.of(15, 30));
        assertThat(afternoon.releaseOf(Instant.parse("2026-01-10T14:00:00Z"), LONDON)).isEqualTo(Instant.parse("2026-01-10T15:30:00Z"));
        assertThat(afternoon.releaseOf(Instant.parse("2026-01-10T16:00:00Z"), LONDON)).isEqualTo(Instant.parse("2026-01-10T16:00:00Z"));
        assertThat(afternoon.contains(LocalTime.of(12, 59))).isFalse();
        assertThat(afternoon.contains(LocalTime.of(13, 0))).isTrue();
    }

    @Test
    void aSpringForwardNightEndsAtSevenSummerTime() {
        // London, 29 March 2026: 01:00 GMT → 02:00 BST. Quiet from 22:00 GMT (22:00Z) till 07:00 BST (06:00Z): 8 hours.
        Instant evening = Instant.parse("2026-03-28T22:30:00Z"); // 22:30 GMT
        assertThat(NIGHT.releaseOf(evening, LONDON)).isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
        Instant afterTheChange = Instant.parse("2026-03-29T01:30:00Z"); // 02:30 BST
        assertThat(NIGHT.releaseOf(afterTheChange, LONDON)).isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
    }

    @Test
    void anAutumnNightEndsAtSevenWinterTime() {
        // London, 25 October 2026: 02:00 BST → 01:00 GMT. Quiet from 22:00 BST (21:00Z) till 07:00 GMT (07:00Z): 10 hours.
        Instant evening = Instant.parse("2026-10-24T21:30:00Z"); // 22:30 BST
        assertThat(NIGHT.releaseOf(evening, LONDON)).isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
        Instant inTheRepeatedHour = Instant.parse("2026-10-25T01:30:00Z"); // 01:30 GMT, the second time round
        assertThat(NIGHT.releaseOf(inTheRepeatedHour, LONDON)).isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
        // The end given by the old (summer) offset would have been an hour early.
        assertThat(NIGHT.releaseOf(evening, LONDON)).isNotEqualTo(Instant.parse("2026-10-25T06:00:00Z"));
    }

    @Test
    void anEndThatFallsInTheSpringGapIsTheFirstInstantAfterIt() {
        // New York, 8 March 2026: 02:00 EST → 03:00 EDT; 02:30 does not exist that night: the quiet hours end at 03:30 EDT.
        QuietHours late = new QuietHours(LocalTime.of(23, 0), LocalTime.of(2, 30));
        Instant midnight = Instant.parse("2026-03-08T05:00:00Z"); // 00:00 EST
        assertThat(late.releaseOf(midnight, NEW_YORK)).isEqualTo(Instant.parse("2026-03-08T07:30:00Z")); // 03:30 EDT
    }

    @Test
    void startAndEndMustDiffer() {
        assertThatThrownBy(() -> new QuietHours(LocalTime.of(7, 0), LocalTime.of(7, 0))).isInstanceOf(IllegalArgumentException.class);
    }
}
