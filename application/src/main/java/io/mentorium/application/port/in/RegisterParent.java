package io.mentorium.application.port.in;

import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Objects;

/** A person pressed /start and chose a language: they become a parent the bot knows. */
public interface RegisterParent {

    Result register(Command command);

    record Command(TelegramUserId userId, ChatId chatId, Language language) {

        public Command {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(chatId, "chatId");
            Objects.requireNonNull(language, "language");
        }
    }

    sealed interface Result {

        Parent parent();

        record Registered(Parent parent) implements Result {
        }

        /** Known already: the language is updated, the links are kept, the parent is reachable again. */
        record AlreadyRegistered(Parent parent) implements Result {
        }
    }
}
