package io.mentorium.domain.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Learner}, its id and its enrollments: what the bot reads about a learner. */
class LearnerTest {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    @Test
    void nameIsStrippedAndFirstNameIsItsFirstWord() {
        Learner learner = new Learner(new LearnerId("L1"), "  Aziza Karimova ", Optional.of("7B"), TASHKENT, true);

        assertThat(learner.fullName()).isEqualTo("Aziza Karimova");
        assertThat(learner.firstName()).isEqualTo("Aziza");
    }

    @Test
    void singleWordNameIsItsOwnFirstName() {
        assertThat(new Learner(new LearnerId("L1"), "Aziza", Optional.empty(), TASHKENT, true).firstName())
                .isEqualTo("Aziza");
    }

    @Test
    void blankNameIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Learner(new LearnerId("L1"), "  ", Optional.empty(), TASHKENT, true));
    }

    @Test
    void blankGradeBecomesAbsentAndGradeIsStripped() {
        assertThat(new Learner(new LearnerId("L1"), "Aziza", Optional.of("  "), TASHKENT, true).grade()).isEmpty();
        assertThat(new Learner(new LearnerId("L1"), "Aziza", Optional.of(" 7B "), TASHKENT, true).grade()).contains("7B");
    }

    @Test
    void learnerIdMustBeOneTo128NonBlankCharacters() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LearnerId(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> new LearnerId("x".repeat(129)));
        assertThat(new LearnerId("x".repeat(128)).value()).hasSize(128);
        assertThat(new LearnerId("L1")).hasToString("L1").isLessThan(new LearnerId("L2"));
    }

    @Test
    void enrollmentProgressMustBeWithinZeroToHundredAndHundredIsCompleted() {
        Course course = new Course(new CourseId("math"), "Mathematics 7", "math");
        Instant enrolledAt = Instant.parse("2026-01-10T09:00:00Z");

        assertThatIllegalArgumentException().isThrownBy(() -> new Enrollment(new LearnerId("L1"), course, enrolledAt, 100.5));
        assertThatIllegalArgumentException().isThrownBy(() -> new Enrollment(new LearnerId("L1"), course, enrolledAt, -1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Enrollment(new LearnerId("L1"), course, enrolledAt, Double.NaN));
        assertThat(new Enrollment(new LearnerId("L1"), course, enrolledAt, 100).completed()).isTrue();
        assertThat(new Enrollment(new LearnerId("L1"), course, enrolledAt, 99.9).completed()).isFalse();
    }

    @Test
    void blankCourseIdIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CourseId(""));
    }
}
