package io.mentorium.application.conversation;

import static io.mentorium.application.conversation.ConversationFixture.AZIZ;
import static io.mentorium.application.conversation.ConversationFixture.KARIMOVA_EMAIL;
import static io.mentorium.application.conversation.ConversationFixture.MALIKA;
import static io.mentorium.application.conversation.ConversationFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.conversation.ConversationFixture.Chat;
import io.mentorium.application.port.out.ConversationStore.Conversation;
import io.mentorium.application.port.out.Messenger.AnswerCallback;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.EditText;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.NotificationPreferences;
import io.mentorium.domain.notification.QuietHours;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChildrenAndSettingsConversationTest {

    private final ConversationFixture bot = new ConversationFixture();
    private Chat chat;

    /** A parent speaking English with Aziz and Malika linked. */
    @BeforeEach
    void parentWithTwoChildren() {
        Parent parent = Parent.register(new TelegramUserId(1001), new ChatId(1001), Language.EN, ParentRole.PARENT,
                NOW.minus(Duration.ofDays(3)));
        parent.link(AZIZ.id(), new Email(KARIMOVA_EMAIL), NOW.minus(Duration.ofDays(2)));
        parent.link(MALIKA.id(), new Email(KARIMOVA_EMAIL), NOW.minus(Duration.ofDays(1)));
        bot.parents.save(parent);
        chat = bot.chat(1001, "en");
    }

    private Parent parent() {
        return bot.parent(chat).orElseThrow();
    }

    private NotificationPreferences preferences() {
        return parent().preferences();
    }

    private String label(MessageKey key, Object... arguments) {
        return bot.label(Language.EN, key, arguments);
    }

    private String text(MessageKey key, Object... arguments) {
        return bot.text(Language.EN, key, arguments);
    }

    // --- My children ---------------------------------------------------------------------------------------------

    @Test
    void myChildrenListsEveryChildWithGradeAndLinkDate() {
        chat.say(label(MessageKey.MENU_CHILDREN));

        assertThat(chat.lastTexts()).isEqualTo(String.join("\n", text(MessageKey.CHILDREN_TITLE),
                "1. <b>Aziz Karimov</b>, grade 7, linked on 10 March 2025",
                "2. <b>Malika Karimova</b>, grade 4, linked on 11 March 2025"));
        assertThat(chat.buttons().map(Button::label)).containsExactly(label(MessageKey.BUTTON_UNLINK, "Aziz"),
                label(MessageKey.BUTTON_UNLINK, "Malika"), label(MessageKey.BUTTON_ADD_CHILD));
    }

    @Test
    void unlinkingAsksForConfirmationAndYesUnlinks() {
        chat.say(label(MessageKey.MENU_CHILDREN));
        chat.pressLabel(label(MessageKey.BUTTON_UNLINK, "Aziz"));

        assertThat(parent().learnerIds()).containsExactly(AZIZ.id(), MALIKA.id());
        assertThat(chat.replies.get(1)).isInstanceOf(EditText.class);
        assertThat(chat.lastTexts()).isEqualTo(text(MessageKey.CONFIRM_UNLINK,
                new Markup("<b>Aziz Karimov</b>, grade 7")));

        chat.pressLabel(label(MessageKey.BUTTON_UNLINK_YES));

        assertThat(parent().learnerIds()).containsExactly(MALIKA.id());
        assertThat(chat.lastTexts()).startsWith(text(MessageKey.CHILD_UNLINKED,
                new Markup("<b>Aziz Karimov</b>, grade 7"))).contains("Malika Karimova").doesNotContain("1. <b>Aziz");
        assertThat(bot.events.ofType("learner.unlinked")).hasSize(1);
    }

    @Test
    void answeringNoKeepsTheChild() {
        chat.say(label(MessageKey.MENU_CHILDREN));
        chat.pressLabel(label(MessageKey.BUTTON_UNLINK, "Malika"));

        chat.pressLabel(label(MessageKey.BUTTON_UNLINK_NO));

        assertThat(parent().learnerIds()).containsExactly(AZIZ.id(), MALIKA.id());
        assertThat(chat.lastTexts()).contains("Aziz Karimov", "Malika Karimova");
    }

    @Test
    void anUnlinkButtonForAChildNoLongerLinkedIsStale() {
        chat.say(label(MessageKey.MENU_CHILDREN));
        chat.pressLabel(label(MessageKey.BUTTON_UNLINK, "Aziz"));
        String yes = chat.button(button -> button.label().equals(label(MessageKey.BUTTON_UNLINK_YES))).data();
        chat.press(yes);

        chat.press(yes);

        assertThat(chat.replies).containsExactly(new AnswerCallback(chat.sender.chatId(), "cb-3",
                Optional.of(label(MessageKey.STALE_BUTTON))));
        assertThat(parent().learnerIds()).containsExactly(MALIKA.id());
        chat.press(CallbackData.encode(new CallbackData.AskUnlink(LearnerRef.of(AZIZ.id()))));
        assertThat(chat.callbackAnswers()).extracting(AnswerCallback::notice)
                .containsExactly(Optional.of(label(MessageKey.STALE_BUTTON)));
    }

    @Test
    void withoutChildrenTheListSaysSoAndOffersToAddOne() {
        Chat lonely = bot.chat(3001, "en");
        lonely.say("/start");
        lonely.pressLabel("✅ English");
        lonely.say("/cancel");

        lonely.say(label(MessageKey.MENU_CHILDREN));

        assertThat(lonely.lastTexts()).isEqualTo(text(MessageKey.NO_CHILDREN));
        assertThat(lonely.buttons().map(Button::label)).containsExactly(label(MessageKey.BUTTON_ADD_CHILD));
    }

    // --- Settings ------------------------------------------------------------------------------------------------

    @Test
    void settingsShowTheCurrentChoices() {
        chat.say(label(MessageKey.MENU_SETTINGS));

        assertThat(chat.lastTexts()).isEqualTo(text(MessageKey.SETTINGS_TITLE, "English", "22:00–08:00",
                label(MessageKey.REPORTS_BOTH)));
        assertThat(chat.buttons()).hasSize(6);
        assertThat(chat.buttons().skip(4).map(Button::data)).containsExactly(
                CallbackData.encode(new CallbackData.ExportMyData()), CallbackData.encode(new CallbackData.AskForget()));
    }

    @Test
    void aNotificationKindIsSwitchedOffAndOnInPlace() {
        chat.say(label(MessageKey.MENU_SETTINGS));
        chat.pressLabel(label(MessageKey.BUTTON_SETTINGS_NOTIFICATIONS));

        chat.pressLabel(label(MessageKey.TOGGLE_ON, label(MessageKey.NOTIFICATION_MISSED_DAYS)));

        assertThat(preferences().isEnabled(NotificationKind.MISSED_DAYS)).isFalse();
        assertThat(chat.callbackAnswers()).extracting(AnswerCallback::notice)
                .containsExactly(Optional.of(label(MessageKey.SAVED)));
        assertThat(chat.replies.get(1)).isInstanceOfSatisfying(EditText.class,
                edit -> assertThat(edit.messageId()).isEqualTo(77));
        assertThat(chat.buttons().map(Button::label))
                .contains(label(MessageKey.TOGGLE_OFF, label(MessageKey.NOTIFICATION_MISSED_DAYS)));

        chat.pressLabel(label(MessageKey.TOGGLE_OFF, label(MessageKey.NOTIFICATION_MISSED_DAYS)));

        assertThat(preferences().isEnabled(NotificationKind.MISSED_DAYS)).isTrue();
    }

    @Test
    void systemMessagesCannotBeSwitchedOffAndThePressIsAnsweredPolitely() {
        chat.say(label(MessageKey.MENU_SETTINGS));
        chat.pressLabel(label(MessageKey.BUTTON_SETTINGS_NOTIFICATIONS));
        NotificationPreferences before = preferences();

        chat.pressLabel(label(MessageKey.TOGGLE_LOCKED, label(MessageKey.NOTIFICATION_SYSTEM)));

        assertThat(chat.replies).containsExactly(new AnswerCallback(chat.sender.chatId(), "cb-2",
                Optional.of(label(MessageKey.SYSTEM_ALWAYS_ON))));
        assertThat(preferences()).isEqualTo(before);
    }

    @Test
    void quietHoursAreChosenFromAPreset() {
        chat.say(label(MessageKey.MENU_SETTINGS));
        chat.pressLabel(label(MessageKey.BUTTON_SETTINGS_QUIET_HOURS));
        assertThat(chat.buttons().map(Button::label)).contains(label(MessageKey.BUTTON_SELECTED, "22:00–08:00"),
                "23:00–07:00", label(MessageKey.BUTTON_QUIET_HOURS_OFF));

        chat.pressLabel("23:00–07:00");
        assertThat(preferences().quietHours()).contains(new QuietHours(LocalTime.of(23, 0), LocalTime.of(7, 0)));
        assertThat(bot.state(chat)).as("the typed-hours step ends with the choice").isEmpty();

        chat.pressLabel(label(MessageKey.BUTTON_QUIET_HOURS_OFF));
        assertThat(preferences().quietHours()).isEmpty();
        assertThat(chat.lastTexts()).isEqualTo(text(MessageKey.SETTINGS_QUIET_HOURS, label(MessageKey.QUIET_HOURS_OFF)));
    }

    @Test
    void quietHoursMayBeTypedWhileTheirScreenIsOpen() {
        chat.say(label(MessageKey.MENU_SETTINGS));
        chat.pressLabel(label(MessageKey.BUTTON_SETTINGS_QUIET_HOURS));

        chat.say(" 7.30 – 9:15 ");

        assertThat(preferences().quietHours()).contains(new QuietHours(LocalTime.of(7, 30), LocalTime.of(9, 15)));
        assertThat(chat.lastTexts()).isEqualTo(text(MessageKey.QUIET_HOURS_SET, "07:30–09:15"));
        assertThat(bot.state(chat)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {"10pm to 7am|22:00–07:00", "from 11pm till 6:30am|23:00–06:30",
            "22-7|22:00–07:00", "с 23 до 7|23:00–07:00", "после 21:00|21:00–08:00", "soat 21 dan keyin|21:00–08:00",
            "from 11 pm to 7 am|23:00–07:00", "23:00 dan 07:00 gacha|23:00–07:00"})
    void quietHoursMayBeTypedInWordsAsTheAssistantReadsThem(String typed, String set) {
        chat.say(label(MessageKey.MENU_SETTINGS));
        chat.pressLabel(label(MessageKey.BUTTON_SETTINGS_QUIET_HOURS));

        chat.say(typed);

        assertThat(chat.lastTexts()).isEqualTo(text(MessageKey.QUIET_HOURS_SET, set));
        assertThat(preferences().quietHours()).map(hours -> QuietHoursText.time(hours.start()) + "–"
                + QuietHoursText.time(hours.end())).contains(set);
        assertThat(bot.state(chat)).isEmpty();
    }

    @Test
    void malformedTypedQuietHoursAreRefusedAndTheScreenStaysOpen() {
        chat.say(label(MessageKey.MENU_SETTINGS));
        chat.pressLabel(label(MessageKey.BUTTON_SETTINGS_QUIET_HOURS));
        Optional<QuietHours> before = preferences().quietHours();

        for (String typed : List.of("25:00-07:00", "22:00-22:00", "10pm to 10pm", "22:00", "22:0-07:00", "",
                "noon to midnight")) {
            chat.say(typed);

            assertThat(chat.lastTexts()).as(typed).isEqualTo(text(MessageKey.INVALID_QUIET_HOURS));
            assertThat(preferences().quietHours()).isEqualTo(before);
            assertThat(bot.state(chat)).map(Conversation::step).contains("quiet-hours");
        }
        chat.sticker();
        assertThat(chat.lastTexts()).isEqualTo(text(MessageKey.PLEASE_TYPE_QUIET_HOURS));
    }

    @Test
    void hoursTypedWhenTheQuietHoursScreenIsClosedAreNotReadAsQuietHours() {
        chat.say(label(MessageKey.MENU_SETTINGS));
        chat.pressLabel(label(MessageKey.BUTTON_SETTINGS_QUIET_HOURS));
        chat.pressLabel(label(MessageKey.BUTTON_BACK));

        chat.say("21:00-06:00");

        assertThat(chat.lastTexts()).as("a question to the assistant, answered later").isEmpty();
        assertThat(bot.assistant.questions).containsExactly("21:00-06:00");
        assertThat(preferences().quietHours()).contains(QuietHours.DEFAULT);
    }

    @Test
    void reportsAreSwitchedOnAndOff() {
        chat.say(label(MessageKey.MENU_SETTINGS));
        chat.pressLabel(label(MessageKey.BUTTON_SETTINGS_REPORTS));

        chat.pressLabel(label(MessageKey.TOGGLE_ON, label(MessageKey.BUTTON_REPORT_MONTHLY)));
        assertThat(preferences().receives(ReportKind.MONTHLY)).isFalse();
        assertThat(preferences().receives(ReportKind.WEEKLY)).isTrue();

        chat.pressLabel(label(MessageKey.BUTTON_BACK));
        assertThat(chat.lastTexts()).contains(label(MessageKey.REPORTS_WEEKLY_ONLY));
    }

    @Test
    void aDoubleTapOnAToggleDoesNotUndoIt() {
        chat.say(label(MessageKey.MENU_SETTINGS));
        chat.pressLabel(label(MessageKey.BUTTON_SETTINGS_REPORTS));
        String off = chat.button(button -> button.label().equals(label(MessageKey.TOGGLE_ON,
                label(MessageKey.BUTTON_REPORT_WEEKLY)))).data();

        chat.press(off);
        chat.press(off);

        assertThat(preferences().receives(ReportKind.WEEKLY)).isFalse();
    }

    @Test
    void switchingTheLanguageResendsTheMenuKeyboardAndLaterTextsFollow() {
        chat.say(label(MessageKey.MENU_SETTINGS));
        chat.pressLabel(label(MessageKey.BUTTON_SETTINGS_LANGUAGE));
        assertThat(chat.buttons().map(Button::label)).contains("✅ English", "Русский", "Oʻzbekcha");

        chat.pressLabel("Русский");

        assertThat(parent().language()).isEqualTo(Language.RU);
        assertThat(chat.callbackAnswers()).extracting(AnswerCallback::notice)
                .containsExactly(Optional.of(bot.label(Language.RU, MessageKey.SAVED)));
        assertThat(chat.replies.get(1)).isInstanceOf(EditText.class);
        assertThat(chat.lastTexts()).contains("Настройки", bot.text(Language.RU, MessageKey.LANGUAGE_SWITCHED));
        SendText switched = (SendText) chat.replies.get(2);
        assertThat(switched.keyboard()).isInstanceOfSatisfying(Keyboard.Reply.class, keyboard ->
                assertThat(keyboard.rows().getFirst()).containsExactly("👧 Мои дети", "📊 Отчёт об успехах"));

        // The English keyboard may still be on screen: its keys keep working, now answered in Russian.
        chat.say(label(MessageKey.MENU_HELP));
        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.RU, MessageKey.HELP));
        chat.say("/cancel");
        assertThat(chat.lastTexts()).isEqualTo("Отменять нечего. Вот главное меню.");
    }

    @Test
    void everyMenuKeyIsRecognisedInEveryLanguageButOnlyByExactLabel() {
        for (Language language : Language.values()) {
            chat.say(" " + bot.label(language, MessageKey.MENU_SUBSCRIPTION) + "\n");
            assertThat(chat.lastTexts()).startsWith(text(MessageKey.SUBSCRIPTION_SCREEN, Markup.EMPTY, Markup.EMPTY, Markup.EMPTY)
                    .substring(0, 20));
        }
        chat.say(label(MessageKey.MENU_SUBSCRIPTION) + " please");
        chat.say(label(MessageKey.MENU_SUBSCRIPTION).substring(0, 5));
        assertThat(bot.assistant.questions).as("near-misses of a key are questions to the assistant")
                .containsExactly(label(MessageKey.MENU_SUBSCRIPTION) + " please",
                        label(MessageKey.MENU_SUBSCRIPTION).substring(0, 5).strip());
    }

    @Test
    void theAssistantKeyExplainsHowToAskAndTheSubscriptionKeyShowsThePlans() {
        chat.say(label(MessageKey.MENU_ASSISTANT));
        assertThat(chat.lastTexts()).isEqualTo(text(MessageKey.ASSISTANT_INTRO));
        assertThat(bot.assistant.questions).isEmpty();

        chat.say(label(MessageKey.MENU_SUBSCRIPTION));
        assertThat(chat.lastTexts()).contains("1 month: 99,000 UZS or 250 ⭐", "3 months: 249,000 UZS or 600 ⭐",
                "1 year: 899,000 UZS or 2,000 ⭐");
    }
}
