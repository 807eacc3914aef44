package io.mentorium.benchmarks;

import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import java.time.Duration;

/** Counts the messages the bot sends, so that a scripted step can wait until every chat has had its answer. */
final class SendCounter implements BotApiStandIn.Observer {

    private int sends;

    @Override
    public synchronized void called(BotApiCall call) {
        if (call.method().equals("sendMessage")) {
            sends++;
            notifyAll();
        }
    }

    /**
     * Waits until {@code total} messages were sent since this counter was installed.
     *
     * @throws IllegalStateException when they are not sent within {@code timeout}
     */
    synchronized void await(int total, Duration timeout) throws InterruptedException {
        MonitorWait.until(this, () -> sends >= total, timeout, () -> total + " messages; " + sends + " were sent");
    }

    synchronized int sends() {
        return sends;
    }
}
