package io.mentorium.application.port.out;

import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.TokenUsage;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;

/** The parent's conversation with the assistant. */
public interface DialogRepository {

    void append(DialogMessage message);

    /**
     * Appends a question and its answer together, the answer carrying what it cost; joins the caller's transaction.
     */
    void appendExchange(DialogMessage question, DialogMessage answer, TokenUsage usage);

    /** The parent's last {@code limit} messages, oldest first. */
    List<DialogMessage> recent(TelegramUserId parentId, int limit);

    /** Forgets the parent's conversation; answers how many messages were removed. */
    int clear(TelegramUserId parentId);

    /** Deletes every message older than {@code before}; answers how many. */
    int purgeBefore(Instant before);
}
