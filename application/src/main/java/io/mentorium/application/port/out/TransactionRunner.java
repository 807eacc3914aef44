package io.mentorium.application.port.out;

import java.util.function.Supplier;

/**
 * Runs work in one transaction of the bot's database on the calling thread. Repositories called inside join it.
 * Never call Telegram, OpenAI or a payment provider inside: do it before, after, or through an outbox.
 */
public interface TransactionRunner {

    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
