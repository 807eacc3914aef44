package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.DialogRole;
import io.mentorium.domain.dialog.TokenUsage;
import io.mentorium.domain.shared.TelegramUserId;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
     * A question and its answer in one statement, so they are stored together even outside a transaction. The rows of
     * a {@code VALUES} list are inserted in the order written, so the question gets the lower id; the answer's row
     * carries what it cost.
     */
    private static final String INSERT_EXCHANGE = """
            INSERT INTO bot.dialog_messages (parent_id, role, content, token_count, created_at,
                                             prompt_tokens_counted, prompt_tokens_reported,
                                             completion_tokens_counted, completion_tokens_reported)
            VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, NULL),
                   (?, ?, ?, ?, ?, ?, ?, ?, ?)
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
        Objects.requireNonNull(usage, "usage");
        DialogRow q = toRow(question);
        DialogRow a = toRow(answer);
        HotPath.update(jdbi, "append a dialog exchange", INSERT_EXCHANGE, (statement, connection) -> {
            bindMessage(statement, 1, q);
            bindMessage(statement, 6, a);
            statement.setInt(11, usage.promptCounted());
            statement.setInt(12, usage.promptReported());
            statement.setInt(13, usage.completionCounted());
            statement.setInt(14, usage.completionReported());
        });
    }

    private static void bindMessage(PreparedStatement statement, int first, DialogRow row) throws SQLException {
        statement.setLong(first, row.parentId());
        statement.setString(first + 1, row.role());
        statement.setString(first + 2, row.content());
        statement.setInt(first + 3, row.tokenCount());
        HotPath.setInstant(statement, first + 4, row.createdAt());
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
