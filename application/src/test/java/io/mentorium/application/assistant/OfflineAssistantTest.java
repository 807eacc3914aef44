package io.mentorium.application.assistant;

import static io.mentorium.application.assistant.AssistantRig.MOTHER;
import static io.mentorium.application.assistant.AssistantRig.NEWCOMER;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.AiAssistant.Tool;
import io.mentorium.application.port.out.AiAssistant.ToolBox;
import io.mentorium.application.port.out.AiAssistant.ToolCall;
import io.mentorium.application.port.out.AiAssistant.ToolResult;
import io.mentorium.domain.learner.ActivityKind;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.QuietHours;
import io.mentorium.domain.shared.Language;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OfflineAssistantTest {

    private static final Map<Language, Map<Intent, String>> QUESTIONS = new EnumMap<>(Language.class);

    static {
        QUESTIONS.put(Language.RU, Map.ofEntries(
                Map.entry(Intent.PROGRESS, "Как учится Азиз на этой неделе?"),
                Map.entry(Intent.REPORT, "Покажи недельный отчёт"),
                Map.entry(Intent.STREAK, "Сколько дней подряд занимается Азиз?"),
                Map.entry(Intent.RECENT_ACTIVITY, "Что было у Азиза сегодня?"),
                Map.entry(Intent.WEAKEST_SUBJECT, "Какой предмет у Азиза самый слабый?"),
                Map.entry(Intent.RECOMMENDATIONS, "Что стоит повторить Азизу?"),
                Map.entry(Intent.SUBSCRIPTION, "До какого числа оплачена подписка?"),
                Map.entry(Intent.NOTIFICATIONS, "Отключите напоминания"),
                Map.entry(Intent.QUIET_HOURS, "Не пишите после 21:00"),
                Map.entry(Intent.CHILDREN, "Какие дети привязаны?"),
                Map.entry(Intent.COMPARE, "Кто больше занимался на этой неделе?"),
                Map.entry(Intent.UNKNOWN, "Какая завтра погода?")));
        QUESTIONS.put(Language.UZ, Map.ofEntries(
                Map.entry(Intent.PROGRESS, "Aziz bu hafta qanday o'qiyapti?"),
                Map.entry(Intent.REPORT, "Haftalik hisobotni ko'rsating"),
                Map.entry(Intent.STREAK, "Aziz necha kun ketma-ket shug'ullandi?"),
                Map.entry(Intent.RECENT_ACTIVITY, "Aziz bugun nima qildi?"),
                Map.entry(Intent.WEAKEST_SUBJECT, "Azizning eng zaif fani qaysi?"),
                Map.entry(Intent.RECOMMENDATIONS, "Azizga qanday maslahat berasiz?"),
                Map.entry(Intent.SUBSCRIPTION, "Obunam qachongacha to'langan?"),
                Map.entry(Intent.NOTIFICATIONS, "Eslatmalarni o'chiring"),
                Map.entry(Intent.QUIET_HOURS, "Soat 21 dan keyin yozmang"),
                Map.entry(Intent.CHILDREN, "Qaysi farzandlarim ulangan?"),
                Map.entry(Intent.COMPARE, "Bu hafta kim ko'proq shug'ullandi?"),
                Map.entry(Intent.UNKNOWN, "Ertaga ob-havo qanday?")));
        QUESTIONS.put(Language.EN, Map.ofEntries(
                Map.entry(Intent.PROGRESS, "How is Aziz doing this week?"),
                Map.entry(Intent.REPORT, "Show me the weekly report"),
                Map.entry(Intent.STREAK, "What's Aziz's streak?"),
                Map.entry(Intent.RECENT_ACTIVITY, "What did Aziz do today?"),
                Map.entry(Intent.WEAKEST_SUBJECT, "Which subject is Aziz weakest in?"),
                Map.entry(Intent.RECOMMENDATIONS, "What should Aziz practise?"),
                Map.entry(Intent.SUBSCRIPTION, "Until when is my subscription paid?"),
                Map.entry(Intent.NOTIFICATIONS, "Turn off reminders"),
                Map.entry(Intent.QUIET_HOURS, "Don't write after 9 pm"),
                Map.entry(Intent.CHILDREN, "Which children are linked?"),
                Map.entry(Intent.COMPARE, "Who studied more this week?"),
                Map.entry(Intent.UNKNOWN, "What will the weather be tomorrow?")));
    }

    private final AssistantRig rig = new AssistantRig();
    private final OfflineAssistant assistant = new OfflineAssistant();
    private final RecordingToolBox mother = new RecordingToolBox(rig.forParent(MOTHER));

    /** Passes calls through and remembers them, to show the answers come from the tools. */
    private static final class RecordingToolBox implements ToolBox {

        private final ToolBox inner;
        private final List<ToolCall> calls = new ArrayList<>();

        RecordingToolBox(ToolBox inner) {
            this.inner = inner;
        }

        @Override
        public List<Tool> tools() {
            return inner.tools();
        }

        @Override
        public ToolResult call(ToolCall call) {
            calls.add(call);
            return inner.call(call);
        }
    }

    static Stream<Arguments> everyIntentInEveryLanguage() {
        return Stream.of(Language.values())
                .flatMap(language -> Stream.of(Intent.values()).map(intent -> Arguments.of(language, intent)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyIntentInEveryLanguage")
    void theQuestionsAreRecognisedAsMeant(Language language, Intent intent) {
        assertThat(Intents.recognize(QUESTIONS.get(language).get(intent), List.of("Aziz", "Malika")).intent())
                .isEqualTo(intent);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyIntentInEveryLanguage")
    void answersEachIntentFromTheToolsInTheParentsLanguage(Language language, Intent intent) {
        String answer = assistant.answer(language, QUESTIONS.get(language).get(intent), mother);

        assertThat(answer).isNotBlank().doesNotContain("<b>", "Karimov", "@", "lrn-", "{0}", "child_1");
        assertThat(mother.calls).isNotEmpty()
                .allSatisfy(call -> assertThat(AssistantTools.definitions()).extracting(Tool::name)
                        .contains(call.name()));
        switch (intent) {
            case PROGRESS -> assertThat(answer).contains("Aziz", "70", "40").doesNotContain("Malika");
            case REPORT -> assertThat(answer).contains("Aziz", "Past simple quiz", "Algebra 7", "Malika");
            case STREAK -> assertThat(answer).contains("Aziz", "3").doesNotContain("Malika");
            case RECENT_ACTIVITY -> assertThat(answer).contains("Aziz", "Irregular verbs", "English A2", "25")
                    .doesNotContain("Past simple quiz", "Malika");
            case WEAKEST_SUBJECT -> assertThat(answer).contains("Aziz", "Algebra 7", "60");
            case RECOMMENDATIONS -> assertThat(answer).contains("Aziz", "Algebra 7", "50");
            case SUBSCRIPTION -> assertThat(answer).contains(day(language, LocalDate.of(2025, 4, 1)))
                    .endsWith(assistant.text(language, "subscription_support"));
            case NOTIFICATIONS -> {
                assertThat(rig.parent(MOTHER).preferences().isEnabled(NotificationKind.REMINDER)).isFalse();
                assertThat(rig.parent(MOTHER).preferences().isEnabled(NotificationKind.ACHIEVEMENT)).isTrue();
                assertThat(answer).contains(assistant.text(language, "kind_reminder"));
            }
            case QUIET_HOURS -> {
                assertThat(rig.parent(MOTHER).preferences().quietHours())
                        .contains(new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)));
                assertThat(answer).contains("21:00", "08:00");
            }
            case CHILDREN -> assertThat(answer).contains("Aziz", "Malika", "   – Algebra 7", "40", "English A2");
            case COMPARE -> assertThat(answer).isEqualTo(String.join("\n",
                    assistant.text(language, "compare_title", assistant.text(language, "period_week")),
                    assistant.text(language, "compare_line", "Aziz", 2, 70, 3)
                            + assistant.text(language, "compare_score", 72.5),
                    assistant.text(language, "compare_no_activity", "Malika"),
                    assistant.text(language, "compare_most", "Aziz", 70)));
            case UNKNOWN -> assertThat(answer).isEqualTo(assistant.text(language, "help", "Aziz"))
                    .doesNotContain("{0}");
        }
    }

    private String day(Language language, LocalDate date) {
        return date.format(DateTimeFormatter.ofPattern(OfflineAssistant.load(language).getString("format_day"),
                language.locale()));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aComparisonWithOneChildLinkedOrNamedIsThatChildsProgress(Language language) {
        ToolBox father = rig.forParent(AssistantRig.RASHIDOV);
        String compare = QUESTIONS.get(language).get(Intent.COMPARE);

        assertThat(assistant.answer(language, compare, father))
                .isEqualTo(assistant.text(language, "compare_one_child", "Timur") + "\n\n"
                        + assistant.answer(language, QUESTIONS.get(language).get(Intent.PROGRESS)
                        .replace("Aziz", "Timur").replace("Азиз", "Тимур"), father));
        assertThat(assistant.answer(language, "Compare Aziz with last week", mother))
                .isEqualTo(assistant.answer(language, "How is Aziz doing this week?", mother))
                .doesNotContain("Malika");
    }

    @Test
    void childrenWhoStudiedEquallyLongAreSaidToHaveTheSameTime() {
        // Malika's 70 minutes on Tuesday equal Aziz's week.
        rig.platform.activity(AssistantRig.fact(20, AssistantRig.MALIKA, AssistantRig.ENGLISH,
                ActivityKind.LESSON_COMPLETED, "Reading", null, 4200,
                "2025-03-11T07:00:00Z"));

        String answer = assistant.answer(Language.EN, "Who studied more this week?", mother);

        assertThat(answer).endsWith(assistant.text(Language.EN, "compare_tie", 70))
                .contains(assistant.text(Language.EN, "compare_line", "Malika", 1, 70, 1));
    }

    @Test
    void uzbekInCyrillicComparesToo() {
        assertThat(assistant.answer(Language.UZ, "Болаларимни солиштиринг", mother))
                .isEqualTo(assistant.answer(Language.UZ, "Bolalarimni solishtiring", mother))
                .startsWith(assistant.text(Language.UZ, "compare_title", assistant.text(Language.UZ, "period_week")));
    }

    @Test
    void saysPlainlyWhenThereIsNoActivityAndWhenNoChildIsLinked() {
        assertThat(assistant.answer(Language.EN, "How is Malika doing?", mother))
                .isEqualTo("Malika: no activity on the platform this week so far.");
        ToolBox newcomer = rig.forParent(NEWCOMER);
        for (Language language : Language.values()) {
            assertThat(assistant.answer(language, QUESTIONS.get(language).get(Intent.PROGRESS), newcomer))
                    .isEqualTo(assistant.text(language, "no_children"));
            assertThat(assistant.answer(language, QUESTIONS.get(language).get(Intent.CHILDREN), newcomer))
                    .isEqualTo(assistant.text(language, "no_children"));
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aChildScoredInOneSubjectOnlyIsNotSaidToBeWeakestInIt(Language language) {
        ToolBox father = rig.forParent(AssistantRig.RASHIDOV);
        String question = QUESTIONS.get(language).get(Intent.WEAKEST_SUBJECT).replace("Aziz", "Timur")
                .replace("Азиз", "Тимур");

        String answer = assistant.answer(language, question, father);

        assertThat(answer).isEqualTo(assistant.text(language, "weakest_only", "Timur", "Algebra 7", " (math)", 33,
                assistant.text(language, "period_month")));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void theWeakestSubjectIsNamedByItsCourse(Language language) {
        String answer = assistant.answer(language, QUESTIONS.get(language).get(Intent.WEAKEST_SUBJECT), mother);

        assertThat(answer).isEqualTo(assistant.text(language, "weakest_line", "Aziz", "Algebra 7", " (math)", 60,
                assistant.text(language, "period_month")));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource({"Привет!, RU", "Добрый вечер, RU", "Assalomu alaykum, UZ", "Ассалому алайкум, UZ", "Salom, UZ",
            "Hello, EN", "Good morning!, EN"})
    void aGreetingIsGreetedBackBeforeTheExamples(String greeting, Language language) {
        assertThat(assistant.answer(language, greeting, mother)).isEqualTo(assistant.text(language, "greeting")
                + "\n\n" + assistant.text(language, "help", "Aziz"));
        assertThat(assistant.answer(language, "Hello, how is Aziz doing?", mother)).doesNotStartWith(
                assistant.text(language, "greeting"));
    }

    @Test
    void uzbekInCyrillicGetsTheSameAnswerAsInLatin() {
        assertThat(assistant.answer(Language.UZ, "Азизнинг энг заиф фани қайси?", mother))
                .isEqualTo(assistant.answer(Language.UZ, QUESTIONS.get(Language.UZ).get(Intent.WEAKEST_SUBJECT), mother))
                .contains("Algebra 7");
    }

    @Test
    void aSubjectIsAddedOnlyWhereTheCourseTitleDoesNotNameIt() {
        assertThat(OfflineAssistant.subjectAfter("Algebra 7", "math")).isEqualTo(" (math)");
        assertThat(OfflineAssistant.subjectAfter("Mathematics", "math")).isEmpty();
        assertThat(OfflineAssistant.subjectAfter("Uzbek language", "uzbek")).isEmpty();
        assertThat(OfflineAssistant.subjectAfter("Programming in Python", "programming")).isEmpty();
        assertThat(OfflineAssistant.subjectAfter("Algebra 7", " ")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aQuestionAboutSomeoneElsesChildSaysSoAndCoversTheLinkedChildren(Language language) {
        String question = switch (language) {
            case RU -> "Как учится Жасур на этой неделе?";
            case UZ -> "Bu hafta Jasur qanday o'qiyapti?";
            case EN -> "How is Jasur doing this week?";
        };

        String answer = assistant.answer(language, question, mother);

        String name = language == Language.RU ? "Жасур" : "Jasur";
        assertThat(answer).startsWith(assistant.text(language, "other_child", name) + "\n\n")
                .contains("Aziz", "Malika");
        assertThat(assistant.answer(language, QUESTIONS.get(language).get(Intent.PROGRESS), mother))
                .startsWith("Aziz");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aParentOnTheFreeTrialIsToldWhenItEnds(Language language) {
        rig.trialEnds.put(NEWCOMER, LocalDate.of(2025, 3, 19).atStartOfDay(ZoneOffset.UTC).toInstant());

        String answer = assistant.answer(language, QUESTIONS.get(language).get(Intent.SUBSCRIPTION),
                rig.forParent(NEWCOMER));

        assertThat(answer).startsWith(assistant.text(language, "subscription_trial",
                day(language, LocalDate.of(2025, 3, 19))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {"RU|Спасибо!", "RU|Спасибо большое, понятно",
            "UZ|Katta rahmat", "UZ|Rahmat, tushunarli", "EN|Thanks!", "EN|Thank you so much"})
    void aThankYouIsAnsweredKindlyNotWithTheExamples(Language language, String thanks) {
        assertThat(assistant.answer(language, thanks, mother)).isEqualTo(assistant.text(language, "thanks"));
    }

    @Test
    void aThankYouWithAQuestionInItIsTheQuestion() {
        assertThat(assistant.answer(Language.RU, "Спасибо! А как учится Азиз на этой неделе?", mother))
                .startsWith("Aziz");
        assertThat(assistant.answer(Language.EN, "ok", mother)).isEqualTo(assistant.text(Language.EN, "help", "Aziz"));
    }

    @Test
    void aStreakOfOneDayIsNotCalledDays() {
        assertThat(assistant.answer(Language.EN, "What's Aziz's streak?", mother))
                .isEqualTo("Aziz: 3 days in a row of study.");
        assertThat(assistant.text(Language.EN, "streak_line", "Aziz", 1)).isEqualTo("Aziz: 1 day in a row of study.");
        assertThat(assistant.text(Language.EN, "streak_line", "Aziz", 1200))
                .isEqualTo("Aziz: 1,200 days in a row of study.");
    }

    @Test
    void progressWithoutAChildNamedCoversEveryChild() {
        String answer = assistant.answer(Language.RU, "Как успехи на этой неделе?", mother);

        assertThat(answer).contains("Aziz", "Пройдено уроков: 2", "Время занятий: 70 мин", "Средний балл: 72,5",
                "на 40 мин больше", "Дней подряд: 3", "Malika: занятий на платформе на этой неделе пока не было.");
    }

    @Test
    void aSubjectAskedAboutComesFirstWithItsCoursesFiguresThenTheTotals() {
        String answer = assistant.answer(Language.RU, "Как Азиз по математике на этой неделе?", mother);

        assertThat(answer).isEqualTo(String.join("\n",
                assistant.answer(Language.RU, "Как учится Азиз на этой неделе?", mother).lines().findFirst()
                        .orElseThrow(),
                "«Algebra 7» (math): заданий — 2, средний балл — 50 из 100; курс пройден на 40 %.",
                "По всем предметам:",
                String.join("\n", assistant.answer(Language.RU, "Как учится Азиз на этой неделе?", mother).lines()
                        .skip(1).toList())));
        assertThat(assistant.answer(Language.EN, "How is Aziz doing in English?", mother))
                .contains("“English A2”: activities: 2, average score: 95 out of 100; course progress: 75%.")
                .doesNotContain("Algebra 7");
        assertThat(assistant.answer(Language.EN, "How did Aziz do in algebra last week?", mother))
                .contains("last week", "“Algebra 7” (math): activities: 2, average score: 70 out of 100;"
                        + " course progress: 40%.");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aSubjectTheChildTakesNoCourseInIsSaidPlainly(Language language) {
        String question = switch (language) {
            case RU -> "Как Азиз по физике?";
            case UZ -> "Aziz fizikadan qanday oʻqiyapti?";
            case EN -> "How is Aziz doing in physics?";
        };

        String answer = assistant.answer(language, question, mother);

        assertThat(answer).contains(assistant.text(language, "no_course", "Aziz",
                        assistant.text(language, "subject_physics")), assistant.text(language, "all_subjects"))
                .doesNotContain("Algebra 7", "English A2");
        assertThat(assistant.answer(language, question.replace("Aziz", "Malika").replace("Азиз", "Малика"), mother))
                .as("no activity this week, and no such course either")
                .isEqualTo(assistant.text(language, "no_course", "Malika", assistant.text(language, "subject_physics"))
                        + "\n" + assistant.text(language, "no_activity", "Malika",
                        assistant.text(language, "period_week")));
    }

    @Test
    void aBareSubjectCoversEveryChildAndAnIdleCourseSaysSo() {
        String answer = assistant.answer(Language.EN, "And in English?", mother);

        assertThat(answer).contains("Aziz", "“English A2”: activities: 2", "Malika: no activity on the platform");
        // Last week Aziz studied algebra only.
        assertThat(assistant.answer(Language.EN, "How did Aziz do in English last week?", mother))
                .contains("“English A2”: no activities in this period; course progress: 75%.", "All subjects:",
                        "Lessons completed: 1");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyExampleTheHelpGivesIsUnderstood(Language language) {
        Matcher quoted = Pattern.compile("[«“]([^»”]+)[»”]").matcher(assistant.text(language, "help", "Aziz"));
        List<String> examples = new ArrayList<>();
        while (quoted.find()) {
            examples.add(quoted.group(1));
        }

        assertThat(examples).hasSizeGreaterThanOrEqualTo(11);
        assertThat(examples).allSatisfy(example -> assertThat(
                Intents.recognize(example, List.of("Aziz", "Malika")).intent()).as(example).isNotEqualTo(Intent.UNKNOWN));
    }

    @Test
    void aDayIsAnsweredWithItsActivitiesInTheChildsOwnCalendar() {
        assertThat(assistant.answer(Language.EN, "What did Aziz do yesterday?", mother)).isEqualTo(String.join("\n",
                "Aziz, yesterday (11 March):",
                "• Quiz “Past simple quiz” (English A2), 15 min, score 95 out of 100",
                "Activities: 1. Study time: 15 min."));
        assertThat(assistant.answer(Language.RU, "А Малика сегодня?", mother))
                .isEqualTo("Malika: сегодня (12 марта) занятий на платформе не было.");
        // 10 March, Tashkent time: two activities, in the order they happened.
        rig.clock.set(java.time.Instant.parse("2025-03-10T18:00:00Z"));
        assertThat(assistant.answer(Language.EN, "And today?", mother)).contains(String.join("\n",
                "Aziz, today (10 March):",
                "• Lesson “Linear equations” (Algebra 7), 20 min",
                "• Quiz “Equations quiz” (Algebra 7), 10 min, score 50 out of 100",
                "Activities: 2. Study time: 30 min."), "Malika: no activity on the platform today (10 March).");
        // Past midnight in Tashkent (19:00 UTC), "yesterday" is already the 10th there.
        rig.clock.set(java.time.Instant.parse("2025-03-10T19:30:00Z"));
        assertThat(assistant.answer(Language.EN, "What did Aziz do yesterday?", mother))
                .startsWith("Aziz, yesterday (10 March):");
    }

    @Test
    void aWeekdayIsTheLatestOneUpToToday() {
        // 12 March 2025, the rig's today, is a Wednesday.
        assertThat(assistant.answer(Language.EN, "What did Aziz do on Monday?", mother)).isEqualTo(String.join("\n",
                "Aziz, on Monday (10 March):",
                "• Lesson “Linear equations” (Algebra 7), 20 min",
                "• Quiz “Equations quiz” (Algebra 7), 10 min, score 50 out of 100",
                "Activities: 2. Study time: 30 min."));
        // The child's today comes with the children listed: one call for the day's activities, none to learn it.
        assertThat(mother.calls).extracting(ToolCall::name)
                .containsExactly(AssistantTools.LIST_CHILDREN, AssistantTools.GET_RECENT_ACTIVITIES);
        assertThat(mother.calls.getLast().arguments()).containsEntry("date", "2025-03-10");
        assertThat(assistant.answer(Language.RU, "А в субботу?", mother)).isEqualTo(String.join("\n",
                "Aziz, в субботу (8 марта):",
                "• Тест «Fractions quiz» (Algebra 7), 10 мин, балл 70 из 100",
                "Занятий: 1. Время занятий: 10 мин.",
                "",
                "Malika: в субботу (8 марта) занятий на платформе не было."));
        assertThat(assistant.answer(Language.UZ, "Aziz chorshanba kuni nima qildi?", mother))
                .startsWith("Aziz, chorshanba kuni (12-mart):").contains("Irregular verbs");
    }

    @Test
    void aDayBehindMoreLaterActivitiesThanTheLatestListIsStillAnsweredWithItsOwn() {
        for (int i = 0; i < AssistantTools.MAX_RECENT; i++) {
            rig.platform.activity(AssistantRig.fact(100 + i, AssistantRig.AZIZ, AssistantRig.ALGEBRA,
                    ActivityKind.PRACTICE, "Drill " + i, null, 60, "2025-03-11T0" + (i % 10) + ":0" + (i / 10) + ":00Z"));
        }

        assertThat(assistant.answer(Language.EN, "What did Aziz do on Monday?", mother)).isEqualTo(String.join("\n",
                "Aziz, on Monday (10 March):",
                "• Lesson “Linear equations” (Algebra 7), 20 min",
                "• Quiz “Equations quiz” (Algebra 7), 10 min, score 50 out of 100",
                "Activities: 2. Study time: 30 min."));
        assertThat(assistant.answer(Language.EN, "What did Aziz do yesterday?", mother))
                .startsWith("Aziz, yesterday (11 March):").contains("Drill 19", "Past simple quiz")
                .doesNotContain("Drill 0”").endsWith("Activities: 20. Study time: 34 min.\n"
                        + "Only the day’s latest 20 are listed and counted.");
        assertThat(assistant.answer(Language.EN, "What did Aziz do today?", mother))
                .contains("Irregular verbs", "Activities: 1.");
    }

    @Test
    void theLatestActivitiesComeNewestFirstWithTheirDates() {
        String answer = assistant.answer(Language.EN, "Show Aziz's latest activities", mother);

        assertThat(answer).isEqualTo(String.join("\n",
                "Aziz: latest activities",
                "• 12 March: Lesson “Irregular verbs” (English A2), 25 min",
                "• 11 March: Quiz “Past simple quiz” (English A2), 15 min, score 95 out of 100",
                "• 10 March: Quiz “Equations quiz” (Algebra 7), 10 min, score 50 out of 100",
                "• 10 March: Lesson “Linear equations” (Algebra 7), 20 min",
                "• 8 March: Quiz “Fractions quiz” (Algebra 7), 10 min, score 70 out of 100"));
        assertThat(assistant.answer(Language.EN, "Malika's recent lessons?", mother))
                .isEqualTo("Malika: no activity on the platform in the last 30 days.");
    }

    @Test
    void theCoursesAskedAboutAreThoseOfTheChildNamedOrOfEveryChild() {
        String aziz = assistant.answer(Language.RU, "Какие курсы у Азиза?", mother);
        assertThat(aziz).startsWith(assistant.text(Language.RU, "children_title"))
                .contains("Aziz", "Algebra 7", "English A2").doesNotContain("Malika");
        assertThat(assistant.answer(Language.EN, "Which courses do they take?", mother))
                .contains("Aziz", "Algebra 7", "Malika", "English A2");
        assertThat(assistant.answer(Language.RU, "Как Азиз по курсу алгебры?", mother))
                .contains("«Algebra 7» (math): заданий — 2").doesNotContain(assistant.text(Language.RU, "children_title"));
    }

    @Test
    void lastWeeksProgressIsItsOwnPeriod() {
        String answer = assistant.answer(Language.EN, "How did Aziz do last week?", mother);

        assertThat(answer).contains("last week", "3 March", "9 March", "Lessons completed: 1", "Study time: 40 min",
                "Average score: 70 out of 100");
    }

    @Test
    void quietHoursCanBeAskedForAndSwitchedOff() {
        String current = assistant.answer(Language.RU, "Какие у меня тихие часы?", mother);
        assertThat(current).contains("22:00", "08:00");
        assertThat(rig.parent(MOTHER).preferences().quietHours()).contains(QuietHours.DEFAULT);

        String off = assistant.answer(Language.UZ, "Sokin soatlarni o'chiring", mother);
        assertThat(off).isEqualTo(assistant.text(Language.UZ, "quiet_off"));
        assertThat(rig.parent(MOTHER).preferences().quietHours()).isEmpty();

        assistant.answer(Language.EN, "Set quiet hours from 10 pm to 7 am", mother);
        assertThat(rig.parent(MOTHER).preferences().quietHours())
                .contains(new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)));
    }

    @Test
    void notificationsCanBeSwitchedBackOnButSystemMessagesNeverOff() {
        assistant.answer(Language.EN, "Turn off all notifications", mother);
        assertThat(rig.parent(MOTHER).preferences().enabledKinds()).containsExactly(NotificationKind.SYSTEM);

        String on = assistant.answer(Language.RU, "Включите уведомления о достижениях", mother);
        assertThat(on).startsWith("Готово.");
        assertThat(rig.parent(MOTHER).preferences().enabledKinds())
                .containsExactlyInAnyOrder(NotificationKind.SYSTEM, NotificationKind.ACHIEVEMENT);

        String system = assistant.answer(Language.EN, "Turn off system notifications", mother);
        assertThat(system).contains("System messages cannot be switched off.");
        assertThat(rig.parent(MOTHER).preferences().isEnabled(NotificationKind.SYSTEM)).isTrue();

        String asked = assistant.answer(Language.UZ, "Qaysi bildirishnomalar yoqilgan?", mother);
        assertThat(asked).contains(assistant.text(Language.UZ, "kind_achievement"))
                .contains(assistant.text(Language.UZ, "notifications_how"));
        assertThat(rig.parent(MOTHER).preferences().enabledKinds())
                .containsExactlyInAnyOrder(NotificationKind.SYSTEM, NotificationKind.ACHIEVEMENT);
    }

    @Test
    void aFailingToolBoxGivesACalmApology() {
        ToolBox broken = new ToolBox() {
            @Override
            public List<Tool> tools() {
                return AssistantTools.definitions();
            }

            @Override
            public ToolResult call(ToolCall call) {
                return ToolResult.error("the data could not be read right now; try again later");
            }
        };

        for (Intent intent : List.of(Intent.PROGRESS, Intent.SUBSCRIPTION, Intent.QUIET_HOURS, Intent.CHILDREN)) {
            assertThat(assistant.answer(Language.EN, QUESTIONS.get(Language.EN).get(intent), broken))
                    .isEqualTo(assistant.text(Language.EN, "data_error"));
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void labelAndNoticeAreOneLineEach(Language language) {
        assertThat(assistant.label(language)).isNotBlank().doesNotContain("\n");
        assertThat(assistant.modelUnavailableNotice(language)).isNotBlank().doesNotContain("\n")
                .isNotEqualTo(assistant.label(language));
    }

    @Test
    void theThreeBundlesHaveTheSameKeysAndPlaceholders() {
        Set<String> keys = new TreeSet<>(assistant.keys(Language.EN));
        Map<String, List<Set<String>>> mismatches = new TreeMap<>();
        for (Language language : Language.values()) {
            assertThat(new TreeSet<>(assistant.keys(language))).as(language.code()).isEqualTo(keys);
        }
        for (String key : keys) {
            List<Set<String>> placeholders = Stream.of(Language.values())
                    .map(language -> placeholders(OfflineAssistant.load(language).getString(key))).toList();
            if (placeholders.stream().distinct().count() != 1) {
                mismatches.put(key, placeholders);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\{(\\d+)[,}]").matcher(pattern);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
