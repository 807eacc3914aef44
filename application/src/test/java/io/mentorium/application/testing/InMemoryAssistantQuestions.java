package io.mentorium.application.testing;

import io.mentorium.application.port.out.AssistantQuestions;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Questions in a map by id, every method synchronized, so two threads racing to close a question see the same outcome
 * as on a database: exactly one wins. Adding and closing register undos with {@link FakeTransaction}, since both happen
 * inside a transaction that may roll back.
 */
public final class InMemoryAssistantQuestions implements AssistantQuestions {

    /** The database's check: a Telegram message holds at most 4096 characters. */
    public static final int MAX_TEXT_LENGTH = 4096;

    private record Row(NewQuestion question, int attempts, Optional<Instant> lastAttemptAt, Optional<Closing> closing,
                       Optional<Instant> closedAt) {

        boolean isOpen() {
            return closedAt.isEmpty();
        }

        OpenQuestion toOpen(long id) {
            return new OpenQuestion(id, question.parentId(), question.chatId(), question.text(), attempts,
                    question.askedAt());
        }
    }

    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private long lastId;

    @Override
    public synchronized long add(NewQuestion question) {
        if (question.text().length() > MAX_TEXT_LENGTH) {
            throw new StorageException(StorageException.Category.PERMANENT,
                    "Could not record a question (constraint assistant_questions_text_length)");
        }
        long id = ++lastId;
        rows.put(id, new Row(question, 0, Optional.empty(), Optional.empty(), Optional.empty()));
        FakeTransaction.onRollback(() -> {
            synchronized (this) {
                rows.remove(id);
            }
        });
        return id;
    }

    @Override
    public synchronized Optional<OpenQuestion> find(long id) {
        return Optional.ofNullable(rows.get(id)).filter(Row::isOpen).map(row -> row.toOpen(id));
    }

    @Override
    public synchronized List<OpenQuestion> open(long afterId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return rows.tailMap(afterId, false).entrySet().stream()
                .filter(entry -> entry.getValue().isOpen())
                .limit(limit)
                .map(entry -> entry.getValue().toOpen(entry.getKey()))
                .toList();
    }

    @Override
    public synchronized Optional<OpenQuestion> startAttempt(long id, Instant at) {
        Row row = rows.get(id);
        if (row == null || !row.isOpen()) {
            return Optional.empty();
        }
        Row attempted = new Row(row.question(), row.attempts() + 1, Optional.of(at), row.closing(), row.closedAt());
        rows.put(id, attempted);
        return Optional.of(attempted.toOpen(id));
    }

    /** Calls that closed questions: what a database would run a statement for each. */
    private int closings;

    @Override
    public synchronized Set<Long> closeAll(Collection<Long> ids, Closing how, Instant at) {
        Set<Long> closed = new HashSet<>();
        for (long id : ids) {
            if (closeOne(id, how, at)) {
                closed.add(id);
            }
        }
        closings++;
        return closed;
    }

    @Override
    public synchronized boolean close(long id, Closing how, Instant at) {
        closings++;
        return closeOne(id, how, at);
    }

    /** How many calls closed questions, one or several at a time. */
    public synchronized int closings() {
        return closings;
    }

    private boolean closeOne(long id, Closing how, Instant at) {
        Row row = rows.get(id);
        if (row == null || !row.isOpen()) {
            return false;
        }
        rows.put(id, new Row(row.question(), row.attempts(), row.lastAttemptAt(), Optional.of(how), Optional.of(at)));
        FakeTransaction.onRollback(() -> {
            synchronized (this) {
                rows.computeIfPresent(id, (key, closed) -> row);
            }
        });
        return true;
    }

    @Override
    public synchronized int countAskedSince(TelegramUserId parentId, Instant since) {
        return (int) rows.values().stream()
                .filter(row -> row.question().parentId().equals(parentId))
                .filter(row -> !row.question().askedAt().isBefore(since))
                .count();
    }

    private final List<Map.Entry<List<TelegramUserId>, Instant>> readAheads = new ArrayList<>();

    /** Records the hint; every count is made from the rows anyway. */
    @Override
    public synchronized void readAheadAsked(Collection<TelegramUserId> parentIds, Instant since) {
        readAheads.add(Map.entry(List.copyOf(parentIds), since));
    }

    /** The parents and instants {@link #readAheadAsked} was given, in order. */
    public synchronized List<Map.Entry<List<TelegramUserId>, Instant>> readAheads() {
        return List.copyOf(readAheads);
    }

    @Override
    public synchronized int purgeClosedBefore(Instant before) {
        int count = rows.size();
        rows.values().removeIf(row -> !row.isOpen() && row.question().askedAt().isBefore(before));
        return count - rows.size();
    }

    /** How the question was closed, if it was (for use-case tests). */
    public synchronized Optional<Closing> closingOf(long id) {
        return Optional.ofNullable(rows.get(id)).flatMap(Row::closing);
    }

    /** Every question still stored, open or closed, by id (for use-case tests). */
    public synchronized Map<Long, NewQuestion> all() {
        Map<Long, NewQuestion> all = new TreeMap<>();
        rows.forEach((id, row) -> all.put(id, row.question()));
        return all;
    }
}
