package com.example.supportdesk;

import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.TimeWindow;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The host's view of the platform: learners, their activity and enrollments, kept in memory. A real host would read
 * its own database or API here; the core only needs the two read-only ports.
 */
final class InMemoryPlatform implements LearnerDirectory, ActivitySource {

    // Copy-on-write: the data is written once at start and then only read, possibly from several threads.
    private final List<Learner> learners = new CopyOnWriteArrayList<>();
    private final List<ActivityFact> activities = new CopyOnWriteArrayList<>();
    private final List<Enrollment> enrollments = new CopyOnWriteArrayList<>();

    void add(Learner learner) {
        learners.add(learner);
    }

    void add(ActivityFact activity) {
        activities.add(activity);
    }

    void add(Enrollment enrollment) {
        enrollments.add(enrollment);
    }

    @Override
    public List<Learner> findByIds(Collection<LearnerId> ids) {
        Set<LearnerId> wanted = Set.copyOf(ids);
        return learners.stream().filter(learner -> wanted.contains(learner.id())).toList();
    }

    @Override
    public List<LinkCode> findCodesForGuardian(Email email, String typedCode) {
        // This tool never links children, so it holds no link codes; the port still has to answer.
        return List.of();
    }

    @Override
    public List<ActivityFact> activities(Collection<LearnerId> learnerIds, TimeWindow window) {
        Set<LearnerId> wanted = Set.copyOf(learnerIds);
        return activities.stream()
                .filter(fact -> wanted.contains(fact.learnerId()))
                .filter(fact -> window.contains(fact.occurredAt()))
                .sorted(Comparator.comparing(ActivityFact::occurredAt))
                .toList();
    }

    @Override
    public List<Enrollment> enrollments(Collection<LearnerId> learnerIds) {
        Set<LearnerId> wanted = Set.copyOf(learnerIds);
        return enrollments.stream().filter(enrollment -> wanted.contains(enrollment.learnerId())).toList();
    }
}
