package io.mentorium.application.port.out;

import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.TokenUsage;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The parent's conversation with the assistant. */
public interface DialogRepository {

    void append(DialogMessage message);

    /**
     * Appends a question and its answer together, the answer carrying what it cost; joins the caller's transaction.
     */
    void appendExchange(DialogMessage question, DialogMessage answer, TokenUsage usage);

    /**
     * {@link #appendExchange Appends} several exchanges, in the order given (each question before its answer); joins
     * the caller's transaction. The default appends them one by one.
     */
    default void appendExchanges(List<Exchange> exchanges) {
        for (Exchange exchange : exchanges) {
            appendExchange(exchange.question(), exchange.answer(), exchange.usage());
        }
    }

    /** The parent's last {@code limit} messages, oldest first. */
    List<DialogMessage> recent(TelegramUserId parentId, int limit);

    /** Forgets the parent's conversation; answers how many messages were removed. */
    int clear(TelegramUserId parentId);

    /** Deletes every message older than {@code before}; answers how many. */
    int purgeBefore(Instant before);

    /** A question and its answer, the answer carrying what it cost. */
    record Exchange(DialogMessage question, DialogMessage answer, TokenUsage usage) {

        public Exchange {
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(usage, "usage");
        }
    }
}
