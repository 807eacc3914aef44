package io.mentorium.application.service;

import io.mentorium.application.port.in.BuildReport;
import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.report.Report;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.report.ReportPeriod;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.shared.TimeWindow;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds reports from the platform's activity. However many children are asked for, the platform database is read
 * with one learner query, one activity query and one enrollment query: the scheduled runs build a report for every
 * parent, and a query per child would multiply their cost by the number of children.
 */
public final class BuildReportService implements BuildReport {

    private static final Logger LOG = LoggerFactory.getLogger(BuildReportService.class);

    private final ParentRepository parents;
    private final LearnerDirectory directory;
    private final ActivitySource activitySource;
    private final Clock clock;

    @Inject
    public BuildReportService(ParentRepository parents, LearnerDirectory directory, ActivitySource activitySource,
                              Clock clock) {
        this.parents = Objects.requireNonNull(parents, "parents");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.activitySource = Objects.requireNonNull(activitySource, "activitySource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Outcome build(Query query) {
        Objects.requireNonNull(query, "query");
        boolean linked = parents.findById(query.parentId())
                .map(parent -> parent.isLinkedTo(query.learnerId()))
                .orElse(false);
        if (!linked) {
            // The same answer for an unknown parent and for someone else's child: a report is never a way to
            // find out which learners exist.
            LOG.info("Parent {} asked for a report on learner {} without a link", query.parentId(),
                    query.learnerId());
            return new Outcome.NotLinked(query.learnerId());
        }
        return buildFor(List.of(query.learnerId()), query.kind(), query.day()).getFirst();
    }

    @Override
    public List<Outcome> buildForChildren(TelegramUserId parentId, ReportKind kind, Optional<LocalDate> day) {
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(day, "day");
        List<LearnerId> learnerIds = parents.findById(parentId).map(Parent::learnerIds).orElse(List.of());
        if (learnerIds.isEmpty()) {
            return List.of();
        }
        return buildFor(learnerIds, kind, day);
    }

    @Override
    public Map<LearnerId, Outcome> buildLastCompleted(Collection<LearnerId> learnerIds, ReportKind kind, Instant now) {
        Objects.requireNonNull(learnerIds, "learnerIds");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(now, "now");
        List<LearnerId> ids = learnerIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        // "Ended" is the learner's: at 01:30 Monday in Tashkent last week has ended, in Moscow it is still Sunday 23:30
        // and the week running now is not over, so the last ended one is the week before.
        List<Outcome> outcomes = buildFor(ids, now,
                learner -> ReportPeriod.lastCompleted(kind, now.atZone(learner.timeZone()).toLocalDate()));
        Map<LearnerId, Outcome> byLearner = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byLearner.put(ids.get(i), outcomes.get(i));
        }
        return Collections.unmodifiableMap(byLearner);
    }

    /** One step of the plan: either already decided, or a report to compose once the facts are read. */
    private sealed interface Planned {

        record Decided(Outcome outcome) implements Planned {
        }

        record ToCompose(Learner learner, ReportPeriod period) implements Planned {
        }
    }

    /** Outcomes in the order of {@code learnerIds}, which the caller has checked the parent is linked to. */
    private List<Outcome> buildFor(List<LearnerId> learnerIds, ReportKind kind, Optional<LocalDate> day) {
        Instant now = clock.instant();
        // "Today" is the learner's: at 01:00 Monday in Tashkent the new week has begun even though it is Sunday
        // in UTC.
        return buildFor(learnerIds, now, learner -> ReportPeriod.containing(kind,
                day.orElseGet(() -> now.atZone(learner.timeZone()).toLocalDate())));
    }

    /** Outcomes in the order of {@code learnerIds}; {@code periodOf} picks each available learner's period. */
    private List<Outcome> buildFor(List<LearnerId> learnerIds, Instant now, Function<Learner, ReportPeriod> periodOf) {
        Map<LearnerId, Learner> learners = directory.findByIds(learnerIds).stream()
                .collect(Collectors.toMap(Learner::id, Function.identity(), (first, second) -> first));

        List<Planned> plan = learnerIds.stream().map(id -> plan(id, learners.get(id), periodOf, now)).toList();
        List<Planned.ToCompose> toCompose = plan.stream()
                .filter(Planned.ToCompose.class::isInstance)
                .map(Planned.ToCompose.class::cast)
                .toList();
        if (toCompose.isEmpty()) {
            return plan.stream().map(step -> ((Planned.Decided) step).outcome()).toList();
        }

        List<LearnerId> readIds = toCompose.stream().map(step -> step.learner().id()).distinct().toList();
        TimeWindow window = union(toCompose.stream().map(step -> Report.factsWindow(step.period())).toList());
        Map<LearnerId, List<ActivityFact>> facts = activitySource.activities(readIds, window).stream()
                .collect(Collectors.groupingBy(ActivityFact::learnerId));
        Map<LearnerId, List<Enrollment>> enrollments = activitySource.enrollments(readIds).stream()
                .collect(Collectors.groupingBy(Enrollment::learnerId));

        List<Outcome> outcomes = new ArrayList<>(plan.size());
        for (Planned step : plan) {
            outcomes.add(switch (step) {
                case Planned.Decided decided -> decided.outcome();
                case Planned.ToCompose compose -> new Outcome.Built(Report.compose(compose.learner(),
                        compose.period(), facts.getOrDefault(compose.learner().id(), List.of()),
                        enrollments.getOrDefault(compose.learner().id(), List.of()), now));
            });
        }
        return List.copyOf(outcomes);
    }

    private static Planned plan(LearnerId learnerId, Learner learner, Function<Learner, ReportPeriod> periodOf,
                                Instant now) {
        if (learner == null || !learner.active()) {
            LOG.warn("Learner {} is linked but the platform {}", learnerId,
                    learner == null ? "no longer has them" : "deactivated them");
            return new Planned.Decided(new Outcome.LearnerUnavailable(learnerId));
        }
        LocalDate today = now.atZone(learner.timeZone()).toLocalDate();
        ReportPeriod period = periodOf.apply(learner);
        if (period.start().isAfter(today)) {
            return new Planned.Decided(new Outcome.PeriodNotStarted(learnerId));
        }
        return new Planned.ToCompose(learner, period);
    }

    /**
     * The smallest window holding all of them: with no day given, learners in different time zones may be in different
     * periods (Monday in Tashkent, still Sunday in London), so their windows differ.
     */
    private static TimeWindow union(Collection<TimeWindow> windows) {
        Instant from = windows.stream().map(TimeWindow::from).min(Instant::compareTo).orElseThrow();
        Instant to = windows.stream().map(TimeWindow::to).max(Instant::compareTo).orElseThrow();
        return new TimeWindow(from, to);
    }
}
