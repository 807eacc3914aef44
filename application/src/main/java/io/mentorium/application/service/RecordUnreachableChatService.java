package io.mentorium.application.service;

import io.mentorium.application.port.in.RecordUnreachableChat;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.shared.ChatId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The person behind a chat blocked the bot: the parent (if the chat is a parent's) is marked unreachable and every
 * message still queued for the chat is given up, together.
 */
public final class RecordUnreachableChatService implements RecordUnreachableChat {

    private static final Logger LOG = LoggerFactory.getLogger(RecordUnreachableChatService.class);

    private final ParentRepository parents;
    private final Outbox outbox;
    private final TransactionRunner transactions;
    private final Clock clock;

    @Inject
    public RecordUnreachableChatService(ParentRepository parents, Outbox outbox, TransactionRunner transactions,
                                        Clock clock) {
        this.parents = Objects.requireNonNull(parents, "parents");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public int recordBlocked(ChatId chatId) {
        Objects.requireNonNull(chatId, "chatId");
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            // A chat that never registered (blocked during /start) has no parent, but may still have messages queued.
            parents.findByChat(chatId).ifPresent(parent -> {
                parent.markBlocked(now);
                parents.save(parent);
            });
            int dropped = outbox.giveUpChat(chatId, now, "blocked");
            LOG.info("Chat {} blocked the bot; {} queued message(s) given up", chatId, dropped);
            return dropped;
        });
    }
}
