package io.mentorium.adapters.telegram;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The connection for Bot API calls other than {@code getUpdates} (messages, commands), shared by the messenger and the
 * command publisher. Owns its HTTP client's threads and connections, which {@link #close()} releases.
 */
public final class TelegramApi implements AutoCloseable {

    // OkHttp's default of 5 concurrent requests per host would cap the send rate; the outbox relay paces sends itself.
    private static final int MAX_CONCURRENT_REQUESTS = 256;

    private final OkHttpClient http;
    private final ExecutorService callThreads;
    private final TelegramClient client;
    private final TokenScrubber scrubber;

    private TelegramApi(OkHttpClient http, ExecutorService callThreads, String token, TelegramSettings settings) {
        this.http = http;
        this.callThreads = callThreads;
        this.client = new OkHttpTelegramClient(http, token, settings.telegramUrl());
        this.scrubber = new TokenScrubber(token);
    }

    /** @throws IllegalStateException without a token (console mode has none and must not get here) */
    public static TelegramApi connect(TelegramSettings settings) {
        String token = settings.token().orElseThrow(
                () -> new IllegalStateException("TELEGRAM_BOT_TOKEN is required to talk to Telegram"));
        // Virtual threads run the client's calls: they are daemon threads, so a forgotten close cannot hold the JVM.
        ExecutorService callThreads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("telegram-call-", 0).factory());
        Dispatcher dispatcher = new Dispatcher(callThreads);
        dispatcher.setMaxRequests(MAX_CONCURRENT_REQUESTS);
        dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_REQUESTS);
        OkHttpClient http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(MAX_CONCURRENT_REQUESTS, 5, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .build();
        return new TelegramApi(http, callThreads, token, settings);
    }

    TelegramClient client() {
        return client;
    }

    TokenScrubber scrubber() {
        return scrubber;
    }

    @Override
    public void close() {
        http.dispatcher().cancelAll();
        callThreads.shutdown();
        http.connectionPool().evictAll();
    }
}
