package io.mentorium.application.service;

import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryPlatform;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.TimeWindow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory platform, counting the queries made to it and noticing any made inside a transaction of the bot's
 * database (the platform is another, read-only database: holding a bot transaction open across it is a bug).
 */
final class CountingPlatform implements LearnerDirectory, ActivitySource {

    enum Query { FIND_BY_IDS, FIND_CODES_FOR_GUARDIAN, ACTIVITIES, ENROLLMENTS }

    private final InMemoryPlatform platform;
    private final DirectTransactionRunner transactions;
    private final Map<Query, Integer> counts = new EnumMap<>(Query.class);
    private final List<Query> calls = new ArrayList<>();
    private final List<TimeWindow> activityWindows = new ArrayList<>();
    private int insideTransaction;

    CountingPlatform(InMemoryPlatform platform, DirectTransactionRunner transactions) {
        this.platform = platform;
        this.transactions = transactions;
    }

    int count(Query query) {
        return counts.getOrDefault(query, 0);
    }

    int directoryQueries() {
        return count(Query.FIND_BY_IDS) + count(Query.FIND_CODES_FOR_GUARDIAN);
    }

    /** Every query made so far, in order. */
    List<Query> calls() {
        return List.copyOf(calls);
    }

    int queriesInsideTransaction() {
        return insideTransaction;
    }

    List<TimeWindow> activityWindows() {
        return List.copyOf(activityWindows);
    }

    private void record(Query query) {
        counts.merge(query, 1, Integer::sum);
        calls.add(query);
        if (transactions.inTransaction()) {
            insideTransaction++;
        }
    }

    @Override
    public List<Learner> findByIds(Collection<LearnerId> ids) {
        record(Query.FIND_BY_IDS);
        return platform.findByIds(ids);
    }

    @Override
    public List<LinkCode> findCodesForGuardian(Email email, String typedCode) {
        record(Query.FIND_CODES_FOR_GUARDIAN);
        return platform.findCodesForGuardian(email, typedCode);
    }

    @Override
    public List<ActivityFact> activities(Collection<LearnerId> learnerIds, TimeWindow window) {
        record(Query.ACTIVITIES);
        activityWindows.add(window);
        return platform.activities(learnerIds, window);
    }

    @Override
    public List<Enrollment> enrollments(Collection<LearnerId> learnerIds) {
        record(Query.ENROLLMENTS);
        return platform.enrollments(learnerIds);
    }
}
