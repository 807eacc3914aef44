package io.mentorium.benchmarks;

import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import java.time.Duration;

/** Counts the messages the bot sends, so that a scripted step can wait until every chat has had its answer. */
final class SendCounter implements BotApiStandIn.Observer {

    private int sends;
    /** What the waiter waits for: woken only then, not at every send (each wake-up contends for this monitor). */
    private int awaited = Integer.MAX_VALUE;

    @Override
    public synchronized void called(BotApiCall call) {
        if (call.method().equals("sendMessage") && ++sends >= awaited) {
            notifyAll();
        }
    }

    /**
     * Waits until {@code total} messages were sent since this counter was installed.
     *
     * @throws IllegalStateException when they are not sent within {@code timeout}
     */
    synchronized void await(int total, Duration timeout) throws InterruptedException {
        awaited = total;
        MonitorWait.until(this, () -> sends >= total, timeout, () -> total + " messages; " + sends + " were sent");
    }

    synchronized int sends() {
        return sends;
    }
}
