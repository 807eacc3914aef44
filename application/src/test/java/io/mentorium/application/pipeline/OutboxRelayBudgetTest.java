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
import io.mentorium.application.testing.MutableClock;
import io.mentorium.application.testing.RecordingMessenger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Relays drawing from one shared {@link SendBudget} (as the bot and the schedulers do through {@code bot.send_budget}):
 * background sending borrows the replies' reserve as it lapses, and a reply still finds room at once.
 *
 * <p>The tests of the permits a relay keeps at hand run on a clock they move: a fixed step per reply gives the relay
 * the same recent pace, and so the same stock, on any machine, and a window ends only when the test moves it on. On
 * the system clock a loaded machine slowed the replies' pace, the stock shrank below the three replies sent while
 * draws were held, and the third waited for a held draw until the test gave up.
 */
class OutboxRelayBudgetTest {

    private static final Duration PICK_UP = Duration.ofMillis(50);

    /** How far the moved clock goes on before each reply: a steady pace of about 330 replies a second. */
    private static final Duration REPLY_STEP = Duration.ofMillis(3);

    private Clock clock = Clock.systemUTC();
    private final RecordingMessenger telegram = new RecordingMessenger();
    private TimedMessenger messenger = new TimedMessenger(telegram, clock);
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
            budget = new WindowBudget(perSecond, clock);
        }
        RelaySettings settings = new RelaySettings(perSecond, Duration.ofMillis(1), 3, 64, Duration.ofMillis(20),
                Duration.ofMillis(200), 3, Duration.ofSeconds(5)).withPickUpInterval(PICK_UP);
        OutboxRelay relay = new OutboxRelay(outbox, messenger, unreachable, new CountingMetrics(), clock, settings,
                owner, budget);
        relays.add(relay);
        relay.start();
        return relay;
    }

    /** From here on everything runs on a clock the test moves, starting early in a window. */
    private MutableClock movedClock() {
        MutableClock moved = new MutableClock(Instant.parse("2026-12-04T10:00:00.100Z"));
        clock = moved;
        messenger = new TimedMessenger(telegram, moved);
        return moved;
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

    @Test
    void repliesKeepGoingOnPermitsAtHandWhileTheNextDrawIsHeldUp() {
        int perSecond = 1_000;
        movedClock();
        InMemoryOutbox outbox = new InMemoryOutbox();
        OutboxRelay bot = started(outbox, perSecond, Outbox.Owner.bot());
        // A steady stream of replies, one at a time as a chat's turns are: each used to find no permit at hand and
        // wait for a draw of its own.
        long second = clock.instant().getEpochSecond();
        int sent = sendRepliesUntil(bot, outbox, 0, () -> true, 60);
        assertThat(budget.draws()).as("draws for 60 replies one at a time").isLessThan(40);

        sendThreeWhileDrawsAreHeld(bot, outbox, sent, () -> {
        });
        assertThat(clock.instant().getEpochSecond()).as("all in one window").isEqualTo(second);
        assertThat(budget.mostInAWindow()).isLessThanOrEqualTo(perSecond);
    }

    @Test
    void aReplyWithNoPermitAtHandDrawsItsOwnRatherThanWaitForABackgroundDrawHeldUp() {
        int perSecond = 1_000;
        movedClock();
        InMemoryOutbox outbox = new InMemoryOutbox();
        OutboxRelay bot = started(outbox, perSecond, Outbox.Owner.bot());
        int sent = sendRepliesUntil(bot, outbox, 0, () -> true, 60);
        budget.holdBackgroundDraws();
        try {
            // Answers finished by the assistant spend the permits at hand; the draw they make next is held up, as a
            // draw was for 160 ms on a busy database while menus' replies waited behind it.
            bot.offerBackground(outbox.enqueue(IntStream.rangeClosed(1, 200)
                    .<Outgoing>mapToObj(n -> message(9_000 + n, "answer " + n)).toList(), clock.instant()));
            Poll.until("a background draw held up", () -> budget.heldDraws() > 0);

            sendRepliesUntil(bot, outbox, sent, () -> true, 3);

            assertThat(budget.heldDraws()).as("the background's draw is still held").isEqualTo(1);
        } finally {
            budget.releaseDraws();
        }
        assertThat(budget.mostInAWindow()).isLessThanOrEqualTo(perSecond);
    }

    @Test
    void aWindowStartsWithPermitsDrawnAheadOfIt() {
        int perSecond = 1_000;
        MutableClock moved = movedClock();
        InMemoryOutbox outbox = new InMemoryOutbox();
        OutboxRelay bot = started(outbox, perSecond, Outbox.Owner.bot());
        // Replies going on into the last tenth of a window: by then the next one's permits have been drawn.
        int sent = sendIntoTheLastTenthOfAWindow(bot, outbox);
        long second = clock.instant().getEpochSecond();
        // The draw runs on a sender thread: it is made by the time the window's last tenth has begun.
        Poll.until("the next window drawn before it began", () -> budget.drawnAhead().contains(second + 1));

        sendThreeWhileDrawsAreHeld(bot, outbox, sent, () -> moved.set(Instant.ofEpochSecond(second + 1)));
        assertThat(budget.mostInAWindow()).isLessThanOrEqualTo(perSecond);
    }

    @Test
    void aDrawAheadThatFailsLeavesTheNextWindowToItsOwnDraws() {
        int perSecond = 1_000;
        MutableClock moved = movedClock();
        budget = new WindowBudget(perSecond, moved);
        budget.failDrawsAhead();
        InMemoryOutbox outbox = new InMemoryOutbox();
        OutboxRelay bot = started(outbox, perSecond, Outbox.Owner.bot());
        int sent = sendIntoTheLastTenthOfAWindow(bot, outbox);
        long second = clock.instant().getEpochSecond();
        Poll.until("a draw ahead tried", () -> budget.failedAhead() > 0);
        moved.set(Instant.ofEpochSecond(second + 1));

        // A failed draw ahead that closed the next window to draws would hold this reply until the one after, which
        // never comes on the moved clock: the reply would not be sent.
        int reply = sendRepliesUntil(bot, outbox, sent, () -> true, 1);

        assertThat(messenger.attemptsTo(chat(5_000 + reply)).getFirst().at().getEpochSecond())
                .as("sent in the window it was offered in").isEqualTo(second + 1);
    }

    /**
     * Sixty replies one at a time, a steady stream that gives the relay a recent pace to stock for, then more until a
     * window's last tenth has begun.
     *
     * @return the replies sent
     */
    private int sendIntoTheLastTenthOfAWindow(OutboxRelay relay, InMemoryOutbox outbox) {
        int sent = sendRepliesUntil(relay, outbox, 0, () -> true, 60);
        return sendRepliesUntil(relay, outbox, sent, () -> clock.instant().getNano() >= 900_000_000, 1);
    }

    /** Holds every draw up, waits for {@code first}, then sends three replies: on the permits the relay has at hand. */
    private void sendThreeWhileDrawsAreHeld(OutboxRelay relay, InMemoryOutbox outbox, int sentBefore, Runnable first) {
        budget.holdDraws();
        try {
            first.run();
            sendRepliesUntil(relay, outbox, sentBefore, () -> true, 3);
            assertThat(budget.heldDraws()).as("draws held up meanwhile").isLessThanOrEqualTo(1);
        } finally {
            budget.releaseDraws();
        }
    }

    /**
     * Sends replies to new chats one at a time, each offered once the one before was sent, until {@code at least}
     * were sent and {@code until} holds after one.
     *
     * @return the replies sent so far in the test
     */
    private int sendRepliesUntil(OutboxRelay relay, InMemoryOutbox outbox, int sentBefore, BooleanSupplier until,
                                 int atLeast) {
        int n = sentBefore;
        do {
            n++;
            long chat = 5_000 + n;
            if (clock instanceof MutableClock moved) {
                moved.advance(REPLY_STEP);
            }
            relay.offer(outbox.enqueueReplies(n, List.of(message(chat, "reply " + n)), clock.instant()));
            Poll.until("reply " + n + " sent", () -> !messenger.attemptsTo(chat(chat)).isEmpty());
        } while (n - sentBefore < atLeast || !until.getAsBoolean());
        return n;
    }

    /** {@code bot.send_budget} in memory: permits counted per one-second window under a cap. */
    private static final class WindowBudget implements SendBudget {

        private final int limit;
        /** Tells a draw for a window that has not begun (a draw ahead). */
        private final Clock clock;

        private final Map<Long, Integer> used = new HashMap<>();
        private int highestBackgroundCap;

        WindowBudget(int limit, Clock clock) {
            this.limit = limit;
            this.clock = clock;
        }

        private int draws;
        private boolean held;
        private boolean backgroundHeld;
        private int heldDraws;

        private final Set<Long> drawnAhead = new HashSet<>();
        private boolean failAhead;
        private int failedAhead;

        /** Draws for a window that has not begun fail from now on. */
        synchronized void failDrawsAhead() {
            failAhead = true;
        }

        synchronized int failedAhead() {
            return failedAhead;
        }

        @Override
        public synchronized Grant draw(long epochSecond, int wanted, int cap) {
            draws++;
            if (epochSecond > clock.instant().getEpochSecond()) {
                if (failAhead) {
                    failedAhead++;
                    throw new IllegalStateException("the budget's database is unreachable");
                }
                drawnAhead.add(epochSecond);
            }
            if (held(cap)) {
                heldDraws++;
                while (held(cap)) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while held", e);
                    }
                }
            }
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

        /** The windows drawn from before they began. */
        synchronized Set<Long> drawnAhead() {
            return Set.copyOf(drawnAhead);
        }

        synchronized int draws() {
            return draws;
        }

        /** Draws from now on wait until {@link #releaseDraws}, as on a database too busy to answer. */
        synchronized void holdDraws() {
            held = true;
        }

        /** Background draws (capped below the limit) from now on wait until {@link #releaseDraws}. */
        synchronized void holdBackgroundDraws() {
            backgroundHeld = true;
        }

        private boolean held(int cap) {
            return held || (backgroundHeld && cap < limit);
        }

        synchronized void releaseDraws() {
            held = false;
            backgroundHeld = false;
            notifyAll();
        }

        synchronized int heldDraws() {
            return heldDraws;
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
