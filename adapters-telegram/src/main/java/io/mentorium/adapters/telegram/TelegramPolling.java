package io.mentorium.adapters.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mentorium.application.port.in.AnswerPreCheckout;
import io.mentorium.application.port.in.ReceiveUpdates;
import io.mentorium.domain.shared.Language;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.BotSession;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Receives updates by long polling with telegrambots, and owns everything the library does not clean up itself: the
 * polling thread and the HTTP client.
 *
 * <p>What the library does, and this class relies on (telegrambots-longpolling 10.2.0, {@code BotSession}): starting
 * a session first calls {@code deleteWebhook} without {@code drop_pending_updates} (so pending updates are kept), then
 * runs poll-and-consume as one periodic task on the executor given, so there is never more than one poll at a time
 * and the next poll, whose offset confirms the previous batch, starts only after {@code consume} returned.
 * {@code BotSession.stop()} only cancels future runs; it does not interrupt a poll in flight, which would hold
 * {@link #stop()} for up to the long-poll timeout — hence the in-flight request is cancelled on the HTTP client.
 *
 * <p>The library's polling task ends for good when {@code consume} throws (it swallows the exception), and a session
 * remembers the last update id it handed over <em>before</em> calling {@code consume}: restarting the same session
 * would confirm a batch that was never stored. So a watchdog notices a dead task and, after a pause that doubles up to
 * a minute, registers a <em>new</em> session, which asks Telegram again from the oldest unconfirmed update. While
 * polling is down, {@link #isRunning()} is false, and readiness reports it.
 */
public final class TelegramPolling implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelegramPolling.class);

    /** Every update type the bot handles or will: Telegram keeps the last list given, so it must be complete. */
    static final List<String> ALLOWED_UPDATES =
            List.of("message", "callback_query", "my_chat_member", "pre_checkout_query");
    private static final int BATCH_LIMIT = 100;
    // How long stop() waits for a batch being stored to finish before interrupting it.
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final long CANCEL_INTERVAL_MILLIS = 20;

    private enum State { NEW, RUNNING, STOPPED }

    private final String token;
    private final TelegramUrl url;
    private final int longPollSeconds;
    private final TelegramUpdateReceiver receiver;
    private final TokenScrubber scrubber;
    private final PollingBackOff backOff = new PollingBackOff();
    private final Duration watchEvery;
    private final Duration restartFirst;
    private final Duration restartMax;
    private final Object watchdogSignal = new Object();
    private Thread watchdog;
    private volatile int restarts;

    private volatile State state = State.NEW;
    private ScheduledExecutorService executor;
    private OkHttpClient http;
    private TelegramBotsLongPollingApplication application;
    private volatile BotSession session;

    /**
     * @param api               answers pre-checkout queries while a batch is being received (its connection, not the
     *                          long poll's, so an answer never waits for a poll)
     * @param answerPreCheckout decides those answers; without it every Stars payment is refused
     * @param defaultLanguage   for the refusal notice when the payer's language is not one we speak
     */
    public TelegramPolling(TelegramSettings settings, ReceiveUpdates receiveUpdates, TelegramApi api,
                           Optional<AnswerPreCheckout> answerPreCheckout, Language defaultLanguage) {
        this(settings, receiveUpdates, TelegramUpdateReceiver.Backoff.DEFAULT,
                new PreCheckoutAnswerer(api, answerPreCheckout, defaultLanguage)::answerAll);
    }

    /** Without pre-checkout answers: for tests of the polling itself. */
    TelegramPolling(TelegramSettings settings, ReceiveUpdates receiveUpdates) {
        this(settings, receiveUpdates, TelegramUpdateReceiver.Backoff.DEFAULT);
    }

    TelegramPolling(TelegramSettings settings, ReceiveUpdates receiveUpdates,
                    TelegramUpdateReceiver.Backoff storeBackoff) {
        this(settings, receiveUpdates, storeBackoff, TelegramUpdateReceiver.NO_INLINE_ANSWERS);
    }

    TelegramPolling(TelegramSettings settings, ReceiveUpdates receiveUpdates,
                    TelegramUpdateReceiver.Backoff storeBackoff, Consumer<List<Update>> answerInline) {
        this(settings, receiveUpdates, storeBackoff, answerInline, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofMinutes(1));
    }

    TelegramPolling(TelegramSettings settings, ReceiveUpdates receiveUpdates,
                    TelegramUpdateReceiver.Backoff storeBackoff, Duration watchEvery, Duration restartFirst,
                    Duration restartMax) {
        this(settings, receiveUpdates, storeBackoff, TelegramUpdateReceiver.NO_INLINE_ANSWERS, watchEvery,
                restartFirst, restartMax);
    }

    private TelegramPolling(TelegramSettings settings, ReceiveUpdates receiveUpdates,
                            TelegramUpdateReceiver.Backoff storeBackoff, Consumer<List<Update>> answerInline,
                            Duration watchEvery, Duration restartFirst, Duration restartMax) {
        this.watchEvery = watchEvery;
        this.restartFirst = restartFirst;
        this.restartMax = restartMax;
        this.token = settings.token().orElseThrow(
                () -> new IllegalStateException("TELEGRAM_BOT_TOKEN is required to poll Telegram"));
        this.url = settings.telegramUrl();
        this.longPollSeconds = Math.toIntExact(settings.longPollTimeout().toSeconds());
        this.receiver = new TelegramUpdateReceiver(receiveUpdates, new TelegramUpdateTranslator()::translate,
                storeBackoff, answerInline);
        this.scrubber = new TokenScrubber(token);
    }

    /**
     * Removes a webhook (keeping pending updates) and starts polling on a thread of its own.
     *
     * @throws TelegramUnavailableException when Telegram refuses or cannot be reached (a wrong token, no network)
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("polling was already started");
        }
        state = State.RUNNING;
        ScheduledThreadPoolExecutor pollingThread = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("telegram-polling").daemon(true).factory());
        pollingThread.setRemoveOnCancelPolicy(true);
        executor = pollingThread;
        // Telegram answers a long poll after at most longPollSeconds; the read timeout only catches a dead connection.
        http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(longPollSeconds + 15L))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
        application = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> http, () -> executor,
                () -> backOff);
        try {
            session = register();
            log.info("Polling Telegram at {}://{}:{} for {}", url.getSchema(), url.getHost(), url.getPort(),
                    ALLOWED_UPDATES);
        } catch (TelegramApiException e) {
            stop();
            throw new TelegramUnavailableException("Could not start polling Telegram: "
                    + TelegramFailure.describe(e, scrubber));
        }
        watchdog = Thread.ofVirtual().name("telegram-polling-watchdog").start(this::watch);
    }

    /** How many times polling was restarted after its task ended. */
    public int restarts() {
        return restarts;
    }

    private BotSession register() throws TelegramApiException {
        // Each session gets its own view of the receiver: the library closes a session's consumer when the session is
        // unregistered, and the receiver must outlive the sessions it serves.
        return application.registerBot(token, () -> url, this::getUpdates, receiver::consume);
    }

    private void watch() {
        Duration pause = restartFirst;
        while (waitFor(watchEvery)) {
            if (isRunning()) {
                pause = restartFirst;
                continue;
            }
            log.error("Polling Telegram stopped unexpectedly; starting it again in {} ms", pause.toMillis());
            if (!waitFor(pause)) {
                return;
            }
            pause = pause.multipliedBy(2).compareTo(restartMax) > 0 ? restartMax : pause.multipliedBy(2);
            restartSession();
        }
    }

    private synchronized void restartSession() {
        if (state != State.RUNNING) {
            return;
        }
        try {
            application.unregisterBot(token);
        } catch (TelegramApiException | RuntimeException e) {
            log.debug("Unregistering the ended session failed: {}", TelegramFailure.describe(e, scrubber));
        }
        try {
            session = register();
            restarts++;
            log.info("Polling Telegram again (restart {})", restarts);
        } catch (TelegramApiException | RuntimeException e) {
            log.error("Could not start polling Telegram again: {}", TelegramFailure.describe(e, scrubber));
        }
    }

    /** @return false once stopping */
    private boolean waitFor(Duration duration) {
        synchronized (watchdogSignal) {
            if (state == State.STOPPED) {
                return false;
            }
            try {
                watchdogSignal.wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return state != State.STOPPED;
        }
    }

    /**
     * Polling is alive: started, not stopped, and the library's polling task has not ended. That task ends silently
     * when a batch could not be handed over (see {@link TelegramUpdateReceiver}); the library's own {@code isRunning}
     * keeps saying true then, so the task itself is checked.
     */
    public boolean isRunning() {
        BotSession current = session;
        if (current == null || !current.isRunning()) {
            return false;
        }
        ScheduledFuture<?> task = current.getRunningPolling();
        return task != null && !task.isDone();
    }

    /**
     * Stops polling and returns once the polling thread has ended. A poll in flight is cancelled, a batch being stored
     * is given up to {@link #STOP_GRACE} to finish, and a batch waiting to be retried is abandoned unconfirmed (so
     * Telegram sends it again). Idempotent.
     */
    public synchronized void stop() {
        if (state == State.STOPPED) {
            return;
        }
        boolean started = state == State.RUNNING;
        state = State.STOPPED;
        if (!started) {
            return;
        }
        backOff.stopping();
        synchronized (watchdogSignal) {
            watchdogSignal.notifyAll();
        }
        BotSession current = session;
        if (current != null) {
            current.stop();
        }
        receiver.close();
        executor.shutdown();
        awaitPollingThread();
        try {
            application.close();
        } catch (Exception e) {
            log.debug("Closing the polling application failed: {}", TelegramFailure.describe(e, scrubber));
        }
        http.connectionPool().evictAll();
        log.info("Stopped polling Telegram");
    }

    @Override
    public void close() {
        stop();
    }

    /** True once stopped and the polling thread has ended: nothing polls any more. */
    synchronized boolean terminated() {
        return state == State.STOPPED && (executor == null || executor.isTerminated());
    }

    private void awaitPollingThread() {
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        try {
            // A poll may begin just after a cancel, so cancel until the thread is gone, not once.
            while (!executor.awaitTermination(CANCEL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS)) {
                http.dispatcher().cancelAll();
                if (System.nanoTime() > deadline) {
                    log.warn("Polling thread still busy after {} s; interrupting it", STOP_GRACE.toSeconds());
                    executor.shutdownNow();
                    executor.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private GetUpdates getUpdates(Integer lastReceivedUpdateId) {
        return GetUpdates.builder()
                .offset(lastReceivedUpdateId + 1)
                .limit(BATCH_LIMIT)
                .timeout(longPollSeconds)
                .allowedUpdates(ALLOWED_UPDATES)
                .build();
    }

    /**
     * Waits between failed polls: 0.5 s doubling to 10 s. Replaces the library's default, which after 15 minutes of
     * failures waits 15 minutes at a time, and lets {@link #stop()} skip the wait.
     */
    private static final class PollingBackOff implements BackOff {

        private static final long FIRST_MILLIS = 500;
        private static final long MAX_MILLIS = 10_000;

        private long nextMillis = FIRST_MILLIS;
        private volatile boolean stopping;

        @Override
        public synchronized void reset() {
            nextMillis = FIRST_MILLIS;
        }

        @Override
        public synchronized long nextBackOffMillis() {
            if (stopping) {
                return 0;
            }
            long wait = nextMillis;
            nextMillis = Math.min(MAX_MILLIS, nextMillis * 2);
            return wait;
        }

        void stopping() {
            stopping = true;
        }
    }
}
