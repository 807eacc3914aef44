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
        return new RelaySettings(perSecond, Duration.ofSeconds(1), 3, 64, Duration.ofMillis(200),
                Duration.ofSeconds(2), 10, Duration.ofSeconds(5)).withPickUpInterval(PICK_UP);
    }

    /** A relay as a process runs it: its own Telegram connection, outbox (under its owner) and the shared budget. */
    private Relay relay(Outbox.Owner owner, int perSecond) {
        return relay(owner, perSecond, false);
    }

    private Relay relay(Outbox.Owner owner, int perSecond, boolean paidBroadcast) {
        return relay(owner, perSecond, paidBroadcast, new JdbiSendBudget(db.jdbi()));
    }

    private Relay relay(Outbox.Owner owner, int perSecond, boolean paidBroadcast, SendBudget budget) {
        TelegramApi api = TelegramApi.connect(new TelegramSettings(Optional.of(telegram.token()), telegram.baseUri(),
                perSecond));
        JdbiOutbox outbox = new JdbiOutbox(db.jdbi(), owner);
        var unreachable = new RecordUnreachableChatService(new JdbiParentRepository(db.jdbi()), outbox,
                new JdbiTransactionRunner(db.jdbi()), clock);
        OutboxRelay relay = new OutboxRelay(outbox, new TelegramMessenger(api, paidBroadcast), unreachable, PipelineMetrics.NONE,
                clock, settings(perSecond), owner, budget);
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

    private static Map<String, Long> countsByText(Collection<SentMessage> messages) {
        return messages.stream().collect(Collectors.groupingBy(SentMessage::text, Collectors.counting()));
    }

    @Test
    void two_relays_drain_one_backlog_each_message_once_and_together_within_the_rate() {
        int perSecond = 20;
        List<QueuedMessage> rows = backlog(200, "report");
        relay(Outbox.Owner.instance("scheduler"), perSecond);
        relay(Outbox.Owner.instance("scheduler"), perSecond);

        Eventually.until("the backlog sent", () -> pending() == 0, DEADLINE);

        List<SentMessage> sent = sent();
        assertThat(sent).hasSize(rows.size());
        assertThat(countsByText(sent).values()).allMatch(count -> count == 1);
        Map<Long, Long> perWindow = sent.stream().collect(Collectors.groupingBy(
                message -> message.call().at().getEpochSecond(), Collectors.counting()));
        // Windows are counted on the relays' clocks and observed at the stand-in a request later: a few messages of
        // a window may land in the next one, hence the small tolerance. Two relays each at the full rate would
        // show about twice the limit.
        assertThat(perWindow.values()).allMatch(count -> count <= perSecond + 3, "at most " + perSecond + " + 3 a second: "
                + perWindow);
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
        int sentBeforeTheReply = sent().size();
        bot.relay().offer(bot.outbox().enqueueReplies(7, List.of(new SendText(parent, "your answer")),
                clock.instant()));

        Eventually.until("the reply delivered", () -> !telegram.sentMessages(42).isEmpty(), DEADLINE);
        List<SentMessage> sent = sent();
        int replyAt = sent.stream().map(SentMessage::text).toList().indexOf("your answer");
        assertThat(replyAt - sentBeforeTheReply).as("reports sent between the reply's offer and the reply: it took "
                + "the reserve left in that second, not a place behind the backlog").isLessThanOrEqualTo(perSecond);
        assertThat(pending()).as("the backlog is still draining").isGreaterThan(4_000);
    }

    @Test
    void a_report_run_with_no_reply_waiting_borrows_the_replies_reserve_but_never_exceeds_the_rate() {
        int perSecond = 50;
        backlog(300, "report");
        CountingBudget budget = new CountingBudget(new JdbiSendBudget(db.jdbi()));
        relay(Outbox.Owner.instance("scheduler"), perSecond, false, budget);

        Eventually.until("the backlog sent", () -> pending() == 0, DEADLINE);

        assertThat(sent()).hasSize(300);
        assertThat(budget.mostInAWindow()).as("permits granted per window: %s", budget.windows())
                .isGreaterThan(perSecond * 4 / 5)
                .isLessThanOrEqualTo(perSecond);
    }

    /** The shared budget, counting what it granted per one-second window. */
    private static final class CountingBudget implements SendBudget {

        private final SendBudget budget;
        private final Map<Long, Integer> granted = new java.util.concurrent.ConcurrentHashMap<>();

        CountingBudget(SendBudget budget) {
            this.budget = budget;
        }

        @Override
        public Grant draw(long epochSecond, int wanted, int cap) {
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

        Map<Long, Integer> windows() {
            return Map.copyOf(granted);
        }
    }

    @Test
    void a_429_met_by_one_process_pauses_the_others_too() {
        backlog(400, "report");
        relay(Outbox.Owner.instance("scheduler"), 40);
        relay(Outbox.Owner.instance("scheduler"), 40);
        Eventually.until("both sending", () -> sent().size() >= 20, DEADLINE);

        telegram.failNext("sendMessage", 1, 429, Duration.ofSeconds(4));
        Eventually.until("the 429 answered", () -> telegram.callsTo("sendMessage").size() > sent().size(), DEADLINE);
        Instant refusedAt = clock.instant();
        Eventually.until("sending resumed", () -> sent().stream()
                .anyMatch(m -> m.call().at().isAfter(refusedAt.plusSeconds(4))), DEADLINE);

        // Permits one process drew for the current window may still be used, and sends in flight land: nothing
        // from a second after the 429 until its retry_after is over, from either process.
        List<SentMessage> duringPause = sent().stream().filter(m -> m.call().at().isAfter(refusedAt.plusSeconds(1))
                && m.call().at().isBefore(refusedAt.plusMillis(3_900))).toList();
        assertThat(duringPause).isEmpty();
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
