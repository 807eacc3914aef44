package io.mentorium.application.testing;

import io.mentorium.application.port.out.Trials;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Trials in memory: the same decisions as the database's, one claim at a time. */
public final class InMemoryTrials implements Trials {

    private final Map<TelegramUserId, Trial> trials = new HashMap<>();
    private final Map<LearnerId, TelegramUserId> claimedBy = new HashMap<>();
    private final List<List<TelegramUserId>> readAheads = new ArrayList<>();

    @Override
    public synchronized Optional<Trial> find(TelegramUserId parentId) {
        return Optional.ofNullable(trials.get(parentId));
    }

    @Override
    public synchronized void readAhead(Collection<TelegramUserId> parentIds) {
        readAheads.add(List.copyOf(parentIds));
    }

    /** The parents {@link #readAhead} was given, call by call. */
    public synchronized List<List<TelegramUserId>> readAheads() {
        return List.copyOf(readAheads);
    }

    @Override
    public synchronized Trial claim(TelegramUserId parentId, Collection<LearnerId> learners, Instant start,
                                    Instant end) {
        Trial decided = trials.get(parentId);
        if (decided != null) {
            return decided;
        }
        boolean familyHadOne = learners.stream().anyMatch(claimedBy::containsKey);
        Trial trial = new Trial(parentId, start, familyHadOne ? start : end);
        trials.put(parentId, trial);
        learners.forEach(learner -> claimedBy.putIfAbsent(learner, parentId));
        FakeTransaction.onRollback(() -> {
            synchronized (this) {
                trials.remove(parentId);
                claimedBy.values().removeIf(parentId::equals);
            }
        });
        return trial;
    }

    @Override
    public synchronized boolean adopt(TelegramUserId parentId, LearnerId learnerId) {
        if (!trials.containsKey(parentId) || claimedBy.containsKey(learnerId)) {
            return false;
        }
        claimedBy.put(learnerId, parentId);
        FakeTransaction.onRollback(() -> {
            synchronized (this) {
                claimedBy.remove(learnerId, parentId);
            }
        });
        return true;
    }
}
