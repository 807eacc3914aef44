package io.mentorium.application.conversation;

import static io.mentorium.application.conversation.ConversationFixture.AZIZ;
import static io.mentorium.application.conversation.ConversationFixture.KARIMOVA_EMAIL;
import static io.mentorium.application.conversation.ConversationFixture.MALIKA;
import static io.mentorium.application.conversation.ConversationFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.conversation.ConversationFixture.Chat;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.ReportHistory.Content;
import io.mentorium.application.port.out.ReportHistory.Figures;
import io.mentorium.application.port.out.ReportHistory.SentReport;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.report.ReportMetrics;
import io.mentorium.domain.report.ReportPeriod;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PastReportsConversationTest {

    private static final TelegramUserId PARENT = new TelegramUserId(1001);
    private static final TelegramUserId OTHER = new TelegramUserId(1002);
    private static final ReportPeriod WEEK_OF_24TH = ReportPeriod.weekContaining(LocalDate.of(2025, 2, 24));
    private static final ReportPeriod WEEK_OF_3RD = ReportPeriod.weekContaining(LocalDate.of(2025, 3, 3));
    private static final ReportPeriod FEBRUARY = ReportPeriod.monthContaining(LocalDate.of(2025, 2, 1));

    private final ConversationFixture bot = new ConversationFixture();

    private Chat parentWith(Language language, LearnerId... children) {
        Parent parent = Parent.register(PARENT, new ChatId(PARENT.value()), language, ParentRole.PARENT,
                NOW.minus(Duration.ofDays(30)));
        for (LearnerId child : children) {
            parent.link(child, new Email(KARIMOVA_EMAIL), NOW.minus(Duration.ofDays(20)));
        }
        bot.parents.save(parent);
        return bot.chat(PARENT.value(), language.code());
    }

    private void sent(TelegramUserId parent, LearnerId learner, String name, ReportPeriod period, int daysAgo,
                      String text) {
        Content content = new Content(name, new Figures(ReportMetrics.EMPTY, ReportMetrics.EMPTY, 0), text);
        bot.history.markSent(new SentReport(parent, learner, period, NOW.minus(Duration.ofDays(daysAgo)),
                Optional.of(content)));
    }

    @Test
    void theProgressReportLeadsToThePastReportsWhichOpenAsTheyWereSent() {
        Chat chat = parentWith(Language.EN, AZIZ.id(), MALIKA.id());
        sent(PARENT, AZIZ.id(), "Aziz Karimov", WEEK_OF_24TH, 9, "Aziz, the week of 24 February");
        sent(PARENT, AZIZ.id(), "Aziz Karimov", FEBRUARY, 8, "Aziz, February");
        sent(PARENT, MALIKA.id(), "Malika Karimova", WEEK_OF_3RD, 1, "Malika, the week of 3 March");
        sent(PARENT, AZIZ.id(), "Aziz Karimov", WEEK_OF_3RD, 1, "Aziz, the week of 3 March");
        // Recorded before texts were kept: nothing to show.
        bot.history.markSent(new SentReport(PARENT, AZIZ.id(), WEEK_OF_3RD.previous().previous(),
                NOW.minus(Duration.ofDays(16))));
        sent(OTHER, AZIZ.id(), "Aziz Karimov", WEEK_OF_3RD, 1, "someone else's report");

        chat.say(bot.label(Language.EN, MessageKey.MENU_REPORT));
        Button pastButton = chat.button(button -> button.label().equals(
                bot.label(Language.EN, MessageKey.BUTTON_PAST_REPORTS)));

        chat.press(pastButton.data());

        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.PAST_REPORTS_TITLE));
        assertThat(chat.buttons().map(Button::label)).hasSize(4).containsExactlyInAnyOrder(
                "Malika Karimova: week 3 March–9 March", "Aziz Karimov: week 3 March–9 March",
                "Aziz Karimov: month 1 February–28 February", "Aziz Karimov: week 24 February–2 March");
        assertThat(chat.buttons().map(Button::label).toList().subList(2, 4)).containsExactly(
                "Aziz Karimov: month 1 February–28 February", "Aziz Karimov: week 24 February–2 March");
        assertThat(chat.buttons()).allSatisfy(button ->
                assertThat(button.data().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64));

        chat.pressLabel("Aziz Karimov: month 1 February–28 February");
        assertThat(chat.replies).filteredOn(SendText.class::isInstance).singleElement()
                .satisfies(reply -> assertThat(((SendText) reply).text()).isEqualTo("Aziz, February"));

        chat.press(pastButton.data());
        chat.pressLabel("Malika Karimova: week 3 March–9 March");
        assertThat(chat.lastTexts()).isEqualTo("Malika, the week of 3 March");
    }

    @Test
    void aParentOpensOnlyTheirOwnReports() {
        Chat chat = parentWith(Language.RU, AZIZ.id());
        sent(OTHER, AZIZ.id(), "Aziz Karimov", WEEK_OF_3RD, 1, "someone else's report");

        // The very button the other parent has.
        chat.press(CallbackData.encode(new CallbackData.OpenPastReport(WEEK_OF_3RD, LearnerRef.of(AZIZ.id()))));

        assertThat(chat.lastTexts()).isEmpty();
        assertThat(chat.callbackAnswers()).singleElement().satisfies(answer -> assertThat(answer.notice())
                .contains(bot.label(Language.RU, MessageKey.PAST_REPORT_GONE)));
    }

    @Test
    void withoutPastReportsTheListSaysWhereTheyWillComeFrom() {
        Chat chat = parentWith(Language.UZ, AZIZ.id());

        chat.press(CallbackData.encode(new CallbackData.ShowPastReports()));

        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.UZ, MessageKey.PAST_REPORTS_NONE));
    }
}
