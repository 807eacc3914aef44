package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operators' commands through the real bot: Telegram stand-in, PostgreSQL, the relay. Roles are refused without
 * revealing the commands, an export arrives as an XLSX document read back here, and an announcement reaches every
 * parent once.
 */
class AdminEndToEndTest {

    private static final long ADMIN = 9500;
    private static final long MOTHER = 9501;
    private static final long FATHER = 9502;

    @TempDir
    static Path dataDir;

    private static BotApiStandIn telegram;
    private static BotRuntime bot;
    private static Map<String, String> env;

    @BeforeAll
    static void startBot() throws Exception {
        telegram = BotApiStandIn.start();
        env = new HashMap<>(BotRunEndToEndTest.environment(telegram, TestDatabase.freshDatabase(), dataDir));
        env.put("ADMIN_TELEGRAM_IDS", String.valueOf(ADMIN));
        BotRunEndToEndTest.migrateWithDemoData(env);
        bot = BotRuntime.start(env, Clock.systemUTC(), BotRunEndToEndTest::fastSends);
    }

    @AfterAll
    static void stopBot() {
        if (bot != null) {
            bot.close();
        }
        if (telegram != null) {
            telegram.close();
        }
    }

    private static TelegramChat registered(long userId, String email) {
        TelegramChat chat = new TelegramChat(telegram, userId, "en");
        chat.command("start", "Please choose your language");
        chat.press("English", "guardian e-mail");
        chat.type(email, "Now send the link code");
        chat.type("481516", "Is this your child?");
        chat.press("Yes", "your child is linked");
        return chat;
    }

    private static List<String> query(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(env.get("DATABASE_URL"), env.get("DATABASE_USER"),
                env.get("DATABASE_PASSWORD")); Statement statement = connection.createStatement()) {
            List<String> values = new ArrayList<>();
            if (statement.execute(sql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        values.add(rows.getString(1));
                    }
                }
            }
            return values;
        }
    }

    @Test
    void aParentsPaymentQuestionReachesTheAdminAndTheAnswerComesBack() throws Exception {
        TelegramChat parent = registered(9503, "rustam.karimov@example.com");
        TelegramChat admin = new TelegramChat(telegram, ADMIN, "en");
        // Registered already when the other test ran first.
        if (admin.command("start", "").contains("Please choose your language")) {
            admin.press("English", "guardian e-mail");
        }

        parent.command("paysupport", "Payment support");
        parent.type("Paid with Click at 10:15, still no access", "Sent to the support team");

        String request = admin.awaitText("Paid with Click at 10:15, still no access");
        assertThat(request).contains("9503", "/reply 9503");
        admin.send(person -> person.command("reply", "9503 Your access is open now"), "Sent to parent");
        assertThat(parent.awaitText("Your access is open now")).contains("Mentorium support");
        assertThat(query("SELECT type || ' ' || details::text FROM bot.event_log WHERE type LIKE 'support.%' ORDER BY id"))
                .hasSize(2).allSatisfy(row -> assertThat(row).doesNotContain("Click", "access"))
                .satisfiesExactly(row -> assertThat(row).startsWith("support.requested"),
                        row -> assertThat(row).startsWith("support.answered").contains("9503"));
    }

    @Test
    void operatorsCommandsThroughTheRealBot() throws Exception {
        TelegramChat mother = registered(MOTHER, "aziza.karimova@example.com");
        TelegramChat father = registered(FATHER, "rustam.karimov@example.com");
        TelegramChat admin = new TelegramChat(telegram, ADMIN, "en");
        admin.command("start", "Please choose your language");
        admin.press("English", "guardian e-mail");
        admin.command("menu", "");

        String unknown = mother.command("nosuchcommand", "know that command");
        assertThat(mother.command("stats", "know that command")).isEqualTo(unknown);
        assertThat(mother.command("export", "know that command")).isEqualTo(unknown);

        admin.send(person -> person.command("grant", FATHER + " support"), "is now support");
        assertThat(father.command("stats", "Statistics")).contains("Parents: 3", "Linked children: 1");
        father.send(person -> person.command("find", "aziza.karimova@example.com"), "9501");
        assertThat(father.texts().getLast()).contains("a***a@e***.com").doesNotContain("aziza.karimova");
        assertThat(father.command("broadcast", "know that command")).isEqualTo(unknown);

        telegram.enqueueUpdates(admin.person().command("export", "events 1d"));
        BotApiStandIn.Document document = telegram.awaitDocuments(ADMIN, 1, TelegramChat.TIMEOUT).getFirst();
        assertThat(document.fileName()).startsWith("events-").endsWith(".xlsx");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(document.content()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows.getFirst().stream().map(cell -> cell.asString()).toList())
                    .containsExactly("id", "occurred_at", "type", "actor_id", "details");
            assertThat(rows.stream().skip(1).map(row -> row.getCellAsString(2).orElse("")).toList())
                    .contains("parent.registered", "learner.linked", "staff.granted", "admin.stats_viewed",
                            "admin.parent_looked_up");
        }

        // Nobody is in quiet hours whatever the time the test runs at: the deferral has tests of its own.
        query("UPDATE bot.parents SET quiet_start = NULL, quiet_end = NULL");
        admin.send(person -> person.command("broadcast", "Lessons resume on Monday"), "Announcement draft");
        TelegramChat.Pressable confirm = admin.button("✅ Confirm");
        telegram.enqueueUpdates(admin.person().pressed(confirm.messageId(), confirm.data()));
        mother.awaitText("Lessons resume on Monday");
        father.awaitText("Lessons resume on Monday");
        admin.awaitText("Lessons resume on Monday");
        telegram.enqueueUpdates(admin.person().pressed(confirm.messageId(), confirm.data()));
        admin.awaitText("already confirmed or cancelled");
        assertThat(query("SELECT count(*) FROM bot.broadcast_recipients")).containsExactly("3");
        assertThat(mother.texts()).filteredOn(text -> text.contains("Lessons resume")).hasSize(1);
        assertThat(query("SELECT type FROM bot.event_log WHERE type LIKE 'broadcast.%' OR type LIKE 'admin.%' "
                + "OR type LIKE 'staff.%' ORDER BY id")).contains("staff.seeded", "staff.granted",
                "admin.stats_viewed", "admin.parent_looked_up", "admin.exported", "broadcast.prepared",
                "broadcast.confirmed");

        // A parent's rights: their data as a file, then erased; /start is a new registration.
        mother.type("⚙️ Settings", "What would you like to change?");
        TelegramChat.Pressable myData = mother.button("📄 My data");
        telegram.enqueueUpdates(mother.person().pressed(myData.messageId(), myData.data()));
        BotApiStandIn.Document mine = telegram.awaitDocuments(MOTHER, 1, TelegramChat.TIMEOUT).getFirst();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(mine.content()))) {
            assertThat(workbook.getSheets().map(sheet -> sheet.getName()).toList())
                    .contains("profile", "children", "payments", "dialog");
            List<Row> children = workbook.getSheets().filter(sheet -> sheet.getName().equals("children"))
                    .findFirst().orElseThrow().read();
            assertThat(children.get(1).getCellAsString(1)).contains("aziza.karimova@example.com");
        }
        TelegramChat.Pressable forget = mother.button("🗑 Forget me");
        telegram.enqueueUpdates(mother.person().pressed(forget.messageId(), forget.data()));
        mother.awaitText("Erase everything?");
        TelegramChat.Pressable yes = mother.button("🗑 Yes, erase everything");
        telegram.enqueueUpdates(mother.person().pressed(yes.messageId(), yes.data()));
        mother.awaitText("Your data has been erased");
        assertThat(query("SELECT count(*) FROM bot.parents WHERE telegram_user_id = " + MOTHER)).containsExactly("0");
        assertThat(query("SELECT count(*) FROM bot.parent_learners WHERE parent_id = " + MOTHER))
                .containsExactly("0");
        mother.command("start", "Please choose your language");
    }
}
