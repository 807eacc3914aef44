package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.DialogRole;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/** Conversations in {@code bot.dialog_messages}; the order of appending is the order of the rows' ids. */
public final class JdbiDialogRepository implements DialogRepository {

    private final Jdbi jdbi;

    public JdbiDialogRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void append(DialogMessage message) {
        DialogRow row = new DialogRow(message.parentId().value(), message.role().name(), message.content(),
                message.tokenCount(), message.at());
        Storage.run("append a dialog message", () -> jdbi.useExtension(DialogDao.class, dao -> dao.insert(row)));
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
}
