package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.Trials;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.TelegramUserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
    static final String FIND_ALL = "SELECT parent_id, starts_at, ends_at FROM bot.trials WHERE parent_id = ANY (?)";
    /** 0 when the parent's trial was decided already (by a concurrent claim, which this waits for). */
    private static final String INSERT = """
            INSERT INTO bot.trials (parent_id, starts_at, ends_at) VALUES (?, ?, ?)
            ON CONFLICT (parent_id) DO NOTHING
            """;
    /**
     * One claim of children at a time, until its transaction ends. A transaction may hold several chats' turns, so
     * two of them can claim one family's children in opposite orders: each would wait for the other's row, and
     * PostgreSQL would break the deadlock only after {@code deadlock_timeout}, failing one batch. Claims are rare (a
     * parent's first look at the subscription, a child linked after it), so waiting for one another costs nothing.
     */
    private static final String SERIALIZE = "SELECT pg_advisory_xact_lock(hashtext('bot.trial_learners'))";
    /** 1 claimed for this family now, 0 claimed by a family before. */
    private static final String CLAIM_LEARNER = """
            INSERT INTO bot.trial_learners (learner_id, parent_id) VALUES (?, ?)
            ON CONFLICT (learner_id) DO NOTHING
            """;
    private static final String REFUSE = "UPDATE bot.trials SET ends_at = starts_at WHERE parent_id = ?";

    private final Jdbi jdbi;

    public JdbiTrials(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<Trial> find(TelegramUserId parentId) {
        long parent = parentId.value();
        Optional<Optional<TrialRow>> ahead = ReadAhead.trial(parent);
        if (ahead.isPresent()) {
            return ahead.get().map(JdbiTrials::toTrial);
        }
        return HotPath.query(jdbi, "load a trial", FIND, (statement, connection) -> statement.setLong(1, parent),
                rows -> rows.next()
                        ? Optional.of(new TrialRow(parent, HotPath.getInstant(rows, "starts_at"),
                                HotPath.getInstant(rows, "ends_at")))
                        : Optional.<TrialRow>empty()).map(JdbiTrials::toTrial);
    }

    @Override
    public Map<TelegramUserId, Trial> findAll(Collection<TelegramUserId> parentIds) {
        Map<TelegramUserId, Trial> found = new LinkedHashMap<>();
        trialsOf(parentIds, "load trials").forEach((parent, trial) ->
                trial.ifPresent(row -> found.put(new TelegramUserId(parent), toTrial(row))));
        return found;
    }

    /** One statement for the whole batch; {@link #find} then serves them for the transaction (see ReadAhead). */
    @Override
    public void readAhead(Collection<TelegramUserId> parentIds) {
        if (parentIds.isEmpty() || !ReadAhead.possible()) {
            return;
        }
        ReadAhead.trialsRead(trialsOf(parentIds, "read trials ahead"));
    }

    /** The parents' trials, every given parent a key (empty: never decided). */
    private Map<Long, Optional<TrialRow>> trialsOf(Collection<TelegramUserId> parentIds, String action) {
        return HotPath.perParent(jdbi, action, FIND_ALL, parentIds, Optional::empty,
                (none, row) -> Optional.of(new TrialRow(row.getLong("parent_id"), HotPath.getInstant(row, "starts_at"),
                        HotPath.getInstant(row, "ends_at"))));
    }

    /**
     * Plain JDBC too: the subscription screen claims a parent's trial the first time it is shown, on the chat's turn.
     * Jdbi joins the caller's transaction when one is open on this thread, and makes one otherwise.
     */
    @Override
    public Trial claim(TelegramUserId parentId, Collection<LearnerId> learners, Instant start, Instant end) {
        long parent = parentId.value();
        List<String> learnerIds = learners.stream().map(LearnerId::value).distinct().sorted().toList();
        return Storage.call("claim a trial", () -> jdbi.inTransaction(handle -> {
            int inserted = HotPath.update(jdbi, "claim a trial", INSERT, (statement, connection) -> {
                statement.setLong(1, parent);
                HotPath.setInstant(statement, 2, start);
                HotPath.setInstant(statement, 3, end);
            });
            if (inserted == 1 && !claimLearners(handle.getConnection(), learnerIds, parent)) {
                HotPath.update(jdbi, "claim a trial", REFUSE, (statement, connection) -> statement.setLong(1, parent));
            }
            return find(parentId).orElseThrow();
        }));
    }

    /**
     * Sorted, so that two claims over the same children lock them in the same order; and serialized ({@link
     * #SERIALIZE}), so that two transactions with several claims each cannot lock them in opposite orders.
     *
     * @return whether every learner was claimed for this family now (none by a family before)
     */
    private static boolean claimLearners(Connection connection, List<String> learnerIds, long parent) {
        if (learnerIds.isEmpty()) {
            return true;
        }
        serialize(connection, "claim a trial");
        try (PreparedStatement statement = connection.prepareStatement(CLAIM_LEARNER)) {
            for (String learnerId : learnerIds) {
                statement.setString(1, learnerId);
                statement.setLong(2, parent);
                statement.addBatch();
            }
            WriteTally.wrote();
            return Arrays.stream(statement.executeBatch()).allMatch(count -> count == 1);
        } catch (SQLException e) {
            throw Storage.failure("claim a trial", e);
        }
    }

    @Override
    public boolean adopt(TelegramUserId parentId, LearnerId learnerId) {
        String action = "add a learner to a trial's family";
        return Storage.call(action, () -> jdbi.inTransaction(handle -> {
            serialize(handle.getConnection(), action);
            return handle.attach(TrialDao.class).adopt(learnerId.value(), parentId.value());
        })) == 1;
    }

    /** Takes {@link #SERIALIZE} for the rest of the caller's transaction. */
    private static void serialize(Connection connection, String action) {
        try (PreparedStatement serialize = connection.prepareStatement(SERIALIZE)) {
            serialize.execute();
        } catch (SQLException e) {
            throw Storage.failure(action, e);
        }
    }

    private static Trial toTrial(TrialRow row) {
        try {
            return new Trial(new TelegramUserId(row.parentId()), row.startsAt(), row.endsAt());
        } catch (RuntimeException e) {
            throw Storage.corrupt("trial of parent " + row.parentId(), e);
        }
    }
}
