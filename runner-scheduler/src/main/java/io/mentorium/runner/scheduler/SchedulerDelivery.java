package io.mentorium.runner.scheduler;

import io.mentorium.adapters.telegram.TelegramApi;
import io.mentorium.application.pipeline.OutboxRelay;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The scheduler's relay with its Telegram connection, started and stopped by the runner (Dagger has no lifecycle):
 * connected only when started, so that building the graph never reaches Telegram.
 */
final class SchedulerDelivery implements AutoCloseable {

    private final Supplier<TelegramApi> connect;
    private final Function<TelegramApi, OutboxRelay> relayOver;
    private TelegramApi api;
    private OutboxRelay relay;

    SchedulerDelivery(Supplier<TelegramApi> connect, Function<TelegramApi, OutboxRelay> relayOver) {
        this.connect = connect;
        this.relayOver = relayOver;
    }

    synchronized void start() {
        if (relay != null) {
            throw new IllegalStateException("started before");
        }
        api = connect.get();
        relay = relayOver.apply(api);
        relay.start();
    }

    /** Waits until everything this process can claim now is sent or given up; false at the timeout. */
    boolean drain(Duration timeout) {
        OutboxRelay started;
        synchronized (this) {
            started = relay;
        }
        return started != null && started.drain(timeout);
    }

    /** Stops sending (what it holds is released for others to send) and closes the connection. */
    @Override
    public synchronized void close() {
        if (relay != null) {
            relay.stop();
        }
        if (api != null) {
            api.close();
        }
    }
}
