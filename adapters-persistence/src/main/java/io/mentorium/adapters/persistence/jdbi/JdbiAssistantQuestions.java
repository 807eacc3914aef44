package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.AssistantQuestions;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Questions in {@code bot.assistant_questions}. Every operation is one statement, so each joins the caller's
 * transaction when one is open on this thread and is atomic on its own otherwise. {@link #find} and {@link #open} see
 * open questions only; {@link #close} is a conditional update and so decides a race between two closers by itself.
 */
public final class JdbiAssistantQuestions implements AssistantQuestions {

    private final Jdbi jdbi;
    private final int purgeChunk;

    public JdbiAssistantQuestions(Jdbi jdbi) {
        this(jdbi, Storage.RETENTION_CHUNK);
    }

    JdbiAssistantQuestions(Jdbi jdbi, int purgeChunk) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.purgeChunk = Storage.chunk(purgeChunk);
    }

    // Every answer runs these (asked, read, attempt counted, closed): plain JDBC, as the update path does (HotPath).
    private static final String INSERT = """
            INSERT INTO bot.assistant_questions (parent_id, chat_id, text, update_id, asked_at)
            VALUES (?, ?, ?, ?, ?)
            RETURNING id
            """;
    private static final String FIND_OPEN = """
            SELECT id, parent_id, chat_id, text, attempts, asked_at
              FROM bot.assistant_questions
             WHERE id = ? AND closed_at IS NULL
            """;
    /**
     * For the rest of the caller's transaction only: its commit returns once PostgreSQL holds it in memory, without
     * waiting for the disk (outside a transaction PostgreSQL ignores it with a warning).
     */
    private static final String COMMIT_WITHOUT_WAITING_FOR_DISK = "SET LOCAL synchronous_commit TO OFF";
    /**
     * One statement, so two attempts counted at once both count (the row lock orders them), and the question is read
     * by the same round trip that counts the attempt.
     */
    private static final String START_ATTEMPT = """
            UPDATE bot.assistant_questions SET attempts = attempts + 1, last_attempt_at = ?
             WHERE id = ? AND closed_at IS NULL
            RETURNING id, parent_id, chat_id, text, attempts, asked_at
            """;
    /**
     * Changes one row the first time only. A second closer running at the same moment waits on the first one's row
     * lock and then, at READ COMMITTED, re-checks {@code closed_at IS NULL} on the committed row, and changes nothing.
     */
    private static final String CLOSE = """
            UPDATE bot.assistant_questions SET closed_at = ?, closing = ?
             WHERE id = ? AND closed_at IS NULL
            """;
    /**
     * {@link #CLOSE} for several rows at once, with the same re-check. Two closers whose batches overlap (only
     * possible across processes: each runs one closing loop) could lock in different orders; PostgreSQL then fails
     * one with a deadlock, a passing failure after which each of its answers is closed on its own.
     */
    private static final String CLOSE_ALL = """
            UPDATE bot.assistant_questions SET closed_at = ?, closing = ?
             WHERE id = ANY (?) AND closed_at IS NULL
            RETURNING id
            """;
    static final String ASKED_SINCE_OF_ALL = """
            SELECT parent_id, asked_at FROM bot.assistant_questions
             WHERE parent_id = ANY (?) AND asked_at >= ?
            """;
    private static final String COUNT_ASKED_SINCE = """
            SELECT count(*) FROM bot.assistant_questions
             WHERE parent_id = ? AND asked_at >= ?
            """;

    @Override
    public long add(NewQuestion question) {
        Objects.requireNonNull(question, "question");
        // Changes what the parent's count read ahead tells, and nothing another parent's turn was given.
        return ReadAhead.keyedWrite(Optional.of(question.parentId().value()), Optional.empty(),
                () -> insert(question));
    }

    private long insert(NewQuestion question) {
        return HotPath.query(jdbi, "record a question", INSERT, (statement, connection) -> {
            statement.setLong(1, question.parentId().value());
            statement.setLong(2, question.chatId().value());
            statement.setString(3, question.text());
            if (question.updateId().isPresent()) {
                statement.setLong(4, question.updateId().getAsLong());
            } else {
                statement.setNull(4, Types.BIGINT);
            }
            HotPath.setInstant(statement, 5, question.askedAt());
        }, rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    @Override
    public Optional<OpenQuestion> find(long id) {
        return HotPath.query(jdbi, "load a question", FIND_OPEN,
                (statement, connection) -> statement.setLong(1, id), JdbiAssistantQuestions::question);
    }

    private static Optional<OpenQuestion> question(ResultSet rows) throws SQLException {
        return rows.next() ? Optional.of(toQuestion(new QuestionRow(rows.getLong("id"), rows.getLong("parent_id"),
                rows.getLong("chat_id"), rows.getString("text"), rows.getInt("attempts"),
                HotPath.getInstant(rows, "asked_at")))) : Optional.empty();
    }

    @Override
    public List<OpenQuestion> open(long afterId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<QuestionRow> rows = Storage.call("load open questions",
                () -> jdbi.withExtension(AssistantQuestionDao.class, dao -> dao.open(afterId, limit)));
        return rows.stream().map(JdbiAssistantQuestions::toQuestion).toList();
    }

    /**
     * The count bounds how often a question may crash the bot; a commit PostgreSQL holds survives the bot. Not
     * waiting for the disk spares thousands of answers starting at once a flush each.
     */
    @Override
    public Optional<OpenQuestion> startAttempt(long id, Instant at) {
        Objects.requireNonNull(at, "at");
        HotPath.update(jdbi, "start an answer attempt", COMMIT_WITHOUT_WAITING_FOR_DISK, (statement, connection) -> {
        });
        return HotPath.query(jdbi, "start an answer attempt", START_ATTEMPT, (statement, connection) -> {
            HotPath.setInstant(statement, 1, at);
            statement.setLong(2, id);
        }, JdbiAssistantQuestions::question);
    }

    @Override
    public boolean close(long id, Closing how, Instant at) {
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(at, "at");
        return HotPath.update(jdbi, "close a question", CLOSE, (statement, connection) -> {
            HotPath.setInstant(statement, 1, at);
            statement.setString(2, how.name());
            statement.setLong(3, id);
        }) == 1;
    }

    @Override
    public Set<Long> closeAll(Collection<Long> ids, Closing how, Instant at) {
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(at, "at");
        if (ids.isEmpty()) {
            return Set.of();
        }
        long[] sorted = ids.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
        return HotPath.query(jdbi, "close questions", CLOSE_ALL, (statement, connection) -> {
            HotPath.setInstant(statement, 1, at);
            statement.setString(2, how.name());
            HotPath.setLongs(statement, 3, sorted);
        }, rows -> {
            Set<Long> closed = new HashSet<>();
            while (rows.next()) {
                closed.add(rows.getLong(1));
            }
            return closed;
        });
    }

    @Override
    public int countAskedSince(TelegramUserId parentId, Instant since) {
        Objects.requireNonNull(since, "since");
        OptionalInt ahead = ReadAhead.askedSince(parentId.value(), since);
        if (ahead.isPresent()) {
            return ahead.getAsInt();
        }
        return HotPath.query(jdbi, "count a parent's questions", COUNT_ASKED_SINCE, (statement, connection) -> {
            statement.setLong(1, parentId.value());
            HotPath.setInstant(statement, 2, since);
        }, rows -> {
            rows.next();
            return rows.getInt(1);
        });
    }

    /**
     * One statement for the whole batch: when each parent asked since {@code since} (at most the hourly limit's worth
     * each, which is what makes them few); {@link #countAskedSince} then counts from these for any later instant.
     */
    @Override
    public void readAheadAsked(Collection<TelegramUserId> parentIds, Instant since) {
        Objects.requireNonNull(since, "since");
        if (parentIds.isEmpty() || !ReadAhead.possible()) {
            return;
        }
        long[] ids = parentIds.stream().mapToLong(TelegramUserId::value).distinct().toArray();
        ReadAhead.askedRead(HotPath.query(jdbi, "read questions asked ahead", ASKED_SINCE_OF_ALL,
                (statement, connection) -> {
                    HotPath.setLongs(statement, 1, ids);
                    HotPath.setInstant(statement, 2, since);
                }, rows -> {
                    Map<Long, List<Instant>> read = new HashMap<>();
                    for (long id : ids) {
                        read.put(id, new ArrayList<>(2));
                    }
                    while (rows.next()) {
                        read.get(rows.getLong("parent_id")).add(HotPath.getInstant(rows, "asked_at"));
                    }
                    Map<Long, ReadAhead.AskedSince> asked = new HashMap<>();
                    read.forEach((parent, at) -> asked.put(parent, new ReadAhead.AskedSince(since, at)));
                    return asked;
                }));
    }

    /**
     * In chunks of {@link Storage#RETENTION_CHUNK}, each its own statement and (outside a caller's transaction) its own
     * transaction, so a question being asked or closed right now never waits long on the purge's locks.
     */
    @Override
    public int purgeClosedBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return Storage.inChunks("purge closed questions", purgeChunk, () -> jdbi.withExtension(
                AssistantQuestionDao.class, dao -> dao.purgeClosedBefore(before, purgeChunk)));
    }

    private static OpenQuestion toQuestion(QuestionRow row) {
        try {
            return new OpenQuestion(row.id(), new TelegramUserId(row.parentId()), new ChatId(row.chatId()),
                    row.text(), row.attempts(), row.askedAt());
        } catch (RuntimeException e) {
            throw Storage.corrupt("question " + row.id(), e);
        }
    }
}
