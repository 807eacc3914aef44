package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.domain.parent.LearnerLink;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rows that a batch of chats' turns will read, read for all of them at the batch's start (one statement per table
 * instead of one per update) and served to the turns of that one transaction.
 *
 * <p>A row is served only while the transaction can hold nothing newer:
 * <ul>
 *   <li>It lives for the outermost {@link JdbiTransactionRunner} transaction of this thread, and goes with it: a
 *       transaction begun again after a rollback reads afresh.</li>
 *   <li>A write through the repository that owns the row ({@link #keyedWrite}) drops that row.</li>
 *   <li>Any other write on this thread that may have changed them ({@link WriteTally}: every statement that is not a
 *       plain {@code SELECT} or a plain insert into a table not in {@link #TABLES}) drops all rows: whatever it
 *       touched, no turn can be served a row it changed.</li>
 * </ul>
 * Other transactions' commits are seen as by any read made at the batch's start: under read committed, that is what a
 * turn's own read a few milliseconds later could have seen as well. Rows are kept as immutable rows, and each read builds
 * its object afresh, so a turn that changes the object it was given changes nothing another read gets.
 */
final class ReadAhead {

    /** A parent's row with its links, in their order. */
    record ParentWithLinks(ParentRow row, List<LearnerLink> links) {

        ParentWithLinks {
            links = List.copyOf(links);
        }
    }

    /**
     * When a parent asked their questions of the last hour (the assistant's rate limit), from {@code since} on: a count
     * since any later instant is counted from these, one since an earlier one is read.
     */
    record AskedSince(Instant since, List<Instant> askedAt) {

        AskedSince {
            askedAt = List.copyOf(askedAt);
        }

        OptionalInt countFrom(Instant from) {
            if (from.isBefore(since)) {
                return OptionalInt.empty();
            }
            return OptionalInt.of((int) askedAt.stream().filter(at -> !at.isBefore(from)).count());
        }
    }

    /**
     * The tables whose rows are read ahead. A plain insert into any other leaves them as they are
     * ({@link WriteTally#insertsBesideReadAhead}); a table added to the read-ahead must be added here.
     */
    static final Set<String> TABLES = Set.of("bot.parents", "bot.parent_learners", "bot.conversations",
            "bot.subscription_grants", "bot.trials", "bot.assistant_questions");

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final ThreadLocal<ReadAhead> CURRENT = new ThreadLocal<>();

    /** By Telegram user id; empty: no such parent. */
    private final Map<Long, Optional<ParentWithLinks>> parents = new HashMap<>();
    /** By chat id, whether expired or not; empty: no state. */
    private final Map<Long, Optional<ConversationRow>> conversations = new HashMap<>();
    /** A parent's subscription grants by Telegram user id, in their order; none: never paid. */
    private final Map<Long, List<GrantRow>> grants = new HashMap<>();
    /** By Telegram user id; empty: the parent's trial was never decided. */
    private final Map<Long, Optional<TrialRow>> trials = new HashMap<>();
    /** By Telegram user id. */
    private final Map<Long, AskedSince> asked = new HashMap<>();
    /** {@link WriteTally#readAheadCount()} when the rows were last known to be current. */
    private long writes = WriteTally.readAheadCount();

    private ReadAhead() {
    }

    /** Runs {@code transaction}, the rows read ahead inside it living until the outermost one ends. */
    static <T> T within(Supplier<T> transaction) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            return transaction.get();
        } finally {
            if (--depth[0] == 0) {
                CURRENT.remove();
            }
        }
    }

    /** Whether rows read now can be kept: only inside a transaction, whose end drops them. */
    static boolean possible() {
        return DEPTH.get()[0] > 0;
    }

    static void parentsRead(Map<Long, Optional<ParentWithLinks>> read) {
        keep(ahead -> ahead.parents, read);
    }

    static void conversationsRead(Map<Long, Optional<ConversationRow>> read) {
        keep(ahead -> ahead.conversations, read);
    }

    static void grantsRead(Map<Long, List<GrantRow>> read) {
        Map<Long, List<GrantRow>> kept = new HashMap<>();
        read.forEach((parent, rows) -> kept.put(parent, List.copyOf(rows)));
        keep(ahead -> ahead.grants, kept);
    }

    static void trialsRead(Map<Long, Optional<TrialRow>> read) {
        keep(ahead -> ahead.trials, read);
    }

    static void askedRead(Map<Long, AskedSince> read) {
        keep(ahead -> ahead.asked, read);
    }

    /** The parent's subscription grants as read ahead: empty when not read ahead (read them). */
    static Optional<List<GrantRow>> grants(long telegramUserId) {
        return held(ahead -> ahead.grants, telegramUserId);
    }

    /** The parent's trial as read ahead: empty when not read ahead (read it), else whether there is one. */
    static Optional<Optional<TrialRow>> trial(long telegramUserId) {
        return held(ahead -> ahead.trials, telegramUserId);
    }

    /** How many questions the parent asked since {@code since}, if what was read ahead tells: else empty (count them). */
    static OptionalInt askedSince(long telegramUserId, Instant since) {
        return held(ahead -> ahead.asked, telegramUserId).map(read -> read.countFrom(since))
                .orElseGet(OptionalInt::empty);
    }

    /** The parent as read ahead: empty when not read ahead (read it), else whether there is one. */
    static Optional<Optional<ParentWithLinks>> parent(long telegramUserId) {
        return held(ahead -> ahead.parents, telegramUserId);
    }

    /** The chat's conversation row as read ahead, expired or not: empty when not read ahead. */
    static Optional<Optional<ConversationRow>> conversation(long chatId) {
        return held(ahead -> ahead.conversations, chatId);
    }

    private static <V> Optional<V> held(Function<ReadAhead, Map<Long, V>> table, long key) {
        ReadAhead current = valid();
        return current == null ? Optional.empty() : Optional.ofNullable(table.apply(current).get(key));
    }

    private static <V> void keep(Function<ReadAhead, Map<Long, V>> table, Map<Long, V> read) {
        ReadAhead current = current();
        if (current != null) {
            table.apply(current).putAll(read);
        }
    }

    /**
     * Runs a write of the parent's or the chat's own rows, then drops everything read ahead of that parent (their row,
     * subscription, trial and questions) or chat; the other parents' and chats' rows stay.
     * A write that fails leaves the tally moved, so the next read drops everything.
     */
    static void keyedWrite(Optional<Long> parent, Optional<Long> chat, Runnable write) {
        keyedWrite(parent, chat, () -> {
            write.run();
            return null;
        });
    }

    /** {@link #keyedWrite(Optional, Optional, Runnable)}, answering what the write returned. */
    static <T> T keyedWrite(Optional<Long> parent, Optional<Long> chat, Supplier<T> write) {
        ReadAhead before = valid();
        T result = write.get();
        if (before != null) {
            parent.ifPresent(id -> {
                before.parents.remove(id);
                before.grants.remove(id);
                before.trials.remove(id);
                before.asked.remove(id);
            });
            chat.ifPresent(before.conversations::remove);
            before.writes = WriteTally.readAheadCount();
        }
        return result;
    }

    private static ReadAhead current() {
        if (!possible()) {
            return null;
        }
        ReadAhead current = valid();
        if (current == null) {
            current = new ReadAhead();
            CURRENT.set(current);
        }
        return current;
    }

    private static ReadAhead valid() {
        ReadAhead current = CURRENT.get();
        if (current != null && current.writes != WriteTally.readAheadCount()) {
            CURRENT.remove();
            return null;
        }
        return current;
    }
}
