package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.domain.parent.LearnerLink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
     * The tables whose rows are read ahead. A plain insert into any other leaves them as they are
     * ({@link WriteTally#insertsBesideReadAhead}); a table added to the read-ahead must be added here.
     */
    static final Set<String> TABLES = Set.of("bot.parents", "bot.parent_learners", "bot.conversations");

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final ThreadLocal<ReadAhead> CURRENT = new ThreadLocal<>();

    /** By Telegram user id; empty: no such parent. */
    private final Map<Long, Optional<ParentWithLinks>> parents = new HashMap<>();
    /** By chat id, whether expired or not; empty: no state. */
    private final Map<Long, Optional<ConversationRow>> conversations = new HashMap<>();
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
        ReadAhead current = current();
        if (current != null) {
            current.parents.putAll(read);
        }
    }

    static void conversationsRead(Map<Long, Optional<ConversationRow>> read) {
        ReadAhead current = current();
        if (current != null) {
            current.conversations.putAll(read);
        }
    }

    /** The parent as read ahead: empty when not read ahead (read it), else whether there is one. */
    static Optional<Optional<ParentWithLinks>> parent(long telegramUserId) {
        ReadAhead current = valid();
        return current == null ? Optional.empty() : Optional.ofNullable(current.parents.get(telegramUserId));
    }

    /** The chat's conversation row as read ahead, expired or not: empty when not read ahead. */
    static Optional<Optional<ConversationRow>> conversation(long chatId) {
        ReadAhead current = valid();
        return current == null ? Optional.empty() : Optional.ofNullable(current.conversations.get(chatId));
    }

    /**
     * Runs a write of the parent's or the chat's own rows, then drops what was read ahead of them; the other rows stay.
     * A write that fails leaves the tally moved, so the next read drops everything.
     */
    static void keyedWrite(Optional<Long> parent, Optional<Long> chat, Runnable write) {
        ReadAhead before = valid();
        write.run();
        if (before != null) {
            parent.ifPresent(before.parents::remove);
            chat.ifPresent(before.conversations::remove);
            before.writes = WriteTally.readAheadCount();
        }
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
