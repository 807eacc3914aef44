package io.mentorium.adapters.telegram;

import dagger.BindsOptionalOf;
import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.port.in.AnswerPreCheckout;
import io.mentorium.application.port.in.BotCommands;
import io.mentorium.application.port.in.ReceiveUpdates;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.StarsRefunds;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Binds the Telegram adapters from {@link TelegramSettings}. Dagger has no lifecycle, so the runner starts and stops
 * them: {@link TelegramPolling#start()}/{@link TelegramPolling#stop()}, {@link TelegramCommandPublisher#publish()} at
 * start, and {@link TelegramApi#close()} last, after the outbox has been flushed through the {@link Messenger} (and after
 * polling stopped: pre-checkout queries are answered through it while receiving).
 *
 * <p>{@link AnswerPreCheckout} is the runner's to bind (billing lives in the application). It is optional here so that
 * a graph without billing still builds; then every Stars payment is refused, with a warning at start.
 */
@Module(includes = TelegramModule.Optionals.class)
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
    static Messenger messenger(TelegramApi api, TelegramSettings settings) {
        return new TelegramMessenger(api, settings.paidBroadcast());
    }

    @Provides
    @Singleton
    static TelegramPolling polling(TelegramSettings settings, ReceiveUpdates receiveUpdates, TelegramApi api,
                                   Optional<AnswerPreCheckout> answerPreCheckout, CoreSettings core) {
        return new TelegramPolling(settings, receiveUpdates, api, answerPreCheckout, core.defaultLanguage());
    }

    @Provides
    @Singleton
    static StarsRefunds starsRefunds(Lazy<TelegramApi> api) {
        // Connected on the first refund only: the console builds the graph without a token and never refunds.
        return (payer, charge) -> new TelegramStarsRefunds(api.get()).refund(payer, charge);
    }

    /** What the runner may bind. */
    @Module
    interface Optionals {

        @BindsOptionalOf
        AnswerPreCheckout answerPreCheckout();
    }

    @Provides
    @Singleton
    static TelegramCommandPublisher commandPublisher(TelegramApi api, BotCommands commands, CoreSettings core) {
        return new TelegramCommandPublisher(api, commands, core.defaultLanguage());
    }
}
