package io.mentorium.application.conversation;

import static io.mentorium.application.conversation.ConversationFixture.AZIZ;
import static io.mentorium.application.conversation.ConversationFixture.KARIMOVA_EMAIL;
import static io.mentorium.application.conversation.ConversationFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.mentorium.application.conversation.ConversationFixture.Chat;
import io.mentorium.application.port.in.BotCommands.Description;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.out.Messenger.AnswerCallback;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.notification.NotificationKind;
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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GeneralConversationTest {

    private final ConversationFixture bot = new ConversationFixture();

    private Chat parentChat(Language language) {
        Parent parent = Parent.register(new TelegramUserId(1001), new ChatId(1001), language, ParentRole.PARENT,
                NOW.minus(Duration.ofDays(3)));
        parent.link(AZIZ.id(), new Email(KARIMOVA_EMAIL), NOW.minus(Duration.ofDays(2)));
        bot.parents.save(parent);
        return bot.chat(1001, "en");
    }

    // --- a batch of chats' turns ------------------------------------------------------------------------------------

    @Test
    void aBatchReadsAheadTheStatesOfTheChatsWhoseTurnsReadThemAndASingleTurnDoesNot() {
        ChatInput.Sender first = new ChatInput.Sender(new TelegramUserId(1001), new ChatId(1001), Optional.of("en"));
        ChatInput.Sender second = new ChatInput.Sender(new TelegramUserId(1002), new ChatId(1002), Optional.of("ru"));
        ChatInput.Sender leaving = new ChatInput.Sender(new TelegramUserId(1003), new ChatId(1003), Optional.empty());

        bot.conversation.readAhead(List.of(new ChatInput.Command(first, "menu", ""),
                new ChatInput.MembershipChanged(leaving, true), new ChatInput.Text(second, "hello")));
        bot.conversation.readAhead(List.of(new ChatInput.Command(first, "menu", "")));

        assertThat(bot.store.readAheads).containsExactly(List.of(new ChatId(1001), new ChatId(1002)));
    }

    @Test
    void aBatchReadsAheadWhatAskingReadsForTheSendersOfFreeTextOnly() {
        ChatInput.Sender first = new ChatInput.Sender(new TelegramUserId(1001), new ChatId(1001), Optional.of("en"));
        ChatInput.Sender second = new ChatInput.Sender(new TelegramUserId(1002), new ChatId(1002), Optional.of("ru"));
        ChatInput.Sender third = new ChatInput.Sender(new TelegramUserId(1003), new ChatId(1003), Optional.of("uz"));
        ChatInput.Sender fourth = new ChatInput.Sender(new TelegramUserId(1004), new ChatId(1004), Optional.of("en"));

        bot.conversation.readAhead(List.of(new ChatInput.Text(first, "How is Aziz doing?"),
                new ChatInput.Command(second, "menu", ""), new ChatInput.Text(third, "Qalay?"),
                new ChatInput.Text(fourth, bot.text(Language.EN, MessageKey.MENU_REPORT))));
        bot.conversation.readAhead(List.of(new ChatInput.Text(first, "And in maths?"),
                new ChatInput.Command(second, "menu", "")));

        assertThat(bot.assistant.readAheads).as("one question alone is read as it is asked")
                .containsExactly(List.of(new TelegramUserId(1001), new TelegramUserId(1003)));
    }

    @Test
    void aBatchReadsAheadTheStandingOfTheParentsOpeningTheSubscriptionScreen() {
        ChatInput.Sender first = new ChatInput.Sender(new TelegramUserId(1001), new ChatId(1001), Optional.of("en"));
        ChatInput.Sender second = new ChatInput.Sender(new TelegramUserId(1002), new ChatId(1002), Optional.of("ru"));
        ChatInput.Sender third = new ChatInput.Sender(new TelegramUserId(1003), new ChatId(1003), Optional.of("uz"));
        ChatInput.Sender fourth = new ChatInput.Sender(new TelegramUserId(1004), new ChatId(1004), Optional.of("en"));

        String subscription = bot.text(Language.EN, MessageKey.MENU_SUBSCRIPTION);
        bot.conversation.readAhead(List.of(new ChatInput.Text(first, subscription),
                new ChatInput.Command(second, "menu", ""),
                new ChatInput.Text(third, bot.text(Language.UZ, MessageKey.MENU_SUBSCRIPTION)),
                new ChatInput.Text(fourth, bot.text(Language.EN, MessageKey.MENU_REPORT))));
        bot.conversation.readAhead(List.of(new ChatInput.Text(first, subscription),
                new ChatInput.Command(second, "menu", "")));

        List<TelegramUserId> opening = List.of(new TelegramUserId(1001), new TelegramUserId(1003));
        assertThat(bot.subscriptions.readAheads()).as("one parent alone is read as the screen is shown")
                .containsExactly(opening);
        // Neither has paid: their trials are read with the subscriptions.
        assertThat(bot.trials.readAheads()).containsExactly(opening);
    }

    // --- what may wait under a burst ------------------------------------------------------------------------------

    @Test
    void commandsButtonsMenuKeysAndPaymentStepsAreUrgentFreeTextAndStickersAreNot() {
        ChatInput.Sender sender = new ChatInput.Sender(new TelegramUserId(1001), new ChatId(1001), Optional.of("en"));
        for (Language language : Language.values()) {
            for (MessageKey key : List.of(MessageKey.MENU_CHILDREN, MessageKey.MENU_REPORT, MessageKey.MENU_ASSISTANT,
                    MessageKey.MENU_SUBSCRIPTION, MessageKey.MENU_SETTINGS)) {
                assertThat(bot.conversation.urgent(new ChatInput.Text(sender, bot.text(language, key))))
                        .as("%s in %s", key, language).isTrue();
            }
        }
        assertThat(bot.conversation.urgent(new ChatInput.Command(sender, "menu", ""))).isTrue();
        assertThat(bot.conversation.urgent(new ChatInput.ButtonPress(sender, "x", Optional.of("cb"), 7))).isTrue();
        assertThat(bot.conversation.urgent(new ChatInput.PreCheckout(sender, "q", "p", "XTR", 100))).isTrue();
        assertThat(bot.conversation.urgent(new ChatInput.MembershipChanged(sender, true))).isTrue();

        assertThat(bot.conversation.urgent(new ChatInput.Text(sender, "How is Aziz doing in maths?"))).isFalse();
        assertThat(bot.conversation.urgent(new ChatInput.Unsupported(sender, "sticker"))).isFalse();
    }

    // --- strangers -----------------------------------------------------------------------------------------------

    @Test
    void aStrangerSendingAnythingButStartIsShownTheLanguageChoice() {
        Chat stranger = bot.chat(5001, "uz");
        String prompt = bot.text(Language.UZ, MessageKey.CHOOSE_LANGUAGE);

        stranger.say("hello");
        assertThat(stranger.lastTexts()).isEqualTo(prompt);
        stranger.say("/menu");
        assertThat(stranger.lastTexts()).isEqualTo(prompt);
        stranger.sticker();
        assertThat(stranger.lastTexts()).isEqualTo(prompt);
        stranger.say("/start some-deep-link<b>");
        assertThat(stranger.lastTexts()).isEqualTo(prompt);

        assertThat(bot.parents.count()).isZero();
        assertThat(bot.store.saves.get()).isZero();
    }

    @Test
    void aStrangerGetsHelpTermsAndPaymentSupportInTheirLanguage() {
        Chat stranger = bot.chat(5001, "en");

        stranger.say("/help");
        assertThat(stranger.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.HELP));
        stranger.say("/terms");
        assertThat(stranger.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.TERMS));
        // Support answers accounts: a stranger is told how to get one, and nothing waits for their next message.
        stranger.say("/paysupport");
        assertThat(stranger.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.PAYSUPPORT_STRANGER));
        assertThat(bot.store.saves.get()).isZero();
        assertThat(bot.parents.count()).isZero();
    }

    @Test
    void aStrangerPressingAnyOtherButtonGetsAStaleNoticeAndTheLanguageChoice() {
        Chat stranger = bot.chat(5001, "en");

        stranger.press(CallbackData.encode(new CallbackData.SwitchLanguage(Language.RU)));

        assertThat(stranger.replies.getFirst()).isEqualTo(new AnswerCallback(stranger.sender.chatId(), "cb-1",
                Optional.of(bot.label(Language.EN, MessageKey.STALE_BUTTON))));
        assertThat(stranger.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.CHOOSE_LANGUAGE));
        assertThat(bot.parents.count()).isZero();
    }

    // --- commands ------------------------------------------------------------------------------------------------

    @Test
    void startFromARegisteredParentLandsInTheMenuAndIgnoresADeepLink() {
        Chat chat = parentChat(Language.EN);

        chat.say("/start <b>payload</b>&x");

        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.WELCOME_BACK));
        assertThat(chat.replyKeyboard()).isPresent();
        assertThat(bot.parent(chat).orElseThrow().learnerIds()).containsExactly(AZIZ.id());
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void commandsAnswerInTheParentsLanguage(Language language) {
        Chat chat = parentChat(language);

        chat.say("/menu");
        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.MENU_SHOWN));
        chat.say("/help");
        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.HELP));
        chat.say("/terms");
        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.TERMS));
        chat.say("/paysupport");
        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.PAYSUPPORT));
        // The next message would have gone to the support team.
        chat.say("/cancel");
        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.CANCELLED));
        chat.say("/cancel");
        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.NOTHING_TO_CANCEL));
        chat.say("/frobnicate now");
        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.UNKNOWN_COMMAND));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void theMenusShortcutCommandsAnswerAsItsKeysDoAndLeaveAFlow(Language language) {
        Chat chat = parentChat(language);
        Map<String, MessageKey> shortcuts = Map.of("report", MessageKey.MENU_REPORT,
                "children", MessageKey.MENU_CHILDREN, "subscription", MessageKey.MENU_SUBSCRIPTION,
                "settings", MessageKey.MENU_SETTINGS);

        shortcuts.forEach((command, key) -> {
            chat.say(bot.text(language, key));
            String viaKey = chat.lastTexts();
            chat.say("/" + command);
            assertThat(chat.lastTexts()).as(command).isEqualTo(viaKey)
                    .isNotEqualTo(bot.text(language, MessageKey.UNKNOWN_COMMAND));
        });
        chat.say("/paysupport");
        chat.say("/settings");
        chat.say("/cancel");
        assertThat(chat.lastTexts()).as("/settings left the support step")
                .isEqualTo(bot.text(language, MessageKey.NOTHING_TO_CANCEL));
    }

    @Test
    void theCommandListIsDescribedInEachLanguage() {
        for (Language language : Language.values()) {
            List<Description> commands = bot.conversation.describe(language);

            assertThat(commands).extracting(Description::command)
                    .containsExactly("start", "menu", "report", "children", "subscription", "settings", "new", "help",
                            "cancel", "paysupport", "terms");
            assertThat(commands).extracting(Description::description)
                    .doesNotHaveDuplicates()
                    .allSatisfy(description -> assertThat(description).isNotBlank().hasSizeLessThanOrEqualTo(256));
        }
        assertThat(bot.conversation.describe(Language.RU).getFirst().description())
                .isNotEqualTo(bot.conversation.describe(Language.EN).getFirst().description());
    }

    // --- other messages ------------------------------------------------------------------------------------------

    @Test
    void freeTextOutsideAFlowIsAQuestionWhileStickersAndOverlongTextGetAHint() {
        Chat chat = parentChat(Language.EN);

        chat.say("what is this *_[bot]_* <b>&");
        assertThat(chat.lastTexts()).as("the answer comes later, from the assistant").isEmpty();
        assertThat(bot.assistant.questions).containsExactly("what is this *_[bot]_* <b>&");

        chat.sticker();
        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.UNSUPPORTED_INPUT));

        chat.say("z".repeat(10_000));
        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.ASSISTANT_TOO_LONG,
                ConversationService.MAX_QUESTION));
        assertThat(bot.assistant.questions).hasSize(1);
    }

    @Test
    void aMenuTypeInputCostsOneParentLookupAndOneStateLookupAndWritesNothing() {
        Chat chat = parentChat(Language.EN);
        bot.parentLookups.set(0);
        bot.store.reset();

        chat.say(bot.label(Language.EN, MessageKey.MENU_HELP));
        chat.say(bot.label(Language.EN, MessageKey.MENU_SETTINGS));
        chat.say(bot.label(Language.EN, MessageKey.MENU_ASSISTANT));
        chat.say("/menu");

        assertThat(bot.parentLookups.get()).isEqualTo(4);
        assertThat(bot.store.finds.get()).isEqualTo(4);
        assertThat(bot.store.saves.get()).isZero();
        assertThat(bot.store.clears.get()).isZero();
        assertThat(bot.transactions.transactions()).isZero();
    }

    @Test
    void blockingTheBotRecordsTheChatAsUnreachableWithoutAReply() {
        Chat chat = parentChat(Language.EN);

        List<Outgoing> blocked = chat.handle(new ChatInput.MembershipChanged(chat.sender, true));
        List<Outgoing> unblocked = chat.handle(new ChatInput.MembershipChanged(chat.sender, false));

        assertThat(blocked).isEmpty();
        assertThat(unblocked).isEmpty();
        assertThat(bot.blockedChats).containsExactly(chat.sender.chatId());
    }

    @Test
    void aParentWhoBlockedTheBotAndWritesAgainIsReachableAgain() {
        Chat chat = parentChat(Language.EN);
        Parent parent = bot.parent(chat).orElseThrow();
        parent.markBlocked(NOW);
        bot.parents.save(parent);

        chat.say(bot.label(Language.EN, MessageKey.MENU_HELP));

        assertThat(bot.parent(chat).orElseThrow().reachable()).isTrue();
        assertThat(bot.parent(chat).orElseThrow().learnerIds()).containsExactly(AZIZ.id());
    }

    // --- buttons -------------------------------------------------------------------------------------------------

    @Test
    void everyButtonPressGetsExactlyOneCallbackAnswerWhateverItCarries() {
        Chat chat = parentChat(Language.EN);
        List<String> data = List.of("", "garbage", "2:lang:ru", "1:lang:xx", "1:lang:ru:extra", "1:unlink:short",
                "1:unlink:" + "A".repeat(11), "1:notif:system:0", "1:notif:reminder:0", "1:quiet:2500-0700",
                "1:quiet:2200-0700", "1:report:weekly:1", "1:set:home", "1:set:quiet", "1:children", "1:add",
                "1:start:en", "1:child-yes:" + LearnerRef.of(AZIZ.id()), "1:child-no:" + LearnerRef.of(AZIZ.id()),
                CallbackData.encode(new CallbackData.AskUnlink(LearnerRef.of(AZIZ.id()))));

        for (String pressed : data) {
            chat.press(pressed);

            assertThat(chat.callbackAnswers()).as(pressed).hasSize(1);
            assertThat(chat.replies.getFirst()).as(pressed).isInstanceOf(AnswerCallback.class);
        }
    }

    @Test
    void undecodableAndOldVersionDataIsStaleAndChangesNothing() {
        Chat chat = parentChat(Language.EN);
        Parent before = bot.parent(chat).orElseThrow();

        for (String pressed : List.of("2:lang:ru", "1:lang:xx", "nonsense", "1:notif:reminder", "1:quiet:2200")) {
            chat.press(pressed);

            assertThat(chat.replies).as(pressed).containsExactly(new AnswerCallback(chat.sender.chatId(),
                    chat.callbackAnswers().getFirst().callbackQueryId(),
                    Optional.of(bot.label(Language.EN, MessageKey.STALE_BUTTON))));
        }
        assertThat(bot.parent(chat)).contains(before);
    }

    @Test
    void theConsoleHasNoCallbackToAnswer() {
        Chat chat = parentChat(Language.EN);

        List<Outgoing> withoutId = chat.handle(new ChatInput.ButtonPress(chat.sender,
                CallbackData.encode(new CallbackData.OpenSettings(SettingsSection.NOTIFICATIONS)), Optional.empty(),
                0));
        List<Outgoing> withEmptyId = chat.handle(new ChatInput.ButtonPress(chat.sender, "1:set:home",
                Optional.of(""), 0));

        assertThat(withoutId).hasSize(1).first().isInstanceOf(SendText.class);
        assertThat(withEmptyId).hasSize(1).first().isInstanceOf(SendText.class);
    }

    // --- apologies -----------------------------------------------------------------------------------------------

    @Test
    void anApologyIsInTheParentsLanguageAndAnswersAPressedButton() {
        Chat chat = parentChat(Language.UZ);

        List<Outgoing> apology = bot.conversation.apologize(new ChatInput.ButtonPress(chat.sender, "1:add",
                Optional.of("cb-9"), 5));

        assertThat(apology).containsExactly(
                new AnswerCallback(chat.sender.chatId(), "cb-9", Optional.empty()),
                new SendText(chat.sender.chatId(), bot.text(Language.UZ, MessageKey.APOLOGY)));
    }

    @Test
    void anApologyNeverThrowsEvenWhenTheParentCannotBeRead() {
        Chat chat = bot.chat(1001, "ru");
        bot.viewParent = id -> {
            throw new StorageException("database down", new RuntimeException());
        };

        assertThatCode(() -> bot.conversation.apologize(new ChatInput.Text(chat.sender, "x")))
                .doesNotThrowAnyException();
        assertThat(bot.conversation.apologize(new ChatInput.Text(chat.sender, "x")))
                .containsExactly(new SendText(chat.sender.chatId(), bot.text(Language.RU, MessageKey.APOLOGY)));
        assertThat(bot.conversation.apologize(new ChatInput.MembershipChanged(chat.sender, true))).isEmpty();
    }

    @Test
    void settingsTheParentChangedAreShownBack() {
        Chat chat = parentChat(Language.EN);
        Parent parent = bot.parent(chat).orElseThrow();
        parent.changePreferences(parent.preferences()
                .withKind(NotificationKind.ACHIEVEMENT, false)
                .withQuietHours(Optional.of(new QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0))))
                .withReport(ReportKind.WEEKLY, false)
                .withReport(ReportKind.MONTHLY, false));
        bot.parents.save(parent);

        chat.say(bot.label(Language.EN, MessageKey.MENU_SETTINGS));

        assertThat(chat.lastTexts()).contains("21:00–07:00", bot.label(Language.EN, MessageKey.REPORTS_NONE));
    }
}
