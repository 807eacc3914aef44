package io.mentorium.application.port.in;

import io.mentorium.domain.shared.ChatId;

/**
 * Telegram refused a message because the person blocked the bot: the parent is marked unreachable (scheduled reports
 * and notifications skip them) and nothing more is sent to the chat until they write again.
 */
public interface RecordUnreachableChat {

    /** @return how many queued messages for the chat were dropped */
    int recordBlocked(ChatId chatId);
}
