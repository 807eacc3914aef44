package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.PlatformData.AZIZA;
import static io.mentorium.application.port.out.contract.PlatformData.BOBUR;
import static io.mentorium.application.port.out.contract.PlatformData.DILYA;
import static io.mentorium.application.port.out.contract.PlatformData.ENGLISH;
import static io.mentorium.application.port.out.contract.PlatformData.LONELY;
import static io.mentorium.application.port.out.contract.PlatformData.MATH;
import static io.mentorium.application.port.out.contract.PlatformData.OTHER;
import static io.mentorium.application.port.out.contract.PlatformData.UNKNOWN;
import static io.mentorium.application.port.out.contract.PlatformData.WEEK;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.shared.TimeWindow;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ActivitySource} must answer over {@link PlatformData#standard()}. */
public abstract class ActivitySourceContract {

    protected ActivitySource source;
    protected PlatformData data;

    /** An activity source reading exactly this platform data; called before each test with the same data. */
    protected abstract ActivitySource sourceOver(PlatformData data);

    @BeforeEach
    final void loadPlatform() {
        data = PlatformData.standard();
        source = sourceOver(data);
    }

    @Test
    void activities_of_several_learners_inside_the_half_open_window_come_oldest_first_then_by_id() {
        List<ActivityFact> facts = source.activities(List.of(AZIZA, BOBUR), WEEK);

        assertThat(facts).containsExactly(data.activity(1), data.activity(3), data.activity(5), data.activity(4),
                data.activity(10));
    }

    @Test
    void every_field_of_an_activity_round_trips_including_absent_course_and_score() {
        List<ActivityFact> facts = source.activities(List.of(DILYA), WEEK);

        assertThat(facts).containsExactly(data.activity(9));
        assertThat(facts.getFirst().courseId()).isEmpty();
        assertThat(facts.getFirst().score()).isEmpty();
    }

    @Test
    void the_window_bounds_are_exact_to_the_microsecond() {
        TimeWindow justBefore = new TimeWindow(WEEK.from().minusNanos(1_000), WEEK.from());

        assertThat(source.activities(List.of(AZIZA), justBefore)).containsExactly(data.activity(7));
        assertThat(source.activities(List.of(AZIZA), new TimeWindow(WEEK.to(), WEEK.to().plusSeconds(1))))
                .containsExactly(data.activity(6));
        assertThat(source.activities(List.of(AZIZA), new TimeWindow(WEEK.from(), WEEK.from()))).isEmpty();
    }

    @Test
    void learners_without_activity_or_unknown_ones_yield_nothing() {
        assertThat(source.activities(List.of(), WEEK)).isEmpty();
        assertThat(source.activities(List.of(LONELY, UNKNOWN), WEEK)).isEmpty();
    }

    @Test
    void repeating_a_learner_id_does_not_repeat_the_activities() {
        assertThat(source.activities(List.of(OTHER, OTHER), WEEK)).containsExactly(data.activity(8));
    }

    @Test
    void enrollments_come_with_their_course_and_progress() {
        List<Enrollment> enrollments = source.enrollments(List.of(AZIZA));

        assertThat(enrollments).containsExactlyInAnyOrder(
                data.enrollments().get(0), data.enrollments().get(1));
        assertThat(enrollments).extracting(Enrollment::course).containsExactlyInAnyOrder(MATH, ENGLISH);
        assertThat(enrollments).filteredOn(Enrollment::completed).extracting(Enrollment::course).containsExactly(ENGLISH);
    }

    @Test
    void enrollments_of_several_learners_are_read_together() {
        assertThat(source.enrollments(List.of(AZIZA, BOBUR, UNKNOWN, LONELY)))
                .containsExactlyInAnyOrder(data.enrollments().get(0), data.enrollments().get(1), data.enrollments().get(2));
        assertThat(source.enrollments(List.of())).isEmpty();
    }
}
