package io.mentorium.runner.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.adapters.persistence.jdbi.JdbiOutbox;
import io.mentorium.adapters.persistence.jdbi.JdbiParentRepository;
import io.mentorium.adapters.persistence.jdbi.JdbiSendBudget;
import io.mentorium.adapters.persistence.jdbi.JdbiTransactionRunner;
import io.mentorium.adapters.telegram.TelegramApi;
import io.mentorium.adapters.telegram.TelegramMessenger;
import io.mentorium.adapters.telegram.TelegramSettings;
import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.BotApiStandIn.SentMessage;
import io.mentorium.adapters.telegram.testing.Eventually;
import io.mentorium.application.pipeline.OutboxRelay;
import io.mentorium.application.pipeline.RelaySettings;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.PipelineMetrics;
import io.mentorium.application.port.out.SendBudget;
import io.mentorium.application.service.RecordUnreachableChatService;
import io.mentorium.domain.shared.ChatId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several relays — as the bot and schedulers run them, each with its own owner id — on one PostgreSQL outbox and one
 * shared send budget, sending through the real Telegram client to the Bot API stand-in.
 */
class SharedOutboxDeliveryTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Duration PICK_UP = Duration.ofMillis(200);

    private final Clock clock = Clock.systemUTC();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private BotApiStandIn telegram;

    @BeforeEach
    void start() {
        db.truncate();
        telegram = BotApiStandIn.start();
        opened.add(telegram);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private static RelaySettings settings(int perSecond) {
        return settings(perSecond, RelaySettings.DEFAULT_MAX_QUEUED);
    }

    private static RelaySettings settings(int perSecond, int maxQueued) {
        return new RelaySettings(perSecond, Duration.ofSeconds(1), 3, 64, Duration.ofMillis(200),
                Duration.ofSeconds(2), 10, Duration.ofSeconds(5), maxQueued).withPickUpInterval(PICK_UP);
    }

    /**
     * For relays that share a backlog: each holds at most a second's worth of it (half of maxQueued), so every relay
     * claims a part and keeps claiming as it sends. With room for thousands, the first relay started claimed the whole
     * backlog and the others had nothing to send.
     */
    private static RelaySettings sharing(int perSecond) {
        return settings(perSecond, 2 * perSecond);
    }

    /** A relay as a process runs it: its own Telegram connection, outbox (under its owner) and the shared budget. */
    private Relay relay(Outbox.Owner owner, int perSecond) {
        return relay(owner, perSecond, false);
    }

    private Relay relay(Outbox.Owner owner, int perSecond, boolean paidBroadcast) {
        return relay(owner, settings(perSecond), paidBroadcast, new JdbiSendBudget(db.jdbi()));
    }

    private Relay relay(Outbox.Owner owner, RelaySettings settings, boolean paidBroadcast, SendBudget budget) {
        TelegramApi api = TelegramApi.connect(new TelegramSettings(Optional.of(telegram.token()), telegram.baseUri(),
                settings.globalPerSecond()));
        JdbiOutbox outbox = new JdbiOutbox(db.jdbi(), owner);
        var unreachable = new RecordUnreachableChatService(new JdbiParentRepository(db.jdbi()), outbox,
                new JdbiTransactionRunner(db.jdbi()), clock);
        OutboxRelay relay = new OutboxRelay(outbox, new TelegramMessenger(api, paidBroadcast), unreachable, PipelineMetrics.NONE,
                clock, settings, owner, budget);
        Relay started = new Relay(relay, outbox, api);
        opened.add(started);
        relay.start();
        return started;
    }

    private record Relay(OutboxRelay relay, JdbiOutbox outbox, TelegramApi api) implements AutoCloseable {

        @Override
        public void close() {
            relay.stop();
            api.close();
        }
    }

    /** What a scheduler's report job leaves: unclaimed rows, one chat each. */
    private List<QueuedMessage> backlog(int count, String text) {
        List<Outgoing> reports = IntStream.rangeClosed(1, count)
                .<Outgoing>mapToObj(n -> new SendText(new ChatId(1_000_000L + n), text + " " + n)).toList();
        return new JdbiOutbox(db.jdbi()).enqueue(reports, clock.instant());
    }

    private List<SentMessage> sent() {
        return telegram.chatsMessaged().stream().flatMap(chat -> telegram.sentMessages(chat).stream())
                .sorted((a, b) -> a.call().at().compareTo(b.call().at())).toList();
    }

    private long pending() {
        return db.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM bot.outbox_messages WHERE state = 0").mapTo(Long.class).one());
    }

    /** Rows the relay of {@code owner} sent: a sent row keeps the owner that claimed it. */
    private long sentBy(Outbox.Owner owner) {
        return db.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM bot.outbox_messages WHERE state = 1 AND claimed_by = :owner")
                .bind("owner", owner.id()).mapTo(Long.class).one());
    }

    private static Map<String, Long> countsByText(Collection<SentMessage> messages) {
        return messages.stream().collect(Collectors.groupingBy(SentMessage::text, Collectors.counting()));
    }

    /** The most sends that arrived at the stand-in within {@code seconds} consecutive calendar seconds. */
    private static long busiest(List<SentMessage> messages, int seconds) {
        Map<Long, Long> perSecond = messages.stream().collect(Collectors.groupingBy(
                message -> message.call().at().getEpochSecond(), Collectors.counting()));
        return perSecond.keySet().stream().mapToLong(first -> IntStream.range(0, seconds)
                .mapToLong(offset -> perSecond.getOrDefault(first + offset, 0L)).sum()).max().orElse(0);
    }

    @Test
    void two_relays_drain_one_backlog_each_message_once_and_together_within_the_rate() {
        int perSecond = 20;
        List<QueuedMessage> rows = backlog(200, "report");
        CountingBudget budget = new CountingBudget(new JdbiSendBudget(db.jdbi()));
        Outbox.Owner one = Outbox.Owner.instance("scheduler");
        Outbox.Owner other = Outbox.Owner.instance("scheduler");
        relay(one, sharing(perSecond), false, budget);
        relay(other, sharing(perSecond), false, budget);

        Eventually.until("the backlog sent", () -> pending() == 0, DEADLINE);

        List<SentMessage> sent = sent();
        assertThat(sent).hasSize(rows.size());
        assertThat(countsByText(sent).values()).allMatch(count -> count == 1);
        assertThat(List.of(sentBy(one), sentBy(other))).as("rows each relay sent").allMatch(count -> count > 0);
        // The rate is a count per window of the shared budget, whatever the machine's pace: both relays together
        // were never granted more than the limit in one window, and sent nothing without a permit granted.
        assertThat(budget.mostInAWindow()).as("permits granted per window: %s", budget.windows())
                .isLessThanOrEqualTo(perSecond);
        assertThat((long) sent.size()).as("sends against permits granted").isLessThanOrEqualTo(budget.granted());
        // End to end, by arrival at the stand-in: sends arriving in four seconds were sent in those windows or the
        // one before (a send arrives well within a second of its window, a GC pause included), so at most five
        // windows' worth; two relays each at the full rate would put about eight there.
        assertThat(busiest(sent, 4)).as("the most sends arriving in four seconds").isLessThanOrEqualTo(5L * perSecond);
    }

    @Test
    void rows_claimed_by_a_process_that_died_are_sent_once_by_another_after_the_lease() {
        List<QueuedMessage> rows = backlog(20, "left by the dead");
        // A process claimed the rows and died before sending: nobody renews its lease.
        Instant now = clock.instant();
        Instant leaseEnd = now.plusSeconds(3);
        assertThat(new JdbiOutbox(db.jdbi()).claim("scheduler-dead", Long.MIN_VALUE, 100, now, now, leaseEnd, false))
                .hasSize(rows.size());

        relay(Outbox.Owner.instance("scheduler"), 50);

        Eventually.until("the rows sent", () -> pending() == 0, DEADLINE);
        List<SentMessage> sent = sent();
        assertThat(sent).hasSize(rows.size());
        assertThat(countsByText(sent).values()).allMatch(count -> count == 1);
        assertThat(sent.getFirst().call().at()).as("nothing went before the dead process's lease ran out")
                .isAfterOrEqualTo(leaseEnd);
    }

    @Test
    void a_parent_who_writes_during_a_large_report_run_is_answered_before_the_reports_drain() {
        int perSecond = 10;
        backlog(5_000, "weekly report");
        relay(Outbox.Owner.instance("scheduler"), perSecond);
        Relay bot = relay(Outbox.Owner.bot(), perSecond);
        // Long enough for both relays to borrow the lapsing reserve: the reply comes when background fills windows.
        Eventually.until("the report run under way", () -> sent().size() >= 3 * perSecond, DEADLINE);

        // The parent writes; the bot's reply is enqueued (claimed by the bot in the insert) and handed over in memory.
        ChatId parent = new ChatId(42);
        bot.relay().offer(bot.outbox().enqueueReplies(7, List.of(new SendText(parent, "your answer")),
                clock.instant()));
        // Counted from the offer on: the insert's commit is the database's pace, not the relay's.
        Instant offered = clock.instant();

        Eventually.until("the reply delivered", () -> !telegram.sentMessages(42).isEmpty(), DEADLINE);
        Instant replied = telegram.sentMessages(42).getFirst().call().at();
        long reportsMeanwhile = sent().stream().filter(message -> message.chatId() != 42)
                .filter(message -> message.call().at().isAfter(offered) && message.call().at().isBefore(replied))
                .count();
        // The reply needs a permit draw, a slot and a request: on a loaded machine that may take a second or two, so
        // up to three seconds of reports may arrive meanwhile. A reply queued behind the backlog would come after
        // the thousands of reports still pending (or not within the deadline at this rate).
        assertThat(reportsMeanwhile).as("reports that arrived between the reply's offer and the reply: it took the "
                + "reserve left in that second, not a place behind the backlog").isLessThanOrEqualTo(3L * perSecond);
        assertThat(pending()).as("the backlog is still draining").isGreaterThan(4_000);
    }

    @Test
    void a_report_run_with_no_reply_waiting_borrows_the_replies_reserve_but_never_exceeds_the_rate() {
        int perSecond = 50;
        backlog(300, "report");
        CountingBudget budget = new CountingBudget(new JdbiSendBudget(db.jdbi()));
        relay(Outbox.Owner.instance("scheduler"), settings(perSecond), false, budget);

        Eventually.until("the backlog sent", () -> pending() == 0, DEADLINE);

        assertThat(sent()).hasSize(300);
        // The policy, not the pace: whether a window actually fills past four fifths depends on how fast this
        // machine sends. Every draw here is a background one (no reply is ever offered). Late in a window such a
        // draw may fill it beyond four fifths (the lapsed part of the reserve is lent), yet never to the limit (a
        // reply at the window's end still finds a permit). A draw ahead for the next window is capped at four fifths.
        assertThat(budget.caps()).as("caps of the draws")
                .anyMatch(cap -> cap > perSecond * 4 / 5)
                .allMatch(cap -> cap < perSecond);
        assertThat(budget.mostInAWindow()).as("permits granted per window: %s", budget.windows())
                .isLessThanOrEqualTo(perSecond);
    }

    /** The shared budget, counting what it granted per one-second window and noting the cap of every draw. */
    private static final class CountingBudget implements SendBudget {

        private final SendBudget budget;
        private final Map<Long, Integer> granted = new ConcurrentHashMap<>();
        private final List<Integer> caps = new CopyOnWriteArrayList<>();

        CountingBudget(SendBudget budget) {
            this.budget = budget;
        }

        @Override
        public Grant draw(long epochSecond, int wanted, int cap) {
            caps.add(cap);
            Grant grant = budget.draw(epochSecond, wanted, cap);
            granted.merge(epochSecond, grant.granted(), Integer::sum);
            return grant;
        }

        @Override
        public void pauseUntil(Instant until) {
            budget.pauseUntil(until);
        }

        int mostInAWindow() {
            return granted.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        long granted() {
            return granted.values().stream().mapToLong(Integer::longValue).sum();
        }

        Map<Long, Integer> windows() {
            return Map.copyOf(granted);
        }

        List<Integer> caps() {
            return List.copyOf(caps);
        }
    }

    @Test
    void a_429_met_by_one_process_pauses_the_others_too() {
        int perSecond = 40;
        backlog(400, "report");
        Outbox.Owner one = Outbox.Owner.instance("scheduler");
        Outbox.Owner other = Outbox.Owner.instance("scheduler");
        relay(one, sharing(perSecond), false, new JdbiSendBudget(db.jdbi()));
        relay(other, sharing(perSecond), false, new JdbiSendBudget(db.jdbi()));
        // The refused request as the stand-in saw it: a sendMessage it handled without keeping a message.
        List<BotApiCall> refused = new CopyOnWriteArrayList<>();
        telegram.observe(new BotApiStandIn.Observer() {
            @Override
            public void called(BotApiCall call) {
                if (call.method().equals("sendMessage") && telegram.sentMessages(call.longParam("chat_id")).stream()
                        .noneMatch(message -> message.call().equals(call))) {
                    refused.add(call);
                }
            }
        });
        Eventually.until("both relays sending", () -> sentBy(one) > 0 && sentBy(other) > 0, DEADLINE);

        telegram.failNext("sendMessage", 1, 429, Duration.ofSeconds(4));
        Eventually.until("a send refused", () -> !refused.isEmpty(), DEADLINE);
        BotApiCall refusal = refused.getFirst();
        // Its arrival: the pause runs from when the relay read the answer, so it ends 4 s after this at the earliest.
        Instant refusedAt = refusal.at();
        Eventually.until("the refused message sent after the pause",
                () -> !telegram.sentMessages(refusal.longParam("chat_id")).isEmpty(), DEADLINE);
        assertThat(pending()).as("rows left after the pause: both relays had rows to send throughout it").isPositive();

        // After the 429 the other relay may still use the permits it drew before the pause was shared, up to the end
        // of the next window: sends until a second or so after the refusal are allowed, more on a slow machine.
        // Sends resumed after the pause arrive 4 s after the refusal at the earliest. From two seconds to three and a
        // half after it nothing may arrive; a relay that ignored the shared pause would send dozens there.
        List<BotApiCall> duringPause = telegram.callsTo("sendMessage").stream()
                .filter(call -> call.at().isAfter(refusedAt.plusSeconds(2))
                        && call.at().isBefore(refusedAt.plusMillis(3_500))).toList();
        assertThat(duringPause).as("sends arriving 2 s to 3.5 s after the refusal at %s", refusedAt).isEmpty();
    }

    @Test
    void with_paid_broadcast_scheduled_rows_carry_allow_paid_broadcast_and_replies_do_not() {
        Relay bot = relay(Outbox.Owner.bot(), 20, true);
        backlog(5, "report");
        Eventually.until("the reports picked up and sent", () -> pending() == 0, DEADLINE);
        bot.relay().offer(bot.outbox().enqueueReplies(9, List.of(new SendText(new ChatId(42), "reply")),
                clock.instant()));
        Eventually.until("the reply sent", () -> !telegram.sentMessages(42).isEmpty(), DEADLINE);

        List<SentMessage> sent = sent();
        assertThat(sent).filteredOn(m -> m.text().startsWith("report"))
                .hasSize(5).allMatch(m -> m.call().bool("allow_paid_broadcast"));
        assertThat(telegram.sentMessages(42).getFirst().call().has("allow_paid_broadcast")).isFalse();
    }

    @Test
    void a_chat_that_blocked_the_bot_has_its_remaining_rows_given_up() {
        long chat = 555;
        List<Outgoing> three = List.of(new SendText(new ChatId(chat), "a"), new SendText(new ChatId(chat), "b"),
                new SendText(new ChatId(chat), "c"));
        new JdbiOutbox(db.jdbi()).enqueue(three, clock.instant());
        telegram.blockChat(chat);

        relay(Outbox.Owner.instance("scheduler"), 20);

        Eventually.until("the chat given up", () -> pending() == 0, DEADLINE);
        assertThat(telegram.sentMessages(chat)).isEmpty();
        assertThat(telegram.callsTo("sendMessage")).as("tried once, not once per row").hasSize(1);
    }
}
