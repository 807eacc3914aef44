package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaveTimelineTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void roundsAreTimedApartAndSpreadAfterTheOrigin() {
        WaveTimeline timeline = new WaveTimeline();
        long origin = 50 * SECOND;
        for (int i = 1; i <= 100; i++) {
            timeline.arrived(false, origin + i * SECOND / 100);
        }
        timeline.arrived(true, origin + 2 * SECOND);
        timeline.arrived(true, origin + 3 * SECOND + SECOND / 2);

        assertThat(WaveTimeline.spread(timeline.toolRounds(), origin))
                .isEqualTo("+0.01 / +0.50 / +0.99 / +1.00 s (100)");
        assertThat(WaveTimeline.spread(timeline.answerRounds(), origin))
                .isEqualTo("+2.00 / +2.00 / +3.50 / +3.50 s (2)");
        assertThat(WaveTimeline.spread(new long[0], origin)).isEqualTo("none");
    }

    @Test
    void aWaveForgetsTheLastAndTimesNoMoreThanItsCapacity() {
        WaveTimeline timeline = new WaveTimeline();
        timeline.arrived(true, 7);
        timeline.clear();
        assertThat(timeline.answerRounds()).isEmpty();

        for (int i = 1; i <= WaveTimeline.CAPACITY + 10; i++) {
            timeline.arrived(false, i);
        }
        assertThat(timeline.toolRounds()).hasSize(WaveTimeline.CAPACITY).startsWith(1, 2, 3);
    }
}
