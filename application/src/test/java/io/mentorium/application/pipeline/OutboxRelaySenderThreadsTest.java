package io.mentorium.application.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay's send threads: as many as the sends in flight, the most recently idle one reused first. */
class OutboxRelaySenderThreadsTest {

    private final ExecutorService senders = OutboxRelay.senderThreads();

    @AfterEach
    void stop() throws InterruptedException {
        senders.shutdownNow();
        assertThat(senders.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void sends_one_after_another_run_on_one_thread() throws Exception {
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 20; i++) {
            AtomicReference<Thread> ran = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            senders.execute(() -> {
                ran.set(Thread.currentThread());
                used.add(Thread.currentThread());
                done.countDown();
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            // Back waiting for work: the next send is handed to it rather than to a new thread.
            Poll.until("the sender idle", () -> ran.get().getState() == Thread.State.TIMED_WAITING);
        }
        assertThat(used).hasSize(1);
        assertThat(used.iterator().next().isDaemon()).isTrue();
        assertThat(used.iterator().next().getName()).startsWith("outbox-sender-");
    }

    @Test
    void sends_in_flight_together_never_wait_for_a_thread() throws Exception {
        int inFlight = 12;
        CountDownLatch allRunning = new CountDownLatch(inFlight);
        CountDownLatch release = new CountDownLatch(1);
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < inFlight; i++) {
            senders.execute(() -> {
                used.add(Thread.currentThread());
                allRunning.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertThat(allRunning.await(10, TimeUnit.SECONDS)).as("all %d running at once", inFlight).isTrue();
        release.countDown();
        assertThat(used).hasSize(inFlight);
    }
}
