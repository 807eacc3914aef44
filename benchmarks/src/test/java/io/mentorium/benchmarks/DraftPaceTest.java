package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DraftPaceTest {

    private static final long MS = 1_000_000L;

    @Test
    void draftsASecondApartNeverShareAWindow() {
        DraftPace pace = DraftPace.of(new long[] {2_000 * MS, 0, 1_000 * MS, 3_500 * MS});

        assertThat(pace.drafts()).isEqualTo(4);
        assertThat(pace.maxPerSecond()).isEqualTo(1);
        assertThat(pace.shortestGapNanos()).isEqualTo(1_000 * MS);
    }

    @Test
    void draftsCloserThanASecondAreCountedTogether() {
        DraftPace pace = DraftPace.of(new long[] {0, 400 * MS, 900 * MS, 1_300 * MS});

        assertThat(pace.maxPerSecond()).isEqualTo(3);
        assertThat(pace.shortestGapNanos()).isEqualTo(400 * MS);
        assertThat(DraftPace.of(new long[0])).isEqualTo(new DraftPace(0, 0, Long.MAX_VALUE));
        assertThat(DraftPace.of(new long[] {5})).isEqualTo(new DraftPace(1, 1, Long.MAX_VALUE));
    }

    @Test
    void theWorstChatDecides() {
        assertThat(DraftPace.worst(List.of(new DraftPace(3, 1, 1_100 * MS), new DraftPace(2, 2, 700 * MS))))
                .isEqualTo(new DraftPace(5, 2, 700 * MS));
    }

    @Test
    void overlapCountsIntervalsOpenAtOnceAndAnEndBeforeAStart() {
        assertThat(DraftPace.maxOverlap(new long[] {0, 1, 2, 10}, new long[] {5, 6, 10, 12})).isEqualTo(3);
        assertThat(DraftPace.maxOverlap(new long[] {0, 5}, new long[] {5, 9})).isEqualTo(1);
        assertThat(DraftPace.maxOverlap(new long[0], new long[0])).isZero();
    }
}
