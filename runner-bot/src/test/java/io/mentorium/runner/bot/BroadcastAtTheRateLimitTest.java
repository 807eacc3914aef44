package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.BotApiStandIn.SentMessage;
import io.mentorium.adapters.telegram.testing.Eventually;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An announcement to many parents through the real bot at a low configured rate ({@code
 * TELEGRAM_MAX_SENDS_PER_SECOND}): every reachable parent gets it exactly once, a parent who blocked the bot gets
 * nothing, a parent in quiet hours gets it later (queued, not dropped), and Telegram never sees more than the rate in
 * any second — the announcement and the bot's other replies together, since the limit is per bot.
 */
class BroadcastAtTheRateLimitTest {

    private static final long ADMIN = 9600;
    private static final int RATE = 10;
    private static final int REACHABLE = 60;
    private static final int BLOCKED = 5;
    private static final int IN_QUIET_HOURS = 5;
    private static final long FIRST_PARENT = 700_000;
    private static final String TEXT = "The platform is down for maintenance on Saturday night";

    @TempDir
    Path dataDir;

    private BotApiStandIn telegram;
    private BotRuntime bot;
    private Map<String, String> env;

    @BeforeEach
    void startBot() throws Exception {
        telegram = BotApiStandIn.start();
        env = new HashMap<>(BotRunEndToEndTest.environment(telegram, TestDatabase.freshDatabase(), dataDir));
        env.put("ADMIN_TELEGRAM_IDS", String.valueOf(ADMIN));
        env.put("TELEGRAM_MAX_SENDS_PER_SECOND", String.valueOf(RATE));
        // Quiet hours below are written in UTC: the bot reads them in its own zone.
        env.put("BOT_TIMEZONE", "UTC");
        BotRunEndToEndTest.migrateWithDemoData(env);
        insertParents();
        // The bot's own pacing, as configured: no test tuning of the relay.
        bot = BotRuntime.start(env, Clock.systemUTC(), UnaryOperator.identity());
    }

    @AfterEach
    void stopBot() {
        if (bot != null) {
            bot.close();
        }
        if (telegram != null) {
            telegram.close();
        }
    }

    private void insertParents() throws Exception {
        LocalTime now = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        StringBuilder sql = new StringBuilder();
        int all = REACHABLE + BLOCKED + IN_QUIET_HOURS;
        for (int n = 0; n < all; n++) {
            long id = FIRST_PARENT + n;
            String blocked = n >= REACHABLE && n < REACHABLE + BLOCKED ? "now()" : "NULL";
            boolean quiet = n >= REACHABLE + BLOCKED;
            // Quiet from an hour ago to an hour from now (wrapping midnight when it must): now is inside.
            String quietStart = quiet ? "'" + now.minusHours(1) + "'" : "NULL";
            String quietEnd = quiet ? "'" + now.plusHours(1) + "'" : "NULL";
            sql.append("""
                    INSERT INTO bot.parents (telegram_user_id, chat_id, language, role, enabled_notifications,
                                             report_kinds, quiet_start, quiet_end, blocked_at, registered_at)
                    VALUES (%d, %d, 'en', 'PARENT', ARRAY['SYSTEM'], ARRAY['WEEKLY'], %s, %s, %s, now());
                    """.formatted(id, id, quietStart, quietEnd, blocked));
        }
        execute(sql.toString());
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(env.get("DATABASE_URL"), env.get("DATABASE_USER"),
                env.get("DATABASE_PASSWORD"));
    }

    private List<SentMessage> announcements(long chatId) {
        return telegram.sentMessages(chatId).stream().filter(message -> message.text().contains(TEXT)).toList();
    }

    private static LongStream parents(int from, int count) {
        return LongStream.range(FIRST_PARENT + from, FIRST_PARENT + from + count);
    }

    @Test
    void every_reachable_parent_gets_the_announcement_once_and_telegram_never_more_than_the_rate_a_second()
            throws Exception {
        TelegramChat admin = new TelegramChat(telegram, ADMIN, "en");
        admin.command("start", "Please choose your language");
        admin.press("English", "guardian e-mail");
        admin.send(person -> person.command("broadcast", TEXT), "Announcement draft");
        TelegramChat.Pressable confirm = admin.button("✅ Confirm");
        telegram.enqueueUpdates(admin.person().pressed(confirm.messageId(), confirm.data()));

        Eventually.until("every reachable parent has the announcement",
                () -> parents(0, REACHABLE).allMatch(chat -> !announcements(chat).isEmpty()), Duration.ofSeconds(90));
        // The relay has nothing left it may send now: the quiet-hours parents' messages wait for their morning.
        Eventually.until("nothing left to send now", () -> count("""
                SELECT count(*) FROM bot.outbox_messages WHERE state = 0 AND not_before <= now()""") == 0,
                Duration.ofSeconds(30));

        assertThat(parents(0, REACHABLE).mapToObj(chat -> announcements(chat).size()).toList())
                .as("once each").containsOnly(1);
        assertThat(parents(REACHABLE, BLOCKED).mapToObj(chat -> telegram.sentMessages(chat).size()).toList())
                .as("nothing for a parent who blocked the bot").containsOnly(0);
        assertThat(parents(REACHABLE + BLOCKED, IN_QUIET_HOURS)
                .mapToObj(chat -> telegram.sentMessages(chat).size()).toList()).as("nothing yet for a parent in quiet hours").containsOnly(0);
        assertThat(count("""
                SELECT count(*) FROM bot.outbox_messages
                 WHERE state = 0 AND not_before > now() + interval '30 minutes'
                   AND chat_id BETWEEN %d AND %d""".formatted(FIRST_PARENT + REACHABLE + BLOCKED,
                FIRST_PARENT + REACHABLE + BLOCKED + IN_QUIET_HOURS - 1)))
                .as("deferred to the end of their quiet hours, not dropped").isEqualTo(IN_QUIET_HOURS);
        assertThat(count("SELECT count(*) FROM bot.broadcast_recipients"))
                .as("the admin and every parent not blocked").isEqualTo(1 + REACHABLE + IN_QUIET_HOURS);

        // Every message the bot sent, to anyone: the limit is the bot's, not the announcement's.
        List<BotApiCall> sends = telegram.chatsMessaged().stream()
                .flatMap(chat -> telegram.sentMessages(chat).stream()).map(SentMessage::call).toList();
        // The relay counts one-second windows on its clock and the stand-in stamps each arrival a request later (on a
        // busy machine hundreds of milliseconds later for some), so a few messages of one second may land in the next.
        // Over aligned three-second windows that spill crosses a third as many boundaries and lands among slots the
        // relay left unused (a late dispatcher never makes them up; the announcement leaves replies a share). Without
        // the limit the 60 messages would arrive within a second or two, which the total below fails as well.
        Map<Long, Long> perThreeSeconds = sends.stream().collect(Collectors.groupingBy(
                call -> Math.floorDiv(call.at().getEpochSecond(), 3L), Collectors.counting()));
        assertThat(perThreeSeconds.values()).as("sends per aligned three seconds at Telegram: %s", perThreeSeconds)
                .allMatch(count -> count <= 3 * RATE + 2);
        List<BotApiCall> announced = parents(0, REACHABLE)
                .mapToObj(chat -> announcements(chat).getFirst().call()).sorted(
                        (a, b) -> a.at().compareTo(b.at())).toList();
        assertThat(Duration.between(announced.getFirst().at(), announced.getLast().at()))
                .as("60 messages at 10 a second take at least five seconds")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(REACHABLE / RATE - 1));
    }
}
