package io.mentorium.application.conversation;

import io.mentorium.application.port.in.ChatInput;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One input from a registered parent, with what the conversation knows when handling it. */
record Turn(ChatInput.Sender sender, Parent parent, Optional<FlowState> state, Instant now) {

    Turn {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(now, "now");
    }

    ChatId chat() {
        return sender.chatId();
    }

    TelegramUserId parentId() {
        return parent.id();
    }

    Language language() {
        return parent.language();
    }

    boolean inStep(Step step) {
        return state.map(current -> current.is(step)).orElse(false);
    }
}
