package io.mentorium.application.testing;

import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.TimeWindow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The platform's learners, guardians, codes, courses and activity, in memory. */
public final class InMemoryPlatform implements LearnerDirectory, ActivitySource {

    private final Map<LearnerId, Learner> learners = new LinkedHashMap<>();
    private final Map<LearnerId, Set<Email>> guardians = new LinkedHashMap<>();
    private final List<LinkCode> codes = new ArrayList<>();
    private final List<Enrollment> enrollments = new ArrayList<>();
    private final List<ActivityFact> activities = new ArrayList<>();

    public synchronized InMemoryPlatform learner(Learner learner, Email... guardianEmails) {
        learners.put(learner.id(), learner);
        guardians.computeIfAbsent(learner.id(), id -> new HashSet<>()).addAll(List.of(guardianEmails));
        return this;
    }

    public synchronized InMemoryPlatform code(LinkCode code) {
        codes.add(code);
        return this;
    }

    public synchronized InMemoryPlatform enrollment(Enrollment enrollment) {
        enrollments.add(enrollment);
        return this;
    }

    public synchronized InMemoryPlatform activity(ActivityFact fact) {
        activities.add(fact);
        return this;
    }

    @Override
    public synchronized List<Learner> findByIds(Collection<LearnerId> ids) {
        return ids.stream().distinct().map(learners::get).filter(learner -> learner != null).toList();
    }

    @Override
    public synchronized List<LinkCode> findCodesForGuardian(Email email, String typedCode) {
        Set<LearnerId> guarded = learners.values().stream()
                .filter(learner -> guardians.getOrDefault(learner.id(), Set.of()).contains(email))
                .map(Learner::id)
                .collect(Collectors.toSet());
        return codes.stream()
                .filter(code -> guarded.contains(code.learnerId()))
                .filter(code -> code.matches(typedCode))
                .toList();
    }

    @Override
    public synchronized List<ActivityFact> activities(Collection<LearnerId> learnerIds, TimeWindow window) {
        return activities.stream()
                .filter(fact -> learnerIds.contains(fact.learnerId()))
                .filter(fact -> window.contains(fact.occurredAt()))
                .sorted(Comparator.comparing(ActivityFact::occurredAt).thenComparingLong(ActivityFact::id))
                .toList();
    }

    @Override
    public synchronized List<Enrollment> enrollments(Collection<LearnerId> learnerIds) {
        return enrollments.stream().filter(enrollment -> learnerIds.contains(enrollment.learnerId())).toList();
    }
}
