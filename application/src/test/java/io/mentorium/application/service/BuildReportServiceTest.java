package io.mentorium.application.service;

import static io.mentorium.application.service.Fixtures.AZIZ;
import static io.mentorium.application.service.Fixtures.MALIKA;
import static io.mentorium.application.service.Fixtures.MOTHER;
import static io.mentorium.application.service.Fixtures.MOTHER_EMAIL;
import static io.mentorium.application.service.Fixtures.STRANGER;
import static io.mentorium.application.service.Fixtures.TIMUR;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.in.BuildReport.Outcome;
import io.mentorium.application.port.in.BuildReport.Query;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.InMemoryPlatform;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.ActivityKind;
import io.mentorium.domain.learner.Course;
import io.mentorium.domain.learner.CourseId;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.report.Report;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.report.ReportPeriod;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.shared.TimeWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BuildReportServiceTest {

    /** Sunday 9 March 2025, 20:30 UTC: in Tashkent it is already Monday the 10th, 01:30. */
    private static final Instant SUNDAY_NIGHT_UTC = Instant.parse("2025-03-09T20:30:00Z");
    private static final LocalDate MONDAY_10TH = LocalDate.of(2025, 3, 10);
    private static final LocalDate MONDAY_3RD = LocalDate.of(2025, 3, 3);
    private static final Learner LOLA = Fixtures.learner("L-5", "Lola Karimova", ZoneId.of("Europe/London"));
    private static final LearnerId VANISHED = new LearnerId("L-GONE");
    private static final Course MATH = new Course(new CourseId("math-7"), "Algebra 7", "math");

    private final MutableClock clock = new MutableClock(SUNDAY_NIGHT_UTC);
    private final InMemoryParentRepository parents = new InMemoryParentRepository();
    private final InMemoryPlatform platformData = Fixtures.families().learner(LOLA, MOTHER_EMAIL);
    private final CountingPlatform platform = new CountingPlatform(platformData, new DirectTransactionRunner());
    private final BuildReportService service = new BuildReportService(parents, platform, platform, clock);

    @BeforeEach
    void linkAndRecordActivity() {
        parents.save(Fixtures.linked(MOTHER, MOTHER_EMAIL, MALIKA.id(), VANISHED, AZIZ.id(), LOLA.id()));
        parents.save(Fixtures.registered(STRANGER));
        platformData
                // 00:45 on Monday the 10th in Tashkent, still Sunday in UTC.
                .activity(fact(1, AZIZ, ActivityKind.LESSON_COMPLETED, "2025-03-09T19:45:00Z", OptionalDouble.empty()))
                .activity(fact(2, AZIZ, ActivityKind.QUIZ_COMPLETED, "2025-03-08T10:00:00Z", OptionalDouble.of(92)))
                .activity(fact(3, LOLA, ActivityKind.PRACTICE, "2025-03-09T09:00:00Z", OptionalDouble.empty()))
                .activity(fact(4, MALIKA, ActivityKind.PRACTICE, "2025-03-09T20:00:00Z", OptionalDouble.empty()))
                .activity(fact(5, TIMUR, ActivityKind.PRACTICE, "2025-03-09T20:00:00Z", OptionalDouble.empty()))
                .enrollment(new Enrollment(AZIZ.id(), MATH, Instant.parse("2025-01-10T00:00:00Z"), 40));
    }

    private static ActivityFact fact(long id, Learner learner, ActivityKind kind, String at, OptionalDouble score) {
        return new ActivityFact(id, learner.id(), Optional.of(MATH.id()), kind, "activity " + id, score, 600,
                Instant.parse(at));
    }

    private static Report built(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Built.class);
        return ((Outcome.Built) outcome).report();
    }

    private Outcome build(TelegramUserId parent, Learner learner, ReportKind kind, Optional<LocalDate> day) {
        return service.build(new Query(parent, learner.id(), kind, day));
    }

    // --- one child ----------------------------------------------------------------------------------------------

    @Test
    void currentWeekIsTheLearnersWeekWhichHasBegunInTashkentWhileItIsSundayInUtc() {
        Report report = built(build(MOTHER, AZIZ, ReportKind.WEEKLY, Optional.empty()));

        assertThat(report.learner()).isEqualTo(AZIZ);
        assertThat(report.period()).isEqualTo(ReportPeriod.weekContaining(MONDAY_10TH));
        assertThat(report.asOf()).isEqualTo(MONDAY_10TH);
        assertThat(report.metrics().activities()).isEqualTo(1);
        assertThat(report.metrics().lessonsCompleted()).isEqualTo(1);
        assertThat(report.courses()).extracting(progress -> progress.course()).containsExactly(MATH);
    }

    @Test
    void givenDayPicksThePeriodContainingIt() {
        Report report = built(build(MOTHER, AZIZ, ReportKind.WEEKLY, Optional.of(LocalDate.of(2025, 3, 5))));

        assertThat(report.period()).isEqualTo(ReportPeriod.weekContaining(MONDAY_3RD));
        assertThat(report.asOf()).isEqualTo(LocalDate.of(2025, 3, 9));
        assertThat(report.metrics().activities()).isEqualTo(1);
        assertThat(report.metrics().averageScore()).hasValue(92.0);
    }

    @Test
    void monthlyReportIsReadWithTheMonthsFactsWindow() {
        Report report = built(build(MOTHER, AZIZ, ReportKind.MONTHLY, Optional.empty()));

        assertThat(report.period()).isEqualTo(ReportPeriod.monthContaining(MONDAY_10TH));
        assertThat(report.metrics().activities()).isEqualTo(2);
        assertThat(platform.activityWindows()).containsExactly(Report.factsWindow(report.period()));
    }

    @Test
    void someoneElsesChildIsNotLinked() {
        assertThat(build(STRANGER, AZIZ, ReportKind.WEEKLY, Optional.empty()))
                .isEqualTo(new Outcome.NotLinked(AZIZ.id()));
        assertThat(build(MOTHER, TIMUR, ReportKind.WEEKLY, Optional.empty()))
                .isEqualTo(new Outcome.NotLinked(TIMUR.id()));
        assertThat(platform.count(CountingPlatform.Query.ACTIVITIES)).isZero();
    }

    @Test
    void unknownParentGetsNotLinkedRatherThanAnythingAboutTheLearner() {
        assertThat(build(new TelegramUserId(4242), AZIZ, ReportKind.WEEKLY, Optional.empty()))
                .isEqualTo(new Outcome.NotLinked(AZIZ.id()));
        assertThat(platform.directoryQueries()).isZero();
    }

    @Test
    void periodAfterTheLearnersTodayHasNotStarted() {
        Optional<LocalDate> nextWeek = Optional.of(MONDAY_10TH.plusWeeks(1));

        assertThat(build(MOTHER, AZIZ, ReportKind.WEEKLY, nextWeek)).isEqualTo(new Outcome.PeriodNotStarted(AZIZ.id()));
        assertThat(platform.count(CountingPlatform.Query.ACTIVITIES)).isZero();
    }

    @Test
    void periodThatBeganInTheLearnersZoneButNotInUtcHasStarted() {
        Outcome outcome = build(MOTHER, AZIZ, ReportKind.WEEKLY, Optional.of(MONDAY_10TH));

        assertThat(built(outcome).period().start()).isEqualTo(MONDAY_10TH);
        assertThat(build(MOTHER, LOLA, ReportKind.WEEKLY, Optional.of(MONDAY_10TH)))
                .isEqualTo(new Outcome.PeriodNotStarted(LOLA.id()));
    }

    @Test
    void learnerThePlatformDeactivatedIsUnavailable() {
        platformData.learner(Fixtures.deactivated(AZIZ));

        assertThat(build(MOTHER, AZIZ, ReportKind.WEEKLY, Optional.empty()))
                .isEqualTo(new Outcome.LearnerUnavailable(AZIZ.id()));
    }

    @Test
    void learnerThePlatformNoLongerHasIsUnavailable() {
        assertThat(service.build(new Query(MOTHER, VANISHED, ReportKind.WEEKLY, Optional.empty())))
                .isEqualTo(new Outcome.LearnerUnavailable(VANISHED));
    }

    // --- all children -------------------------------------------------------------------------------------------

    @Test
    void reportsForAllChildrenAreReadWithOneQueryOfEachKindInLinkOrder() {
        List<Outcome> outcomes = service.buildForChildren(MOTHER, ReportKind.WEEKLY, Optional.empty());

        assertThat(platform.count(CountingPlatform.Query.FIND_BY_IDS)).isEqualTo(1);
        assertThat(platform.count(CountingPlatform.Query.ACTIVITIES)).isEqualTo(1);
        assertThat(platform.count(CountingPlatform.Query.ENROLLMENTS)).isEqualTo(1);
        assertThat(outcomes).hasSize(4);
        assertThat(built(outcomes.get(0)).learner()).isEqualTo(MALIKA);
        assertThat(outcomes.get(1)).isEqualTo(new Outcome.LearnerUnavailable(VANISHED));
        assertThat(built(outcomes.get(2)).learner()).isEqualTo(AZIZ);
        assertThat(built(outcomes.get(3)).learner()).isEqualTo(LOLA);
    }

    @Test
    void eachChildsCurrentPeriodIsTheirOwnAndTheFactsWindowCoversAllOfThem() {
        List<Outcome> outcomes = service.buildForChildren(MOTHER, ReportKind.WEEKLY, Optional.empty());

        ReportPeriod tashkentWeek = ReportPeriod.weekContaining(MONDAY_10TH);
        ReportPeriod londonWeek = ReportPeriod.weekContaining(MONDAY_3RD);
        assertThat(built(outcomes.get(2)).period()).isEqualTo(tashkentWeek);
        assertThat(built(outcomes.get(3)).period()).isEqualTo(londonWeek);
        assertThat(built(outcomes.get(3)).metrics().activities()).isEqualTo(1);
        assertThat(platform.activityWindows()).containsExactly(new TimeWindow(
                Report.factsWindow(londonWeek).from(), Report.factsWindow(tashkentWeek).to()));
    }

    @Test
    void reportsForAllChildrenEqualTheReportsBuiltOneByOne() {
        List<Outcome> together = service.buildForChildren(MOTHER, ReportKind.MONTHLY, Optional.empty());

        List<Outcome> oneByOne = parents.findById(MOTHER).orElseThrow().learnerIds().stream()
                .map(id -> service.build(new Query(MOTHER, id, ReportKind.MONTHLY, Optional.empty())))
                .toList();
        assertThat(together).isEqualTo(oneByOne);
    }

    @Test
    void givenDayGivesEveryChildTheSamePeriodAndOneWindow() {
        Optional<LocalDate> day = Optional.of(LocalDate.of(2025, 3, 5));

        List<Outcome> outcomes = service.buildForChildren(MOTHER, ReportKind.WEEKLY, day);

        ReportPeriod week = ReportPeriod.weekContaining(MONDAY_3RD);
        assertThat(outcomes).filteredOn(Outcome.Built.class::isInstance).hasSize(3)
                .allSatisfy(outcome -> assertThat(built(outcome).period()).isEqualTo(week));
        assertThat(platform.activityWindows()).containsExactly(Report.factsWindow(week));
    }

    @Test
    void periodNotStartedForAnyChildReadsNoActivity() {
        List<Outcome> outcomes =
                service.buildForChildren(MOTHER, ReportKind.MONTHLY, Optional.of(LocalDate.of(2025, 4, 1)));

        assertThat(outcomes).containsExactly(new Outcome.PeriodNotStarted(MALIKA.id()),
                new Outcome.LearnerUnavailable(VANISHED), new Outcome.PeriodNotStarted(AZIZ.id()),
                new Outcome.PeriodNotStarted(LOLA.id()));
        assertThat(platform.count(CountingPlatform.Query.ACTIVITIES)).isZero();
        assertThat(platform.count(CountingPlatform.Query.ENROLLMENTS)).isZero();
    }

    @Test
    void parentWithoutChildrenGetsNoReportsAndThePlatformIsNotAsked() {
        assertThat(service.buildForChildren(STRANGER, ReportKind.WEEKLY, Optional.empty())).isEmpty();
        assertThat(service.buildForChildren(new TelegramUserId(4242), ReportKind.WEEKLY, Optional.empty())).isEmpty();
        assertThat(platform.directoryQueries()).isZero();
    }
}
