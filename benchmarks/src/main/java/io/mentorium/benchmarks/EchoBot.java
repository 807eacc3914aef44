package io.mentorium.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.longpolling.util.ExponentialBackOff;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The baseline, run as a process of its own ({@link #main}): the same client library as the bot with nothing behind it. Long polling like the bot's (100 updates,
 * 50 s), and each message echoed with one {@code sendMessage} through {@link OkHttpTelegramClient} on a virtual
 * thread — no database, no state. Sends are capped at {@code maxInFlight} at a time, as the bot's outbox relay caps
 * its own, and the HTTP client is configured like the bot's ({@code TelegramApi}).
 */
final class EchoBot implements AutoCloseable {

    private static final int BATCH_LIMIT = 100;
    private static final int LONG_POLL_SECONDS = 50;

    private final OkHttpClient pollingHttp;
    private final OkHttpClient sendingHttp;
    private final ScheduledExecutorService pollingThread;
    private final ExecutorService echoThreads;
    private final TelegramBotsLongPollingApplication application;

    private EchoBot(URI api, String token, int maxInFlight) throws TelegramApiException {
        TelegramUrl url = TelegramUrl.builder().schema(api.getScheme()).host(api.getHost()).port(api.getPort())
                .testServer(false).build();
        echoThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("echo-", 0).factory());
        // The same settings as the bot's TelegramApi, timeouts included (and, like it, no call timeout: one costs OkHttp
        // measurable work per call in its watchdog list), so that the baseline pays what the bot pays for the same client.
        Dispatcher dispatcher = new Dispatcher(echoThreads);
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        sendingHttp = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(256, 5, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
        OkHttpTelegramClient client = new OkHttpTelegramClient(sendingHttp, token, url);
        pollingHttp = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(LONG_POLL_SECONDS + 15L)).build();
        pollingThread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("echo-polling").daemon(true)
                .factory());
        application = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> pollingHttp,
                () -> pollingThread, ExponentialBackOff::new);
        Semaphore inFlight = new Semaphore(maxInFlight);
        LongPollingUpdateConsumer consumer = (List<Update> updates) -> {
            // Called on the polling thread: hand off at once, as the library asks.
            for (Update update : updates) {
                if (update.hasMessage()) {
                    echoThreads.execute(() -> echo(client, inFlight, update.getMessage()));
                }
            }
        };
        application.registerBot(token, () -> url, offset -> GetUpdates.builder().offset(offset + 1)
                .limit(BATCH_LIMIT).timeout(LONG_POLL_SECONDS).build(), consumer);
    }

    /** Printed once polling has started; the benchmark waits for it. */
    static final String READY = "echo-bot: polling";

    /**
     * {@code EchoBot <Bot API base URL> <token> <max sends in flight>}: echoes until the process is terminated, which
     * is how the benchmark stops it.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: EchoBot <Bot API base URL> <token> <max sends in flight>");
            System.exit(2);
        }
        // The fixtures' test-jars on the classpath bring a chatty logback-test.xml.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        EchoBot bot = new EchoBot(URI.create(args[0]), args[1], Integer.parseInt(args[2]));
        System.out.println(READY);
        System.out.flush();
        new CountDownLatch(1).await();
        bot.close();
    }

    private void echo(OkHttpTelegramClient client, Semaphore inFlight, Message message) {
        try {
            inFlight.acquire();
            try {
                client.execute(SendMessage.builder().chatId(message.getChatId())
                        .text(message.hasText() ? message.getText() : "…").build());
            } finally {
                inFlight.release();
            }
        } catch (TelegramApiException e) {
            // The benchmark waits for every reply, so a failure shows as a timeout; this says why.
            System.err.println("echo-bot: send failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws Exception {
        application.close();
        // The library does not stop a long poll in flight, nor the executors it was given.
        pollingHttp.dispatcher().cancelAll();
        pollingThread.shutdownNow();
        pollingThread.awaitTermination(5, TimeUnit.SECONDS);
        echoThreads.shutdownNow();
        sendingHttp.dispatcher().cancelAll();
        sendingHttp.connectionPool().evictAll();
    }
}
