package io.mentorium.domain.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActivityFactTest {

    private static final LearnerId LEARNER = new LearnerId("L1");
    private static final Instant AT = Instant.parse("2026-03-03T18:50:00Z");

    private static ActivityFact fact(OptionalDouble score, int durationSeconds) {
        return new ActivityFact(1, LEARNER, Optional.of(new CourseId("math")), ActivityKind.QUIZ_COMPLETED, "Fractions",
                score, durationSeconds, AT);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 59.5, 100.0})
    void scoreWithinZeroToHundredIsAccepted(double score) {
        assertThat(fact(OptionalDouble.of(score), 60).score()).hasValue(score);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 100.01, -1, 1000, Double.NaN, Double.POSITIVE_INFINITY})
    void scoreOutsideZeroToHundredIsRejected(double score) {
        assertThatIllegalArgumentException().isThrownBy(() -> fact(OptionalDouble.of(score), 60));
    }

    @Test
    void unscoredActivityIsAccepted() {
        assertThat(fact(OptionalDouble.empty(), 60).score()).isEmpty();
    }

    @Test
    void negativeDurationIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> fact(OptionalDouble.empty(), -1));
    }

    @Test
    void zeroDurationIsAccepted() {
        assertThatNoException().isThrownBy(() -> fact(OptionalDouble.empty(), 0));
    }

    @Test
    void dayInIsTheLearnersLocalCalendarDay() {
        ActivityFact fact = fact(OptionalDouble.empty(), 60);

        assertThat(fact.dayIn(ZoneId.of("Asia/Tashkent"))).isEqualTo(LocalDate.of(2026, 3, 3)); // 23:50 local
        assertThat(fact.dayIn(ZoneId.of("Asia/Tokyo"))).isEqualTo(LocalDate.of(2026, 3, 4)); // 03:50 local
        assertThat(fact.dayIn(ZoneId.of("America/New_York"))).isEqualTo(LocalDate.of(2026, 3, 3)); // 13:50 local
    }

    @Test
    void platformKindNamesMapBothWaysAndUnknownOnesAreSkipped() {
        for (ActivityKind kind : ActivityKind.values()) {
            assertThat(ActivityKind.fromPlatformName(kind.platformName())).contains(kind);
        }
        assertThat(ActivityKind.fromPlatformName("video_watched")).isEmpty();
        assertThat(ActivityKind.fromPlatformName(null)).isEmpty();
    }
}
