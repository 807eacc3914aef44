package io.mentorium.application.port.out;

import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.List;

/** The parent's conversation with the assistant. */
public interface DialogRepository {

    void append(DialogMessage message);

    /** The parent's last {@code limit} messages, oldest first. */
    List<DialogMessage> recent(TelegramUserId parentId, int limit);

    /** Forgets the parent's conversation; answers how many messages were removed. */
    int clear(TelegramUserId parentId);
}
