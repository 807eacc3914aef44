package io.mentorium.application.pipeline;

import static io.mentorium.application.pipeline.Chats.chat;
import static io.mentorium.application.pipeline.Chats.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.pipeline.TimedMessenger.Attempt;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.SendBudget;
import io.mentorium.application.service.RecordUnreachableChatService;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.RecordingMessenger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Relays drawing from one shared {@link SendBudget} (as the bot and the schedulers do through {@code bot.send_budget}):
 * background sending borrows the replies' reserve as it lapses, and a reply still finds room at once.
 */
class OutboxRelayBudgetTest {

    private static final Duration PICK_UP = Duration.ofMillis(50);

    private final Clock clock = Clock.systemUTC();
    private final RecordingMessenger telegram = new RecordingMessenger();
    private final TimedMessenger messenger = new TimedMessenger(telegram, clock);
    private WindowBudget budget;
    private final List<OutboxRelay> relays = new ArrayList<>();

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
        assertThat(relays).allMatch(OutboxRelay::terminated);
    }

    private OutboxRelay started(InMemoryOutbox outbox, int perSecond, Outbox.Owner owner) {
        var unreachable = new RecordUnreachableChatService(new InMemoryParentRepository(), outbox,
                new DirectTransactionRunner(), clock);
        if (budget == null) {
            budget = new WindowBudget(perSecond);
        }
        RelaySettings settings = new RelaySettings(perSecond, Duration.ofMillis(1), 3, 64, Duration.ofMillis(20),
                Duration.ofMillis(200), 3, Duration.ofSeconds(5)).withPickUpInterval(PICK_UP);
        OutboxRelay relay = new OutboxRelay(outbox, messenger, unreachable, new CountingMetrics(), clock, settings,
                owner, budget);
        relays.add(relay);
        relay.start();
        return relay;
    }

    /** A scheduler's report run: rows nobody offers, one chat each, found by the pick-up. */
    private static void reports(InMemoryOutbox outbox, int count, Instant now) {
        outbox.enqueue(IntStream.rangeClosed(1, count).<Outgoing>mapToObj(n -> message(1_000 + n, "report"))
                .toList(), now);
    }

    @Test
    void aBacklogWithNoReplyWaitingFillsWindowsBeyondFourFifthsButNeverBeyondTheLimit() {
        int perSecond = 50;
        InMemoryOutbox outbox = new InMemoryOutbox();
        reports(outbox, 200, clock.instant());
        started(outbox, perSecond, Outbox.Owner.instance("scheduler"));

        Poll.until("the backlog sent", () -> outbox.countPendingDue(clock.instant()) == 0);

        assertThat(budget.mostInAWindow()).as("per window: %s", budget.windows())
                .isGreaterThan(perSecond * 4 / 5)
                .isLessThanOrEqualTo(perSecond);
        assertThat(budget.highestBackgroundCap()).isGreaterThan(perSecond * 4 / 5).isLessThan(perSecond);
    }

    @Test
    void aReplyOfferedWhileASchedulerTakesTheBackgroundShareIsSentAtOnce() {
        int perSecond = 20;
        InMemoryOutbox schedulerRows = new InMemoryOutbox();
        reports(schedulerRows, 400, clock.instant());
        started(schedulerRows, perSecond, Outbox.Owner.instance("scheduler"));
        InMemoryOutbox botRows = new InMemoryOutbox();
        OutboxRelay bot = started(botRows, perSecond, Outbox.Owner.bot());
        Poll.until("the report run under way", () -> messenger.attempts().size() >= 45);

        int sentBefore = messenger.attempts().size();
        bot.offer(botRows.enqueueReplies(7, List.of(message(42, "your answer")), clock.instant()));
        Poll.until("the reply sent", () -> !messenger.attemptsTo(chat(42)).isEmpty());

        List<Attempt> attempts = messenger.attempts();
        int replyAt = attempts.indexOf(messenger.attemptsTo(chat(42)).getFirst());
        assertThat(replyAt - sentBefore).as("reports sent between the reply's offer and its send")
                .isLessThanOrEqualTo(3);
        assertThat(schedulerRows.countPendingDue(clock.instant())).as("the run is still going").isGreaterThan(300);
        assertThat(budget.mostInAWindow()).isLessThanOrEqualTo(perSecond);
    }

    /** {@code bot.send_budget} in memory: permits counted per one-second window under a cap. */
    private static final class WindowBudget implements SendBudget {

        private final int limit;

        private final Map<Long, Integer> used = new HashMap<>();
        private int highestBackgroundCap;

        WindowBudget(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized Grant draw(long epochSecond, int wanted, int cap) {
            // A reply's draw may fill the whole window (the relays' limit); a background draw is capped below it.
            if (cap < limit) {
                highestBackgroundCap = Math.max(highestBackgroundCap, cap);
            }
            int taken = used.getOrDefault(epochSecond, 0);
            int granted = Math.max(0, Math.min(wanted, cap - taken));
            used.put(epochSecond, taken + granted);
            return new Grant(granted, Instant.MIN);
        }

        @Override
        public synchronized void pauseUntil(Instant until) {
        }

        synchronized int mostInAWindow() {
            return used.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        synchronized Map<Long, Integer> windows() {
            return Map.copyOf(used);
        }

        synchronized int highestBackgroundCap() {
            return highestBackgroundCap;
        }
    }
}
