package io.mentorium.application.conversation;

import io.mentorium.application.port.in.ContactSupport;
import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Payment support (/paysupport): the parent's next message goes to the operators, each in a private chat with the bot,
 * with the command that answers it; an operator's {@code /reply} goes to the parent. Telegram expects a bot that takes
 * payments to answer payment questions, and a promise to "answer here" must reach someone.
 */
final class SupportScreen {

    /** Longer than a payment question needs: such a message is asked again, shorter. */
    static final int MAX_MESSAGE = 2000;

    private final ContactSupport support;
    private final ConversationStore store;
    private final Messages messages;
    private final MainMenu menu;
    private final Language operatorsDefault;

    SupportScreen(ContactSupport support, ConversationStore store, Messages messages, MainMenu menu,
                  Language operatorsDefault) {
        this.support = support;
        this.store = store;
        this.messages = messages;
        this.menu = menu;
        this.operatorsDefault = operatorsDefault;
    }

    /** /paysupport: what to know, and the next message is for the support team. */
    List<Outgoing> start(Turn turn) {
        store.save(turn.chat(), FlowState.of(Step.AWAIT_SUPPORT_MESSAGE).toConversation(turn.now()));
        return List.of(new SendText(turn.chat(), messages.html(turn.language(), MessageKey.PAYSUPPORT)));
    }

    List<Outgoing> onText(Turn turn, String text) {
        Language language = turn.language();
        String message = text.strip();
        if (message.isEmpty() || message.length() > MAX_MESSAGE) {
            // The flow stays: the parent may send it again, shorter.
            return List.of(new SendText(turn.chat(), messages.html(language, MessageKey.SUPPORT_TOO_LONG, MAX_MESSAGE)));
        }
        store.clear(turn.chat());
        return switch (support.ask(turn.parentId(), message.length())) {
            case ContactSupport.Asked.TooMany tooMany -> List.of(new SendText(turn.chat(),
                    messages.html(language, MessageKey.SUPPORT_TOO_MANY, tooMany.perHour()), menu.keyboard(language)));
            case ContactSupport.Asked.Relayed relayed when relayed.operators().isEmpty() -> List.of(new SendText(
                    turn.chat(), messages.html(language, MessageKey.SUPPORT_UNAVAILABLE), menu.keyboard(language)));
            case ContactSupport.Asked.Relayed relayed -> relay(turn, message, relayed.operators());
        };
    }

    private List<Outgoing> relay(Turn turn, String message, List<ContactSupport.Recipient> operators) {
        Language language = turn.language();
        List<Outgoing> replies = new ArrayList<>();
        String parentId = Long.toString(turn.parentId().value());
        for (ContactSupport.Recipient operator : operators) {
            Language theirs = operator.language().orElse(operatorsDefault);
            // A private chat's id is its user's: an operator who never pressed /start is unreachable, which the relay
            // records like any blocked chat, and the others still get the message.
            replies.add(new SendText(new ChatId(operator.userId().value()), messages.html(theirs,
                    MessageKey.SUPPORT_REQUEST, parentId, messages.plain(language, MessageKey.LANGUAGE_NAME), message)));
        }
        replies.add(new SendText(turn.chat(), messages.html(language, MessageKey.SUPPORT_SENT),
                menu.keyboard(language)));
        return replies;
    }

    /** A sticker or photo where the question was expected: only text reaches the team. */
    List<Outgoing> onUnsupported(Turn turn) {
        return List.of(new SendText(turn.chat(), messages.html(turn.language(), MessageKey.SUPPORT_ONLY_TEXT)));
    }

    /** An operator's {@code /reply <telegram id> <text>}. */
    List<Outgoing> reply(Turn turn, String argument) {
        int space = firstSpace(argument);
        Optional<TelegramUserId> target = space < 0 ? Optional.empty() : AdminScreen.userId(argument.substring(0, space));
        String answer = space < 0 ? "" : argument.substring(space).strip();
        if (target.isEmpty() || answer.isEmpty() || answer.length() > MAX_MESSAGE) {
            return List.of(new SendText(turn.chat(), messages.html(turn.language(), MessageKey.SUPPORT_REPLY_USAGE,
                    MAX_MESSAGE)));
        }
        String id = Long.toString(target.get().value());
        Optional<Parent> parent = support.answer(turn.parentId(), target.get(), answer.length());
        if (parent.isEmpty()) {
            return List.of(new SendText(turn.chat(), messages.html(turn.language(), MessageKey.SUPPORT_REPLY_UNKNOWN,
                    id)));
        }
        return List.of(new SendText(parent.get().chatId(), messages.html(parent.get().language(),
                        MessageKey.SUPPORT_ANSWER, answer)),
                new SendText(turn.chat(), messages.html(turn.language(), MessageKey.SUPPORT_REPLIED, id)));
    }

    private static int firstSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
