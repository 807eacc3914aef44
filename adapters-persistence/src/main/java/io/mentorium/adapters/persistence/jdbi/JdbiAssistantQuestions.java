package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.AssistantQuestions;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    @Override
    public long add(NewQuestion question) {
        Objects.requireNonNull(question, "question");
        Long updateId = question.updateId().isPresent() ? question.updateId().getAsLong() : null;
        return Storage.call("record a question", () -> jdbi.withExtension(AssistantQuestionDao.class,
                dao -> dao.insert(question.parentId().value(), question.chatId().value(), question.text(), updateId,
                        question.askedAt())));
    }

    @Override
    public Optional<OpenQuestion> find(long id) {
        Optional<QuestionRow> row = Storage.call("load a question",
                () -> jdbi.withExtension(AssistantQuestionDao.class, dao -> dao.findOpen(id)));
        return row.map(JdbiAssistantQuestions::toQuestion);
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

    @Override
    public int recordAttempt(long id, Instant at) {
        Objects.requireNonNull(at, "at");
        Optional<Integer> attempts = Storage.call("record an answer attempt",
                () -> jdbi.withExtension(AssistantQuestionDao.class, dao -> {
                    // The count bounds how often a question may crash the bot; a commit PostgreSQL holds survives the
                    // bot. Not waiting for the disk spares thousands of answers starting at once a flush each.
                    dao.commitWithoutWaitingForDisk();
                    return dao.recordAttempt(id, at);
                }));
        return attempts.orElseThrow(() -> new IllegalArgumentException("no question " + id));
    }

    @Override
    public boolean close(long id, Closing how, Instant at) {
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(at, "at");
        return Storage.call("close a question",
                () -> jdbi.withExtension(AssistantQuestionDao.class, dao -> dao.close(id, how.name(), at))) == 1;
    }

    @Override
    public int countAskedSince(TelegramUserId parentId, Instant since) {
        Objects.requireNonNull(since, "since");
        return Storage.call("count a parent's questions", () -> jdbi.withExtension(AssistantQuestionDao.class,
                dao -> dao.countAskedSince(parentId.value(), since)));
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
