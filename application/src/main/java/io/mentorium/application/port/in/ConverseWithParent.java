package io.mentorium.application.port.in;

import io.mentorium.application.port.out.Messenger.Outgoing;
import java.util.List;

/**
 * The conversation: one input from a chat in, the bot's replies out. Runs inside the caller's transaction, so that the
 * state it changes and the replies it returns (which the caller puts into the outbox) are committed together.
 * Never throws for anything a person can type; a {@link io.mentorium.application.port.out.StorageException} means the
 * input should be tried again later.
 */
public interface ConverseWithParent {

    List<Outgoing> handle(ChatInput input);

    /**
     * A hint, in the transaction that will then {@link #handle} each of {@code inputs} (of different chats): what
     * every turn reads first may be read for all of them at once. Only a cost saving, never a difference in what a turn
     * sees. Does nothing by default.
     */
    default void readAhead(List<ChatInput> inputs) {
    }

    /**
     * What to say when handling {@code input} failed with a bug (its transaction rolled back): an apology in the
     * parent's language, best effort. Never throws.
     */
    List<Outgoing> apologize(ChatInput input);

    /**
     * Whether {@code input} is one a parent expects answered at once — a command, a key or button pressed, a payment
     * step — rather than free text, which may be a question to the assistant whose answer takes seconds anyway. Decided
     * from the input alone, before any transaction; under a burst the chat workers take urgent inputs first. Everything
     * is urgent unless a conversation says otherwise.
     */
    default boolean urgent(ChatInput input) {
        return true;
    }
}
