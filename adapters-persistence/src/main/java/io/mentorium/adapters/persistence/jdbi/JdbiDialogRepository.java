package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.DialogRole;
import io.mentorium.domain.dialog.TokenUsage;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
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

    /**
     * One multi-row insert: atomic on its own, and part of the caller's transaction when one is open on this thread
     * (the extension runs on the handle {@link JdbiTransactionRunner} bound to it).
     */
    @Override
    public void appendExchange(DialogMessage question, DialogMessage answer, TokenUsage usage) {
        Objects.requireNonNull(usage, "usage");
        DialogRow q = toRow(question);
        DialogRow a = toRow(answer);
        Storage.run("append a dialog exchange",
                () -> jdbi.useExtension(DialogDao.class, dao -> dao.insertExchange(q, a, usage)));
    }

    @Override
    public List<DialogMessage> recent(TelegramUserId parentId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<DialogRow> rows = Storage.call("load a dialog",
                () -> jdbi.withExtension(DialogDao.class, dao -> dao.recent(parentId.value(), limit)));
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
