package io.mentorium.application.conversation;

import static io.mentorium.application.conversation.ConversationFixture.AZIZ;
import static io.mentorium.application.conversation.ConversationFixture.CONFIGURED_ADMIN;
import static io.mentorium.application.conversation.ConversationFixture.KARIMOVA_EMAIL;
import static io.mentorium.application.conversation.ConversationFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.conversation.ConversationFixture.Chat;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.Messenger.EditText;
import io.mentorium.application.port.out.Messenger.SendDocument;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.OperatorQueries;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.notification.QuietHours;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.payment.Currency;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.staff.StaffRole;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminConversationTest {

    private static final long MOTHER = 3001;
    private static final long FATHER = 3002;
    private static final long HELPER = 3003;

    private static final List<String> OPERATOR_COMMANDS = List.of("/stats", "/stats 30d", "/find 3001",
            "/find " + KARIMOVA_EMAIL, "/refund order-1", "/broadcast Hello", "/grant 3002 admin", "/revoke 3002",
            "/export payments", "/reply 3002 hello");

    private final ConversationFixture bot = new ConversationFixture();

    private Chat parent(long id, Language language, LearnerId... children) {
        return bot.registered(id, language, children);
    }

    private String unknownCommandReply(Chat chat) {
        chat.say("/nosuchcommand");
        return chat.lastTexts();
    }

    @Test
    void operatorsCommandsAreAnsweredExactlyLikeAnUnknownCommandToParents() {
        for (Language language : Language.values()) {
            Chat mother = parent(MOTHER + 10L * language.ordinal(), language, AZIZ.id());
            String unknown = unknownCommandReply(mother);
            for (String command : OPERATOR_COMMANDS) {
                mother.say(command);
                assertThat(mother.lastTexts()).as(command).isEqualTo(unknown);
                assertThat(mother.replies).as(command).hasSize(1);
            }
        }
        assertThat(bot.broadcasts.undelivered(10)).isEmpty();
        assertThat(bot.staffRoles.roleOf(new TelegramUserId(3002))).isEmpty();
    }

    @Test
    void supportMayLookButNotChangeAnything() {
        Chat admin = parent(CONFIGURED_ADMIN, Language.EN);
        Chat helper = parent(HELPER, Language.EN);
        parent(MOTHER, Language.EN, AZIZ.id());

        admin.say("/grant " + HELPER + " support");

        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.STAFF_GRANTED, "3003", "support"));
        String unknown = unknownCommandReply(helper);
        helper.say("/stats");
        assertThat(helper.lastTexts()).startsWith("📊");
        helper.say("/find " + MOTHER);
        assertThat(helper.lastTexts()).contains("<code>3001</code>");
        for (String command : List.of("/broadcast Hi", "/grant 3001 admin", "/revoke 3003", "/refund order-1",
                "/export payments")) {
            helper.say(command);
            assertThat(helper.lastTexts()).as(command).isEqualTo(unknown);
        }
        assertThat(bot.events.ofType("staff.granted")).singleElement().satisfies(event -> {
            assertThat(event.actor()).contains(new TelegramUserId(CONFIGURED_ADMIN));
            assertThat(event.details()).containsEntry("target", "3003").containsEntry("role", "SUPPORT");
        });
        assertThat(bot.events.ofType("admin.stats_viewed")).hasSize(1);
        assertThat(bot.events.ofType("admin.parent_looked_up")).hasSize(1);
    }

    @Test
    void anAdminGrantsAndRevokesButCannotRevokeAConfiguredAdmin() {
        Chat admin = parent(CONFIGURED_ADMIN, Language.RU);
        Chat father = parent(FATHER, Language.EN);
        String unknown = unknownCommandReply(father);

        admin.say("/grant 3002 admin");
        father.say("/grant 3003 support");
        assertThat(father.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.STAFF_GRANTED, "3003", "support"));
        admin.say("/grant 3002 admin");
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.RU, MessageKey.STAFF_UNCHANGED, "3002"));
        father.say("/revoke " + CONFIGURED_ADMIN);
        assertThat(father.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.STAFF_CONFIGURED, "2009"));
        admin.say("/grant 3002 boss");
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.RU, MessageKey.STAFF_GRANT_USAGE));

        admin.say("/revoke 3002");

        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.RU, MessageKey.STAFF_REVOKED, "3002", "admin"));
        father.say("/stats");
        assertThat(father.lastTexts()).isEqualTo(unknown);
        assertThat(bot.staffRoles.roleOf(new TelegramUserId(3003))).contains(StaffRole.SUPPORT);
        assertThat(bot.events.ofType("staff.revoked")).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("target", "3002"));
    }

    @Test
    void statsShowTheFiguresAndRefuseAPeriodItDoesNotUnderstand() {
        Chat admin = parent(CONFIGURED_ADMIN, Language.EN);
        bot.statistics = new OperatorQueries.Statistics(120, 4, 150, 37,
                List.of(new OperatorQueries.Revenue(PaymentProvider.PAYME, Currency.UZS, 3, 29_700_000),
                        new OperatorQueries.Revenue(PaymentProvider.STARS, Currency.XTR, 2, 500)),
                900, 1_400, 75, 1, 2, 3);

        admin.say("/stats 30d");

        String text = admin.lastTexts();
        assertThat(text).contains("Parents: 120 (blocked the bot: 4)", "Linked children: 150",
                "Active subscriptions: 37", "2025-02-10 – 2025-03-12", "PayMe: 3 payments, 297,000",
                "Updates received: 900", "Messages sent: 1,400", "Assistant questions: 75", "Inbox pending: 1",
                "Outbox pending: 2", "Quarantined: 3");
        admin.say("/stats");
        assertThat(admin.lastTexts()).contains("2025-03-01 – 2025-03-12");
        admin.say("/stats forever");
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.STATS_USAGE));
        admin.say("/stats 999d");
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.STATS_USAGE));
    }

    @Test
    void findShowsAParentByIdOrEmailWithTheEmailMaskedOnly() {
        Chat admin = parent(CONFIGURED_ADMIN, Language.EN);
        parent(MOTHER, Language.UZ, AZIZ.id());
        parent(FATHER, Language.RU, AZIZ.id());

        admin.say("/find " + MOTHER);
        assertThat(admin.lastTexts()).contains("<code>3001</code>", Email.mask(KARIMOVA_EMAIL), "Oʻzbekcha")
                .contains("Linked children: 1", "reachable", "Role: parent")
                .doesNotContain(KARIMOVA_EMAIL);

        admin.say("/find  " + KARIMOVA_EMAIL.toUpperCase() + " ");
        assertThat(admin.lastTexts()).contains("<code>3001</code>", "<code>3002</code>")
                .doesNotContain(KARIMOVA_EMAIL);
        admin.say("/find nobody@example.com");
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.FIND_NOT_FOUND));
        admin.say("/find what");
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.FIND_USAGE));
        assertThat(bot.events.ofType("admin.parent_looked_up")).extracting(event -> event.details().get("query"))
                .contains(Email.mask(KARIMOVA_EMAIL)).doesNotContain(KARIMOVA_EMAIL);
    }

    @Test
    void aConfirmedBroadcastIsQueuedOnceForEveryReachableParentAfterTheirQuietHours() {
        Chat admin = parent(CONFIGURED_ADMIN, Language.EN);
        Chat mother = parent(MOTHER, Language.RU, AZIZ.id());
        parent(FATHER, Language.UZ);
        parent(HELPER, Language.EN);
        parent(3004, Language.EN);
        // 15:00 in Tashkent: the father's quiet hours run until 16:00; the helper blocked the bot.
        Parent father = bot.parents.findById(new TelegramUserId(FATHER)).orElseThrow();
        father.changePreferences(father.preferences().withQuietHours(Optional.of(
                new QuietHours(LocalTime.of(14, 0), LocalTime.of(16, 0)))));
        bot.parents.save(father);
        Parent helper = bot.parents.findById(new TelegramUserId(HELPER)).orElseThrow();
        helper.markBlocked(NOW.minus(Duration.ofHours(1)));
        bot.parents.save(helper);

        admin.say("/broadcast School is closed on <Monday> & Tuesday");

        assertThat(admin.lastTexts()).contains("School is closed on &lt;Monday&gt; &amp; Tuesday");
        assertThat(bot.outbox.all()).isEmpty();
        assertThat(bot.announcements.deliverPending()).isZero();
        admin.pressLabel(bot.label(Language.EN, MessageKey.BUTTON_CONFIRM));
        assertThat(admin.replies).anySatisfy(reply -> assertThat(reply).isInstanceOf(EditText.class));
        String pressedAgain = CallbackData.encode(new CallbackData.ConfirmBroadcast(1));
        admin.press(pressedAgain);
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.BROADCAST_ALREADY_DECIDED, "1"));

        assertThat(bot.announcements.deliverPending()).isEqualTo(4);
        assertThat(bot.announcements.deliverPending()).isZero();
        // Delivery interrupted and replayed from the start: nobody is queued twice.
        bot.broadcasts.advance(1, new TelegramUserId(1));
        assertThat(bot.announcements.deliverPending()).isZero();

        List<SendText> queued = bot.outbox.all().stream().map(SendText.class::cast).toList();
        assertThat(queued).extracting(message -> message.chatId().value())
                .containsExactlyInAnyOrder(CONFIGURED_ADMIN, MOTHER, FATHER, 3004L);
        assertThat(queued).filteredOn(message -> message.chatId().value() == MOTHER).singleElement()
                .satisfies(message -> assertThat(message.text()).isEqualTo(bot.text(Language.RU,
                        MessageKey.BROADCAST_MESSAGE, "School is closed on <Monday> & Tuesday")));
        Instant fatherDue = bot.outbox.pending(0, 100).stream()
                .filter(message -> message.message().chatId().value() == FATHER).findFirst().orElseThrow()
                .notBefore();
        assertThat(fatherDue).isEqualTo(Instant.parse("2025-03-12T11:00:00Z"));
        assertThat(bot.outbox.pending(0, 100)).filteredOn(message -> message.message().chatId().value() == MOTHER)
                .singleElement().satisfies(message -> assertThat(message.notBefore()).isEqualTo(NOW));
        assertThat(mother.replies).isEmpty();
        assertThat(bot.events.ofType("broadcast.prepared")).hasSize(1);
        assertThat(bot.events.ofType("broadcast.confirmed")).hasSize(1);
        assertThat(bot.events.ofType("broadcast.delivered")).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("recipients", "4"));
    }

    @Test
    void anExportArrivesAsADocumentWithTheRowsReadAndACaption() {
        Chat admin = parent(CONFIGURED_ADMIN, Language.EN);
        bot.exportTable = new OperatorQueries.Table(List.of("order", "amount"),
                List.of(List.of("order-1", 990), List.of("order-2", 250)));

        admin.say("/export payments 7d");

        assertThat(admin.replies).singleElement().isInstanceOfSatisfying(SendDocument.class, document -> {
            assertThat(document.fileName()).isEqualTo("payments-2025-03-05-2025-03-12.tsv");
            assertThat(new String(document.content(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("order\tamount\norder-1\t990\norder-2\t250\n");
            assertThat(document.caption()).isEqualTo(bot.text(Language.EN, MessageKey.EXPORT_CAPTION, "payments",
                    "2025-03-05", "2025-03-12", 2));
        });
        assertThat(bot.events.ofType("admin.exported")).singleElement().satisfies(event -> assertThat(
                event.details()).containsEntry("kind", "payments").containsEntry("rows", "2"));
        admin.say("/export everything");
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.EXPORT_USAGE));
        admin.say("/export events 0d");
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.EXPORT_USAGE));
        admin.say("/export");
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.EXPORT_USAGE));
    }

    @Test
    void aParentGetsTheirDataAsADocumentAndIsForgottenOnlyAfterConfirming() {
        for (Language language : Language.values()) {
            long id = MOTHER + 100L * language.ordinal();
            Chat mother = parent(id, language, AZIZ.id());
            mother.say(bot.label(language, MessageKey.MENU_SETTINGS));

            mother.pressLabel(bot.label(language, MessageKey.BUTTON_MY_DATA));

            assertThat(mother.replies).filteredOn(SendDocument.class::isInstance).singleElement()
                    .isInstanceOfSatisfying(SendDocument.class, document -> {
                        assertThat(document.fileName()).isEqualTo("mentorium-my-data-2025-03-12.tsv");
                        assertThat(new String(document.content(), java.nio.charset.StandardCharsets.UTF_8))
                                .isEqualTo("telegram_user_id\tlanguage\tchildren\n" + id + "\t" + language.code()
                                        + "\t1\n");
                        assertThat(document.caption()).isEqualTo(bot.text(language, MessageKey.MY_DATA_CAPTION));
                    });

            mother.say(bot.label(language, MessageKey.MENU_SETTINGS));
            mother.pressLabel(bot.label(language, MessageKey.BUTTON_FORGET_ME));
            assertThat(mother.lastTexts()).isEqualTo(bot.text(language, MessageKey.FORGET_CONFIRM));
            assertThat(bot.parents.findById(new TelegramUserId(id))).isPresent();
            mother.pressLabel(bot.label(language, MessageKey.BUTTON_CANCEL));
            assertThat(bot.parents.findById(new TelegramUserId(id))).isPresent();

            mother.say(bot.label(language, MessageKey.MENU_SETTINGS));
            mother.pressLabel(bot.label(language, MessageKey.BUTTON_FORGET_ME));
            mother.pressLabel(bot.label(language, MessageKey.BUTTON_FORGET_YES));

            assertThat(mother.lastTexts()).contains(bot.text(language, MessageKey.FORGOTTEN));
            assertThat(bot.parents.findById(new TelegramUserId(id))).isEmpty();
            mother.say("/start");
            // A stranger again: the first /start's language choice.
            assertThat(mother.buttons().map(button -> button.data())).contains(
                    CallbackData.encode(new CallbackData.ChooseStartLanguage(Language.EN)));
        }
        assertThat(bot.events.ofType("parent.data_exported")).hasSize(3);
        assertThat(bot.events.ofType("parent.forgotten")).hasSize(3)
                .allSatisfy(event -> assertThat(event.actor()).isEmpty());
    }

    @Test
    void aCancelledBroadcastIsNeverQueued() {
        Chat admin = parent(CONFIGURED_ADMIN, Language.UZ);
        parent(MOTHER, Language.RU);

        admin.say("/broadcast Test");
        admin.pressLabel(bot.label(Language.UZ, MessageKey.BUTTON_CANCEL));
        admin.press(CallbackData.encode(new CallbackData.ConfirmBroadcast(1)));

        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.UZ, MessageKey.BROADCAST_ALREADY_DECIDED, "1"));
        assertThat(bot.announcements.deliverPending()).isZero();
        assertThat(bot.outbox.all()).isEmpty();
        assertThat(bot.events.ofType("broadcast.cancelled")).extracting(EventLog.Event::actor)
                .containsExactly(Optional.of(new TelegramUserId(CONFIGURED_ADMIN)));
        admin.say("/broadcast " + "x".repeat(3501));
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.UZ, MessageKey.BROADCAST_TOO_LONG, 3501, 3500));
        admin.say("/broadcast   ");
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.UZ, MessageKey.BROADCAST_USAGE));
    }
}
