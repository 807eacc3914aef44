package io.mentorium.adapters.telegram;

import io.mentorium.application.port.in.BotCommands;
import io.mentorium.domain.shared.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Sets the command menu Telegram shows next to the input field: one list per language we speak (Telegram picks it by
 * the client's language) and a default list, in the default language, for every other client language.
 */
public final class TelegramCommandPublisher {

    private static final Logger log = LoggerFactory.getLogger(TelegramCommandPublisher.class);

    private final TelegramClient client;
    private final TokenScrubber scrubber;
    private final BotCommands commands;
    private final Language defaultLanguage;

    public TelegramCommandPublisher(TelegramApi api, BotCommands commands, Language defaultLanguage) {
        this(api.client(), api.scrubber(), commands, defaultLanguage);
    }

    TelegramCommandPublisher(TelegramClient client, TokenScrubber scrubber, BotCommands commands,
                             Language defaultLanguage) {
        this.client = client;
        this.scrubber = scrubber;
        this.commands = commands;
        this.defaultLanguage = defaultLanguage;
    }

    /**
     * Publishes every list. A failure is logged and the rest still published: the menu is a convenience, typed
     * commands work without it, so it must not keep the bot from starting.
     *
     * @return the language codes published ({@code ""} for the default list)
     */
    public List<String> publish() {
        List<String> published = new ArrayList<>();
        for (Language language : Language.values()) {
            publish(Optional.of(language.code()), language).ifPresent(published::add);
        }
        publish(Optional.empty(), defaultLanguage).ifPresent(published::add);
        return published;
    }

    private Optional<String> publish(Optional<String> languageCode, Language language) {
        List<BotCommand> list = commands.describe(language).stream()
                .map(command -> new BotCommand(command.command(), command.description()))
                .toList();
        if (list.isEmpty()) {
            return Optional.empty();
        }
        try {
            client.execute(SetMyCommands.builder().commands(list).languageCode(languageCode.orElse(null)).build());
            return Optional.of(languageCode.orElse(""));
        } catch (TelegramApiException | RuntimeException e) {
            log.warn("Could not set the command menu for language '{}': {}", languageCode.orElse("default"),
                    TelegramFailure.describe(e, scrubber));
            return Optional.empty();
        }
    }
}
