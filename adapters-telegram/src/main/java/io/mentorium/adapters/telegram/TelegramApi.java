package io.mentorium.adapters.telegram;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The connection for Bot API calls other than {@code getUpdates} (messages, commands), shared by the messenger and the
 * command publisher. Owns its HTTP client's threads and connections, which {@link #close()} releases.
 */
public final class TelegramApi implements AutoCloseable {

    // OkHttp's default of 5 concurrent requests per host would cap the send rate; the outbox relay paces sends itself.
    private static final int MAX_CONCURRENT_REQUESTS = 256;
    private static final Duration CLEANUP_PACE = Duration.ofSeconds(1);
    /** The read and write timeout of every call: a dead connection ends a call after this long without progress. */
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The client's JSON, with Jackson's working buffers drawn from one bounded pool instead of kept per thread: the
     * assistant's drafts are sent from the answers' virtual threads, one thread per answer, and per-thread buffers
     * were a fresh set (about 20 KB) per answer, alive as long as it streamed (docs/PERFORMANCE.md, 2026-12-03).
     */
    static final RecyclerPool<BufferRecycler> CLIENT_JSON_BUFFERS = JsonRecyclerPools.newBoundedPool(64);
    private static final ObjectMapper CLIENT_JSON = new ObjectMapper(
            new JsonFactory().setRecyclerPool(CLIENT_JSON_BUFFERS));

    private final OkHttpClient http;
    private final ExecutorService callThreads;
    private final WatchdogAnchor anchor;
    private final TelegramClient client;
    private final TokenScrubber scrubber;
    private final SendMessageCall sendMessage;
    private final SendMessageDraftCall sendMessageDraft;

    private TelegramApi(OkHttpClient http, ExecutorService callThreads, WatchdogAnchor anchor, String token,
                        TelegramSettings settings) {
        this.http = http;
        this.callThreads = callThreads;
        this.anchor = anchor;
        this.client = new OkHttpTelegramClient(CLIENT_JSON, http, token, settings.telegramUrl());
        this.scrubber = new TokenScrubber(token);
        this.sendMessage = new SendMessageCall(new BotApiPost(http,
                methodUrl(settings.telegramUrl(), token, "sendMessage"), "sendmessage", scrubber,
                BotApiPost.PER_THREAD_BUFFERS));
        this.sendMessageDraft = new SendMessageDraftCall(new BotApiPost(http,
                methodUrl(settings.telegramUrl(), token, "sendMessageDraft"), "sendmessagedraft", scrubber,
                BotApiPost.POOLED_BUFFERS));
    }

    /** The URL the client library builds for a method. */
    static HttpUrl methodUrl(TelegramUrl url, String token, String method) {
        HttpUrl.Builder builder = new HttpUrl.Builder().scheme(url.getSchema()).host(url.getHost()).port(url.getPort())
                .addPathSegment("bot" + token);
        if (url.isTestServer()) {
            builder.addPathSegment("test");
        }
        return builder.addPathSegment(method).build();
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
                .connectionPool(PacedPoolCleanup.pool(MAX_CONCURRENT_REQUESTS, Duration.ofMinutes(5), CLEANUP_PACE))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(IO_TIMEOUT)
                .writeTimeout(IO_TIMEOUT)
                .socketFactory(NoDelaySocketFactory.INSTANCE)
                // No call timeout: connect, read and write timeouts already end a call to a dead connection, and a
                // call timeout is an entry in okio's watchdog list, a linked list walked on every call's end — the
                // bot's hottest method under load (docs/PERFORMANCE.md).
                .build();
        return new TelegramApi(http, callThreads, WatchdogAnchor.ahead(IO_TIMEOUT), token, settings);
    }

    OkHttpClient http() {
        return http;
    }

    TelegramClient client() {
        return client;
    }

    SendMessageCall sendMessage() {
        return sendMessage;
    }

    SendMessageDraftCall sendMessageDraft() {
        return sendMessageDraft;
    }

    TokenScrubber scrubber() {
        return scrubber;
    }

    @Override
    public void close() {
        http.dispatcher().cancelAll();
        callThreads.shutdown();
        http.connectionPool().evictAll();
        anchor.close();
    }
}
