package io.mentorium.application.port.out;

import java.time.Duration;

/** What the update pipeline counts, for operators' dashboards. Implementations must be cheap and thread-safe. */
public interface PipelineMetrics {

    PipelineMetrics NONE = new PipelineMetrics() {
    };

    default void updatesReceived(int count) {
    }

    /**
     * One update handled to completion, {@code handling} after it was stored; {@code urgent}: a press or command a
     * parent waits on (a menu), not free text such as a question to the assistant, which is only taken in.
     */
    default void updateProcessed(Duration handling, boolean urgent) {
    }

    default void updateFailed() {
    }

    /**
     * An update set aside instead of stopping the bot.
     *
     * @param stage where: {@code receive}, {@code store}, {@code decode} or {@code handle}
     */
    default void updateQuarantined(String stage) {
    }

    /**
     * One update newly stored, by kind ({@code telegram_messages_total{direction="in"}}).
     *
     * @param kind the input's kind: {@code text}, {@code command}, {@code button_press}, {@code unsupported}, …
     */
    default void messageReceived(String kind) {
    }

    /**
     * One message Telegram accepted, by kind ({@code telegram_messages_total{direction="out"}}).
     *
     * @param kind the outgoing message's kind: {@code send_text}, {@code edit_text}, {@code answer_callback}, …
     */
    default void messageDelivered(String kind) {
    }

    /** @param outcome one of {@code sent}, {@code retry}, {@code blocked}, {@code failed} */
    default void messageSent(String outcome) {
    }

    /**
     * One message of the outbox Telegram accepted, {@code sinceDue} after it could first go (the relay was handed it
     * after its commit, or the time it was held until); {@code call} of that was the Telegram call itself, the rest the
     * relay's own part (waiting for the chat's pace, the send budget, a sender, and preparing the message);
     * {@code reply}: in the lane of replies people wait for, not the background one (the assistant's answers, reports,
     * notifications, broadcasts).
     */
    default void messageSentAfter(Duration sinceDue, Duration call, boolean reply) {
    }
}
