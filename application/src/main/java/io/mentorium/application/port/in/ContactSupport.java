package io.mentorium.application.port.in;

import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Payment support in the bot: a parent's message goes to the operators, and an operator's answer to the parent. Only
 * who and how much is recorded (the event log); the texts travel as messages and are kept nowhere else.
 */
public interface ContactSupport {

    /** How many operators a message goes to at most: the configured admins first, then the others by id. */
    int MAX_RECIPIENTS = 20;

    /** Messages a parent may send to support in an hour: enough for any payment problem, too few to flood anyone. */
    int MAX_PER_HOUR = 5;

    /** Where a parent's message of {@code characters} goes: the operators (none when no one holds a role). */
    Asked ask(TelegramUserId parentId, int characters);

    sealed interface Asked {

        record Relayed(List<Recipient> operators) implements Asked {

            public Relayed {
                operators = List.copyOf(operators);
            }
        }

        /** {@link #MAX_PER_HOUR} messages in the last hour already: this one goes nowhere. */
        record TooMany(int perHour) implements Asked {
        }
    }

    /** The parent an operator's answer goes to; empty when the bot knows no such parent. */
    Optional<Parent> answer(TelegramUserId operatorId, TelegramUserId parentId, int characters);

    /**
     * @param language the operator's own language when they use the bot as a parent too; empty: the bot's default
     */
    record Recipient(TelegramUserId userId, Optional<Language> language) {

        public Recipient {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(language, "language");
        }
    }
}
