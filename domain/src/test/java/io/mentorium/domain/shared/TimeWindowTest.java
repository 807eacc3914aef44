package io.mentorium.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

    private static final Instant FROM = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-09T00:00:00Z");

    @Test
    void containsItsStartButNotItsEnd() {
        TimeWindow window = new TimeWindow(FROM, TO);

        assertThat(window.contains(FROM)).isTrue();
        assertThat(window.contains(TO.minusNanos(1))).isTrue();
        assertThat(window.contains(TO)).isFalse();
        assertThat(window.contains(FROM.minusNanos(1))).isFalse();
    }

    @Test
    void lengthIsTheDistanceBetweenTheEnds() {
        assertThat(new TimeWindow(FROM, TO).length()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void emptyWindowIsAllowedAndContainsNothing() {
        TimeWindow empty = new TimeWindow(FROM, FROM);

        assertThat(empty.contains(FROM)).isFalse();
        assertThat(empty.length()).isZero();
    }

    @Test
    void windowEndingBeforeItStartsIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TimeWindow(TO, FROM));
    }
}
