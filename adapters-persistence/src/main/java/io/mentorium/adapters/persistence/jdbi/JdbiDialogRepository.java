package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.DialogRole;
import io.mentorium.domain.dialog.TokenUsage;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Conversations in {@code bot.dialog_messages}; the order of appending is the order of the rows' ids. The answer of an
 * exchange carries its token usage in columns of its own row; every other row has none.
 */
public final class JdbiDialogRepository implements DialogRepository {

    private final Jdbi jdbi;
    private final int purgeChunk;

    public JdbiDialogRepository(Jdbi jdbi) {
        this(jdbi, Storage.RETENTION_CHUNK);
    }

    JdbiDialogRepository(Jdbi jdbi, int purgeChunk) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.purgeChunk = Storage.chunk(purgeChunk);
    }

    @Override
    public void append(DialogMessage message) {
        DialogRow row = toRow(message);
        Storage.run("append a dialog message", () -> jdbi.useExtension(DialogDao.class, dao -> dao.insert(row)));
    }

    // Every answer reads the history and stores its exchange: plain JDBC, as the update path does (HotPath).
    /**
     * Exchanges in one statement, so a question and its answer are stored together even outside a transaction: ids
     * come from the identity as rows leave the sorted subquery, so they follow the given order (each question before
     * its answer), as {@link JdbiOutbox} queues messages. Only an answer's row carries what it cost.
     */
    private static final String INSERT_EXCHANGES = """
            INSERT INTO bot.dialog_messages (parent_id, role, content, token_count, created_at,
                                             prompt_tokens_counted, prompt_tokens_reported,
                                             completion_tokens_counted, completion_tokens_reported)
            SELECT m.parent_id, m.role, m.content, m.token_count, CAST(m.created_at AS timestamptz),
                   m.prompt_counted, m.prompt_reported, m.completion_counted, m.completion_reported
              FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS integer[]),
                          CAST(? AS text[]), CAST(? AS integer[]), CAST(? AS integer[]), CAST(? AS integer[]),
                          CAST(? AS integer[]))
                   WITH ORDINALITY AS m(parent_id, role, content, token_count, created_at, prompt_counted,
                                        prompt_reported, completion_counted, completion_reported, position)
             ORDER BY m.position
            """;
    /** The last {@code limit} messages, oldest first: a backward scan of (parent_id, id), then turned around. */
    private static final String RECENT = """
            SELECT role, content, token_count, created_at
              FROM (SELECT id, role, content, token_count, created_at
                      FROM bot.dialog_messages
                     WHERE parent_id = ?
                     ORDER BY id DESC
                     LIMIT ?) latest
             ORDER BY id
            """;

    /**
     * One multi-row insert: atomic on its own, and part of the caller's transaction when one is open on this thread
     * (on the connection of the handle {@link JdbiTransactionRunner} bound to it).
     */
    @Override
    public void appendExchange(DialogMessage question, DialogMessage answer, TokenUsage usage) {
        appendExchanges(List.of(new Exchange(question, answer, usage)));
    }

    @Override
    public void appendExchanges(List<Exchange> exchanges) {
        if (exchanges.isEmpty()) {
            return;
        }
        int size = exchanges.size() * 2;
        Long[] parents = new Long[size];
        String[] roles = new String[size];
        String[] contents = new String[size];
        Integer[] counts = new Integer[size];
        // As text: PostgreSQL reads an instant's ISO-8601 form exactly (to the microsecond, as a bound timestamp).
        String[] createdAt = new String[size];
        Integer[][] usage = new Integer[4][size];
        int i = 0;
        for (Exchange exchange : exchanges) {
            for (DialogMessage message : List.of(exchange.question(), exchange.answer())) {
                DialogRow row = toRow(message);
                parents[i] = row.parentId();
                roles[i] = row.role();
                contents[i] = row.content();
                counts[i] = row.tokenCount();
                createdAt[i] = row.createdAt().toString();
                i++;
            }
            TokenUsage cost = exchange.usage();
            usage[0][i - 1] = cost.promptCounted();
            usage[1][i - 1] = cost.promptReported();
            usage[2][i - 1] = cost.completionCounted();
            usage[3][i - 1] = cost.completionReported();
        }
        String action = exchanges.size() == 1 ? "append a dialog exchange" : "append dialog exchanges";
        HotPath.update(jdbi, action, INSERT_EXCHANGES, (statement, connection) -> {
            statement.setArray(1, connection.createArrayOf("bigint", parents));
            HotPath.setTexts(statement, 2, roles);
            HotPath.setTexts(statement, 3, contents);
            statement.setArray(4, connection.createArrayOf("integer", counts));
            HotPath.setTexts(statement, 5, createdAt);
            for (int column = 0; column < 4; column++) {
                statement.setArray(6 + column, connection.createArrayOf("integer", usage[column]));
            }
        });
    }

    @Override
    public List<DialogMessage> recent(TelegramUserId parentId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<DialogRow> rows = HotPath.query(jdbi, "load a dialog", RECENT, (statement, connection) -> {
            statement.setLong(1, parentId.value());
            statement.setInt(2, limit);
        }, results -> {
            List<DialogRow> read = new ArrayList<>();
            while (results.next()) {
                read.add(new DialogRow(parentId.value(), results.getString("role"), results.getString("content"),
                        results.getInt("token_count"), HotPath.getInstant(results, "created_at")));
            }
            return read;
        });
        try {
            return rows.stream().map(row -> new DialogMessage(parentId, DialogRole.valueOf(row.role()), row.content(),
                    row.tokenCount(), row.createdAt())).toList();
        } catch (RuntimeException e) {
            throw Storage.corrupt("dialog of parent " + parentId, e);
        }
    }

    @Override
    public int clear(TelegramUserId parentId) {
        return Storage.call("clear a dialog", () -> jdbi.withExtension(DialogDao.class, dao -> dao.clear(parentId.value())));
    }

    /**
     * In chunks of {@link Storage#RETENTION_CHUNK}, each its own statement and (outside a caller's transaction) its own
     * transaction, so a parent asking right now never waits long on the purge's locks.
     */
    @Override
    public int purgeBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return Storage.inChunks("purge old dialog messages", purgeChunk,
                () -> jdbi.withExtension(DialogDao.class, dao -> dao.purgeBefore(before, purgeChunk)));
    }

    private static DialogRow toRow(DialogMessage message) {
        return new DialogRow(message.parentId().value(), message.role().name(), message.content(),
                message.tokenCount(), message.at());
    }
}
