package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.at;
import static io.mentorium.application.port.out.contract.ContractData.email;
import static io.mentorium.application.port.out.contract.ContractData.learner;

import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.ActivityKind;
import io.mentorium.domain.learner.Course;
import io.mentorium.domain.learner.CourseId;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.TimeWindow;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A small platform (contract §4) that the platform-reading contracts run against. A fake loads it into memory; a real
 * adapter's test inserts the same rows into the platform relations.
 *
 * @param learners    each learner with the guardian e-mails the platform lists for them
 * @param codes       link codes, as the platform stores them
 * @param courses     every course, including ones nobody is enrolled in
 * @param enrollments learners' places in courses
 * @param activities  what learners did
 */
public record PlatformData(List<GuardedLearner> learners, List<LinkCode> codes, List<Course> courses,
                           List<Enrollment> enrollments, List<ActivityFact> activities) {

    public PlatformData {
        learners = List.copyOf(learners);
        codes = List.copyOf(codes);
        courses = List.copyOf(courses);
        enrollments = List.copyOf(enrollments);
        activities = List.copyOf(activities);
    }

    public record GuardedLearner(Learner learner, List<Email> guardians) {

        public GuardedLearner {
            guardians = List.copyOf(guardians);
        }
    }

    public static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    public static final LearnerId AZIZA = learner("L-aziza");
    public static final LearnerId BOBUR = learner("L-bobur");
    /** Inactive: no longer a linking candidate, but still readable by id. */
    public static final LearnerId DILYA = learner("L-dilya");
    public static final LearnerId OTHER = learner("L-other");
    public static final LearnerId LONELY = learner("L-lonely");
    public static final LearnerId UNKNOWN = learner("L-unknown");

    public static final Email MOM = email("mom@example.com");
    public static final Email DAD = email("dad@example.com");
    public static final Email OTHER_GUARDIAN = email("other.guardian@example.org");

    public static final Course MATH = new Course(new CourseId("C-math"), "Algebra 7", "math");
    public static final Course ENGLISH = new Course(new CourseId("C-eng"), "English B1", "english");
    public static final Course PHYSICS = new Course(new CourseId("C-phys"), "Physics 9", "physics");

    /** The week the activity tests read: {@code [T0, T0 + 7 days)}. */
    public static final TimeWindow WEEK = new TimeWindow(at(Duration.ZERO), at(Duration.ofDays(7)));

    public static Learner learnerNamed(LearnerId id) {
        return standard().learners().stream().map(GuardedLearner::learner).filter(l -> l.id().equals(id))
                .findFirst().orElseThrow();
    }

    public static PlatformData standard() {
        Learner aziza = new Learner(AZIZA, "Aziza Karimova", Optional.of("7B"), TASHKENT, true);
        Learner bobur = new Learner(BOBUR, "Bobur Karimov", Optional.empty(), ZoneId.of("Europe/Moscow"), true);
        Learner dilya = new Learner(DILYA, "Dilya Karimova", Optional.of("5"), TASHKENT, false);
        Learner other = new Learner(OTHER, "Jasur Toshmatov", Optional.of("9"), ZoneId.of("Asia/Samarkand"), true);
        Learner lonely = new Learner(LONELY, "Madina Yusupova", Optional.of("11"), TASHKENT, true);

        List<LinkCode> codes = List.of(
                new LinkCode(AZIZA, "AZIZA-2026", Optional.empty()),
                new LinkCode(AZIZA, "OLD-CODE", Optional.of(at(Duration.ofDays(-30)))),
                new LinkCode(BOBUR, "bobur7", Optional.of(at(Duration.ofDays(30)))),
                new LinkCode(OTHER, "AZIZA-2026", Optional.empty()),
                new LinkCode(DILYA, "DILYA1", Optional.empty()));

        List<Enrollment> enrollments = List.of(
                new Enrollment(AZIZA, MATH, at(Duration.ofDays(-60)), 42.25),
                new Enrollment(AZIZA, ENGLISH, at(Duration.ofDays(-50).plusSeconds(7)), 100.0),
                new Enrollment(BOBUR, MATH, at(Duration.ofDays(-40)), 0.0),
                new Enrollment(OTHER, ENGLISH, at(Duration.ofDays(-30)), 12.5));

        Optional<CourseId> math = Optional.of(MATH.id());
        Optional<CourseId> english = Optional.of(ENGLISH.id());
        List<ActivityFact> activities = List.of(
                // exactly at the window's start: inside
                new ActivityFact(1, AZIZA, math, ActivityKind.LESSON_COMPLETED, "Linear equations", OptionalDouble.empty(),
                        900, at(Duration.ZERO)),
                // two at the same instant, listed out of id order: ordered by id
                new ActivityFact(5, AZIZA, Optional.empty(), ActivityKind.PRACTICE, "Free practice", OptionalDouble.empty(),
                        300, at(Duration.ofDays(1))),
                new ActivityFact(3, AZIZA, math, ActivityKind.QUIZ_COMPLETED, "Quiz 3", OptionalDouble.of(87.5),
                        600, at(Duration.ofDays(1))),
                new ActivityFact(4, BOBUR, math, ActivityKind.HOMEWORK_SUBMITTED, "Homework 2", OptionalDouble.of(100),
                        1200, at(Duration.ofHours(30).plusNanos(1_000))),
                new ActivityFact(10, BOBUR, english, ActivityKind.QUIZ_COMPLETED, "Placement test", OptionalDouble.of(0),
                        0, at(Duration.ofDays(6).plusHours(23))),
                // exactly at the window's end: outside
                new ActivityFact(6, AZIZA, english, ActivityKind.LESSON_COMPLETED, "Present perfect", OptionalDouble.empty(),
                        450, at(Duration.ofDays(7))),
                // one microsecond before the window: outside
                new ActivityFact(7, AZIZA, math, ActivityKind.QUIZ_COMPLETED, "Quiz 2", OptionalDouble.of(55.25),
                        500, at(Duration.ZERO).minusNanos(1_000)),
                new ActivityFact(8, OTHER, english, ActivityKind.LESSON_COMPLETED, "Articles", OptionalDouble.empty(),
                        700, at(Duration.ofDays(3))),
                new ActivityFact(9, DILYA, Optional.empty(), ActivityKind.PRACTICE, "Spelling", OptionalDouble.empty(),
                        100, at(Duration.ofDays(3))));

        return new PlatformData(
                List.of(new GuardedLearner(aziza, List.of(MOM, DAD)),
                        new GuardedLearner(bobur, List.of(MOM)),
                        new GuardedLearner(dilya, List.of(MOM)),
                        new GuardedLearner(other, List.of(OTHER_GUARDIAN)),
                        new GuardedLearner(lonely, List.of())),
                codes, List.of(MATH, ENGLISH, PHYSICS), enrollments, activities);
    }

    public ActivityFact activity(long id) {
        return activities.stream().filter(fact -> fact.id() == id).findFirst().orElseThrow();
    }
}
