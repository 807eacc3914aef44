package io.mentorium.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.adapters.telegram.testing.TelegramUpdates;
import io.mentorium.domain.shared.Language;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.IntStream;

/**
 * One simulated parent: a private chat, a language, and the menu-type inputs it cycles through — the reply-keyboard
 * labels of its language (all but the progress report, which builds a report rather than looking something up),
 * {@code /menu} and {@code /help}. Each costs the bot one parent lookup and one state lookup and gets one reply.
 * Used from the driving thread only.
 */
final class Chat {

    private static final String MESSAGES = "io.mentorium.application.conversation.messages";
    private static final List<String> MENU_KEYS =
            List.of("menu_children", "menu_assistant", "menu_subscription", "menu_settings", "menu_help");
    private static final List<String> COMMANDS = List.of("menu", "help");

    private final TelegramUpdates.Person person;
    private final Language language;
    private final List<String> labels;
    private int sent;

    private Chat(long chatId, Language language, int offset) {
        this.person = TelegramUpdates.person(chatId, language.code());
        this.language = language;
        this.labels = labels(language);
        // Chats start at different inputs, so that every wave mixes all of them.
        this.sent = offset;
    }

    /** {@code count} chats with ids from {@code firstId}, languages in turn. */
    static List<Chat> numbered(long firstId, int count) {
        Language[] languages = Language.values();
        return IntStream.range(0, count)
                .mapToObj(i -> new Chat(firstId + i, languages[i % languages.length], i))
                .toList();
    }

    TelegramUpdates.Person person() {
        return person;
    }

    long id() {
        return person.chatId();
    }

    Language language() {
        return language;
    }

    /** The next menu-type input of this chat. */
    ObjectNode nextInput() {
        int choice = sent++ % (labels.size() + COMMANDS.size());
        return choice < labels.size() ? person.text(labels.get(choice))
                : person.command(COMMANDS.get(choice - labels.size()));
    }

    private static List<String> labels(Language language) {
        ResourceBundle bundle = ResourceBundle.getBundle(MESSAGES, Locale.forLanguageTag(language.code()));
        return MENU_KEYS.stream().map(key -> bundle.getString(key).strip()).toList();
    }
}
