package io.mentorium.application.conversation;

import static io.mentorium.application.conversation.ConversationFixture.AZIZ;
import static io.mentorium.application.conversation.ConversationFixture.KARIMOVA_EMAIL;
import static io.mentorium.application.conversation.ConversationFixture.MALIKA;
import static io.mentorium.application.conversation.ConversationFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.conversation.ConversationFixture.Chat;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.ActivityKind;
import io.mentorium.domain.learner.Course;
import io.mentorium.domain.learner.CourseId;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.report.Report;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.report.ReportPeriod;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReportConversationTest {

    private static final Course MATH = new Course(new CourseId("math-7"), "Algebra <7> & more", "math");

    private final ConversationFixture bot = new ConversationFixture();
    private final ReportText reportText = new ReportText(bot.messages);

    private Chat parentWith(Language language, LearnerId... children) {
        Parent parent = Parent.register(new TelegramUserId(1001), new ChatId(1001), language, ParentRole.PARENT,
                NOW.minus(Duration.ofDays(3)));
        for (LearnerId child : children) {
            parent.link(child, new Email(KARIMOVA_EMAIL), NOW.minus(Duration.ofDays(2)));
        }
        bot.parents.save(parent);
        return bot.chat(1001, language.code());
    }

    private static ActivityFact fact(long id, ActivityKind kind, String title, OptionalDouble score, int minutes,
                                     String at) {
        return new ActivityFact(id, AZIZ.id(), Optional.of(MATH.id()), kind, title, score, minutes * 60,
                Instant.parse(at));
    }

    /** This week (from Monday the 10th): a lesson and a quiz; last week's first three days: one short lesson. */
    private void azizStudied() {
        bot.platform
                .activity(fact(1, ActivityKind.LESSON_COMPLETED, "Lesson 4", OptionalDouble.empty(), 30,
                        "2025-03-10T12:00:00Z"))
                .activity(fact(2, ActivityKind.QUIZ_COMPLETED, "Quiz <fractions>", OptionalDouble.of(95), 40,
                        "2025-03-11T12:00:00Z"))
                .activity(fact(3, ActivityKind.LESSON_COMPLETED, "Lesson 3", OptionalDouble.empty(), 20,
                        "2025-03-03T12:00:00Z"))
                .enrollment(new Enrollment(AZIZ.id(), MATH, Instant.parse("2025-01-10T00:00:00Z"), 40));
    }

    @Test
    void theProgressReportShowsEachChildsRealFigures() {
        azizStudied();
        Chat chat = parentWith(Language.EN, AZIZ.id(), MALIKA.id());

        chat.say(bot.label(Language.EN, MessageKey.MENU_REPORT));

        assertThat(chat.replies).hasSize(2);
        String aziz = ((SendText) chat.replies.get(0)).text();
        assertThat(aziz).contains(
                "📊 <b>Aziz Karimov</b>: the week of 10 March to 12 March",
                "<i>More study time than last week: great progress!</i>",
                "Lessons completed: <b>1</b> (=)",
                "Study time: <b>1 h 10 min</b> (▲ 50 min)",
                "Active days: <b>2</b> of 3 (▲ 1)",
                "Days in a row: <b>2</b>",
                "Average score: <b>95</b>\n",
                "• Top score of 95 in “Quiz &lt;fractions&gt;”",
                "• Algebra &lt;7&gt; &amp; more: 40% done, activities: 2, average score: 95");
        assertThat(aziz.indexOf("What went well")).isLessThan(aziz.indexOf("Tips"));
        String malika = ((SendText) chat.replies.get(1)).text();
        assertThat(malika).contains("<b>Malika Karimova</b>", "<i>No activity on the platform this week yet.</i>",
                "Lessons completed: <b>0</b>\n", bot.text(Language.EN, MessageKey.SUGGEST_START));
    }

    @Test
    void theReportIsWrittenInTheParentsLanguage() {
        azizStudied();
        Chat chat = parentWith(Language.RU, AZIZ.id());

        chat.say(bot.label(Language.RU, MessageKey.MENU_REPORT));

        assertThat(chat.lastTexts()).contains("неделя с 10 марта по 12 марта", "Пройдено уроков: <b>1</b> (=)",
                "Время занятий: <b>1 ч 10 мин</b> (▲ 50 мин)", "Лучший результат — «Quiz &lt;fractions&gt;»: 95 из 100");
    }

    @Test
    void withoutChildrenTheReportSaysHowToAddOne() {
        Chat chat = parentWith(Language.EN);

        chat.say(bot.label(Language.EN, MessageKey.MENU_REPORT));

        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.REPORT_NO_CHILDREN));
        assertThat(chat.buttons().map(Button::label)).containsExactly(bot.label(Language.EN,
                MessageKey.BUTTON_ADD_CHILD));
    }

    @Test
    void aChildThePlatformNoLongerHasGetsANoticeInsteadOfAReport() {
        Chat chat = parentWith(Language.EN, new LearnerId("L-GONE"), new LearnerId("L-GONE-TOO"), AZIZ.id());

        chat.say(bot.label(Language.EN, MessageKey.MENU_REPORT));

        assertThat(chat.replies).hasSize(2);
        assertThat(((SendText) chat.replies.get(0)).text())
                .isEqualTo(bot.text(Language.EN, MessageKey.REPORT_LEARNER_UNAVAILABLE));
        assertThat(((SendText) chat.replies.get(1)).text()).contains("Aziz Karimov");
    }

    @Test
    void aReportWithoutLastPeriodHasNoTrendsAndNoDanglingSpaces() {
        bot.platform.activity(fact(1, ActivityKind.PRACTICE, "Practice", OptionalDouble.of(40), 5,
                "2025-03-10T12:00:00Z"));
        Report report = Report.compose(AZIZ, ReportPeriod.weekContaining(LocalDate.of(2025, 3, 12)),
                bot.platform.activities(List.of(AZIZ.id()), Report.factsWindow(ReportPeriod.weekContaining(
                        LocalDate.of(2025, 3, 12)))), List.of(), NOW);

        String text = reportText.render(report, Language.EN);

        assertThat(text).contains("<i>Days with activity this week: 1.</i>", "Study time: <b>5 min</b>\n",
                "Average score: <b>40</b>\n", "Studied on 1 of 3 days").doesNotContain("▲", "▼", "(=)", " \n");
        // No noun after the day count in Russian: "из 31 дней" would be wrong, and months have 31 days.
        assertThat(reportText.render(report, Language.RU)).contains("Дни с занятиями: 1 из 3.");
    }

    @Test
    void aReportStaysWithinOneMessageWhateverThePlatformSends() {
        List<Enrollment> enrollments = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Course course = new Course(new CourseId("c" + i), "&<>".repeat(300), "x");
            enrollments.add(new Enrollment(AZIZ.id(), course, NOW.minus(Duration.ofDays(30)), 50));
        }
        List<ActivityFact> facts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            facts.add(new ActivityFact(i, AZIZ.id(), Optional.of(new CourseId("c" + i)), ActivityKind.QUIZ_COMPLETED,
                    "&".repeat(5_000), OptionalDouble.of(i % 2 == 0 ? 99 : 10), 60, NOW.minus(Duration.ofHours(i))));
        }
        Report report = Report.compose(AZIZ, ReportPeriod.monthContaining(LocalDate.of(2025, 3, 12)), facts,
                enrollments, NOW);

        for (Language language : Language.values()) {
            String text = reportText.render(report, language);

            assertThat(text.length()).isLessThanOrEqualTo(Messenger.MAX_TEXT_LENGTH);
            // A hundred low-scored courses: three tips shown; the course list itself no longer fits and is dropped.
            assertThat(text).contains(bot.text(language, MessageKey.MORE_ITEMS, 97))
                    .doesNotContain(bot.text(language, MessageKey.REPORT_COURSES_TITLE));
        }
        assertThat(reportText.render(report, Language.EN)).contains("the month of 1 March to 12 March");
    }
}
