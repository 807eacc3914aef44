package io.mentorium.adapters.telegram;

import dagger.Module;
import dagger.Provides;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.port.in.BotCommands;
import io.mentorium.application.port.in.ReceiveUpdates;
import io.mentorium.application.port.out.Messenger;
import jakarta.inject.Singleton;

/**
 * Binds the Telegram adapters from {@link TelegramSettings}. Dagger has no lifecycle, so the runner starts and stops
 * them: {@link TelegramPolling#start()}/{@link TelegramPolling#stop()}, {@link TelegramCommandPublisher#publish()} at
 * start, and {@link TelegramApi#close()} last, after the outbox has been flushed through the {@link Messenger}.
 */
@Module
public final class TelegramModule {

    private TelegramModule() {
    }

    @Provides
    @Singleton
    static TelegramApi api(TelegramSettings settings) {
        return TelegramApi.connect(settings);
    }

    @Provides
    @Singleton
    static Messenger messenger(TelegramApi api) {
        return new TelegramMessenger(api);
    }

    @Provides
    @Singleton
    static TelegramPolling polling(TelegramSettings settings, ReceiveUpdates receiveUpdates) {
        return new TelegramPolling(settings, receiveUpdates);
    }

    @Provides
    @Singleton
    static TelegramCommandPublisher commandPublisher(TelegramApi api, BotCommands commands, CoreSettings core) {
        return new TelegramCommandPublisher(api, commands, core.defaultLanguage());
    }
}
