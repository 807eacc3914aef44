package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.Trials;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Trials in {@code bot.trials} and {@code bot.trial_learners}. The learners' primary key decides a race between two
 * parents of one child: the second insert waits for the first transaction and then finds the learner taken, so the
 * second parent's trial is turned into a refused one before its transaction commits.
 */
public final class JdbiTrials implements Trials {

    // Plain JDBC (HotPath): read on a chat's turn by the subscription screen (see JdbiSubscriptionRepository).
    private static final String FIND = "SELECT starts_at, ends_at FROM bot.trials WHERE parent_id = ?";

    private final Jdbi jdbi;

    public JdbiTrials(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<Trial> find(TelegramUserId parentId) {
        long parent = parentId.value();
        return HotPath.query(jdbi, "load a trial", FIND, (statement, connection) -> statement.setLong(1, parent),
                rows -> rows.next()
                        ? Optional.of(new TrialRow(parent, HotPath.getInstant(rows, "starts_at"),
                                HotPath.getInstant(rows, "ends_at")))
                        : Optional.<TrialRow>empty()).map(JdbiTrials::toTrial);
    }

    @Override
    public Map<TelegramUserId, Trial> findAll(Collection<TelegramUserId> parentIds) {
        long[] ids = parentIds.stream().mapToLong(TelegramUserId::value).distinct().toArray();
        Map<TelegramUserId, Trial> found = new LinkedHashMap<>();
        if (ids.length > 0) {
            Storage.call("load trials", () -> jdbi.withExtension(TrialDao.class, dao -> dao.findAll(ids)))
                    .forEach(row -> found.put(new TelegramUserId(row.parentId()), toTrial(row)));
        }
        return found;
    }

    @Override
    public Trial claim(TelegramUserId parentId, Collection<LearnerId> learners, Instant start, Instant end) {
        long parent = parentId.value();
        List<String> learnerIds = learners.stream().map(LearnerId::value).distinct().sorted().toList();
        TrialRow row = Storage.call("claim a trial", () -> jdbi.inTransaction(handle -> {
            TrialDao dao = handle.attach(TrialDao.class);
            if (dao.insert(parent, start, end) == 0) {
                return dao.find(parent).orElseThrow();
            }
            // Sorted, so that two claims over the same children lock them in the same order and cannot deadlock.
            boolean allClaimed = learnerIds.isEmpty()
                    || Arrays.stream(dao.claimLearners(learnerIds, parent)).allMatch(count -> count == 1);
            if (!allClaimed) {
                dao.refuse(parent);
            }
            return dao.find(parent).orElseThrow();
        }));
        return toTrial(row);
    }

    @Override
    public boolean adopt(TelegramUserId parentId, LearnerId learnerId) {
        return Storage.call("add a learner to a trial's family", () -> jdbi.withExtension(TrialDao.class,
                dao -> dao.adopt(learnerId.value(), parentId.value()))) == 1;
    }

    private static Trial toTrial(TrialRow row) {
        try {
            return new Trial(new TelegramUserId(row.parentId()), row.startsAt(), row.endsAt());
        } catch (RuntimeException e) {
            throw Storage.corrupt("trial of parent " + row.parentId(), e);
        }
    }
}
