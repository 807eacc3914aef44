package io.mentorium.application.conversation;

import static io.mentorium.application.conversation.ConversationFixture.AZIZ;
import static io.mentorium.application.conversation.ConversationFixture.CONFIGURED_ADMIN;
import static io.mentorium.application.conversation.ConversationFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.conversation.ConversationFixture.Chat;
import io.mentorium.application.port.in.ContactSupport;
import io.mentorium.application.port.out.ConversationStore.Conversation;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.staff.StaffRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SupportConversationTest {

    private static final long MOTHER = 4001;
    private static final long HELPER = 4003;
    private static final String QUESTION = "Оплатил <b>Click</b>, доступа нет. Заказ 7";

    private final ConversationFixture bot = new ConversationFixture();

    private Chat person(long id, Language language, LearnerId... children) {
        return bot.registered(id, language, children);
    }

    private String step(Chat chat) {
        return bot.state(chat).map(Conversation::step).orElse("none");
    }

    private static List<SendText> to(List<Outgoing> replies, long chatId) {
        return replies.stream().filter(SendText.class::isInstance).map(SendText.class::cast)
                .filter(text -> text.chatId().equals(new ChatId(chatId))).toList();
    }

    @Test
    void aParentsMessageReachesEveryOperatorInTheirLanguageWithTheCommandThatAnswersIt() {
        person(CONFIGURED_ADMIN, Language.EN);
        person(HELPER, Language.UZ);
        bot.staffRoles.grant(new TelegramUserId(HELPER), StaffRole.SUPPORT, Optional.empty(), NOW);
        Chat mother = person(MOTHER, Language.RU, AZIZ.id());

        mother.say("/paysupport");
        assertThat(mother.lastTexts()).isEqualTo(bot.text(Language.RU, MessageKey.PAYSUPPORT));
        assertThat(step(mother)).isEqualTo("support");

        List<Outgoing> replies = mother.say(QUESTION);

        // The admin named in the configuration, in English (their language as a parent), and support, in Uzbek.
        assertThat(to(replies, CONFIGURED_ADMIN)).extracting(SendText::text).containsExactly(
                bot.text(Language.EN, MessageKey.SUPPORT_REQUEST, "4001", "Русский", QUESTION));
        assertThat(to(replies, HELPER)).extracting(SendText::text).containsExactly(
                bot.text(Language.UZ, MessageKey.SUPPORT_REQUEST, "4001", "Русский", QUESTION));
        assertThat(to(replies, CONFIGURED_ADMIN).getFirst().text())
                .contains("Оплатил &lt;b&gt;Click&lt;/b&gt;", "/reply 4001");
        assertThat(to(replies, MOTHER)).extracting(SendText::text)
                .containsExactly(bot.text(Language.RU, MessageKey.SUPPORT_SENT));
        assertThat(step(mother)).isEqualTo("none");
        // Who and how much, never what was written.
        assertThat(bot.events.ofType("support.requested")).singleElement().satisfies(event -> {
            assertThat(event.actor()).contains(new TelegramUserId(MOTHER));
            assertThat(event.details()).isEqualTo(Map.of("characters", Integer.toString(QUESTION.length()),
                    "operators", "2"));
        });

        // The next message is a question to the assistant again, not to support.
        mother.say("Как учится Азиз?");
        assertThat(to(mother.replies, CONFIGURED_ADMIN)).isEmpty();
    }

    @Test
    void anOperatorsReplyReachesTheParentInTheParentsLanguage() {
        Chat helper = person(HELPER, Language.EN);
        bot.staffRoles.grant(new TelegramUserId(HELPER), StaffRole.SUPPORT, Optional.empty(), NOW);
        person(MOTHER, Language.UZ, AZIZ.id());

        List<Outgoing> replies = helper.say("/reply 4001   Kirish ochildi, <rahmat>!");

        assertThat(to(replies, MOTHER)).extracting(SendText::text).containsExactly(
                bot.text(Language.UZ, MessageKey.SUPPORT_ANSWER, "Kirish ochildi, <rahmat>!"));
        assertThat(to(replies, HELPER)).extracting(SendText::text).containsExactly(
                bot.text(Language.EN, MessageKey.SUPPORT_REPLIED, "4001"));
        assertThat(bot.events.ofType("support.answered")).extracting(EventLog.Event::actor)
                .containsExactly(Optional.of(new TelegramUserId(HELPER)));
    }

    @Test
    void aReplyWithoutTextOrToSomeoneUnknownSendsNothing() {
        Chat admin = person(CONFIGURED_ADMIN, Language.EN);

        admin.say("/reply 4001");
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.SUPPORT_REPLY_USAGE,
                SupportScreen.MAX_MESSAGE));
        admin.say("/reply someone hello");
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.SUPPORT_REPLY_USAGE,
                SupportScreen.MAX_MESSAGE));
        admin.say("/reply 999999 hello");
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.SUPPORT_REPLY_UNKNOWN, "999999"));
        assertThat(admin.replies).hasSize(1);
        assertThat(bot.events.ofType("support.answered")).isEmpty();
    }

    @Test
    void aParentMayNotReplyAsSupport() {
        Chat mother = person(MOTHER, Language.EN, AZIZ.id());
        person(MOTHER + 1, Language.EN);
        mother.say("/nosuchcommand");
        String unknown = mother.lastTexts();

        mother.say("/reply 4002 your access is open");

        assertThat(mother.lastTexts()).isEqualTo(unknown);
        assertThat(mother.replies).hasSize(1);
    }

    @Test
    void withNobodyToReadItTheParentIsToldAndNothingIsPromised() {
        // The only operator is the one asking.
        Chat admin = person(CONFIGURED_ADMIN, Language.RU);
        admin.say("/paysupport");

        admin.say("Проверка связи");

        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.RU, MessageKey.SUPPORT_UNAVAILABLE));
        assertThat(admin.replies).hasSize(1);
        assertThat(step(admin)).isEqualTo("none");
        assertThat(bot.events.ofType("support.requested")).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("operators", "0"));
    }

    @Test
    void fiveMessagesAnHourReachTheTeamAndASixthIsHeldBack() {
        person(CONFIGURED_ADMIN, Language.EN);
        Chat mother = person(MOTHER, Language.EN, AZIZ.id());
        for (int i = 1; i <= ContactSupport.MAX_PER_HOUR; i++) {
            mother.say("/paysupport");
            mother.say("Still no access, try " + i);
            assertThat(to(mother.replies, CONFIGURED_ADMIN)).as("message %d", i).hasSize(1);
            bot.clock.advance(Duration.ofMinutes(5));
        }

        mother.say("/paysupport");
        mother.say("Hello?");
        assertThat(mother.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.SUPPORT_TOO_MANY,
                ContactSupport.MAX_PER_HOUR));
        assertThat(to(mother.replies, CONFIGURED_ADMIN)).isEmpty();

        // An hour after the first, one more may go.
        bot.clock.advance(Duration.ofMinutes(36));
        mother.say("/paysupport");
        mother.say("Hello again");
        assertThat(to(mother.replies, CONFIGURED_ADMIN)).hasSize(1);
    }

    @Test
    void cancelAStickerOrAnOverlongMessageSendNothingToSupport() {
        person(CONFIGURED_ADMIN, Language.EN);
        Chat mother = person(MOTHER, Language.EN, AZIZ.id());

        mother.say("/paysupport");
        mother.sticker();
        assertThat(mother.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.SUPPORT_ONLY_TEXT));
        mother.say("x".repeat(SupportScreen.MAX_MESSAGE + 1));
        assertThat(mother.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.SUPPORT_TOO_LONG,
                SupportScreen.MAX_MESSAGE));
        assertThat(step(mother)).isEqualTo("support");
        mother.say("/cancel");
        assertThat(step(mother)).isEqualTo("none");
        mother.say("Where is my payment?");

        assertThat(to(mother.replies, CONFIGURED_ADMIN)).isEmpty();
        assertThat(bot.events.ofType("support.requested")).isEmpty();
    }
}
