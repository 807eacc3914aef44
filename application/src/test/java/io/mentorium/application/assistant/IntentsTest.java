package io.mentorium.application.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.assistant.Intents.Period;
import io.mentorium.application.assistant.Intents.Recognition;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.QuietHours;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IntentsTest {

    static Stream<Arguments> phrasings() {
        return Stream.of(
                // Russian
                Arguments.of("ru", "Как учится Азиз на этой неделе?", Intent.PROGRESS),
                Arguments.of("ru", "Как дела у Дилнозы с уроками?", Intent.PROGRESS),
                Arguments.of("ru", "Какие у него успехи?", Intent.PROGRESS),
                Arguments.of("ru", "Покажи отчёт за месяц", Intent.REPORT),
                Arguments.of("ru", "Пришлите итоги прошлой недели", Intent.REPORT),
                Arguments.of("ru", "Сколько дней подряд занимается Азиз?", Intent.STREAK),
                Arguments.of("ru", "Какой предмет у неё самый слабый?", Intent.WEAKEST_SUBJECT),
                Arguments.of("ru", "В чём он отстаёт?", Intent.WEAKEST_SUBJECT),
                Arguments.of("ru", "Что стоит повторить на выходных?", Intent.RECOMMENDATIONS),
                Arguments.of("ru", "Дайте совет, как ему помочь с математикой", Intent.RECOMMENDATIONS),
                Arguments.of("ru", "Что посоветуете Тимуру?", Intent.RECOMMENDATIONS),
                Arguments.of("ru", "Что вы порекомендуете?", Intent.RECOMMENDATIONS),
                Arguments.of("ru", "Чем позаниматься на выходных?", Intent.RECOMMENDATIONS),
                Arguments.of("ru", "Как Азиз позанимался на этой неделе?", Intent.PROGRESS),
                Arguments.of("ru", "До какого числа оплачена подписка?", Intent.SUBSCRIPTION),
                Arguments.of("ru", "Отключите напоминания", Intent.NOTIFICATIONS),
                Arguments.of("ru", "Не присылайте уведомления о пропущенных днях", Intent.NOTIFICATIONS),
                Arguments.of("ru", "Включите уведомления о достижениях", Intent.NOTIFICATIONS),
                Arguments.of("ru", "Не пишите после 21:00", Intent.QUIET_HOURS),
                Arguments.of("ru", "тихие часы 22-7", Intent.QUIET_HOURS),
                Arguments.of("ru", "Не беспокойте меня ночью", Intent.QUIET_HOURS),
                Arguments.of("ru", "Какие дети у меня привязаны?", Intent.CHILDREN),
                Arguments.of("ru", "Сравни моих детей", Intent.COMPARE),
                Arguments.of("ru", "Кто из них больше занимался в этом месяце?", Intent.COMPARE),
                Arguments.of("ru", "Кто учится лучше?", Intent.COMPARE),
                Arguments.of("ru", "Чем Азиз занимался вчера?", Intent.RECENT_ACTIVITY),
                Arguments.of("ru", "Что ты умеешь?", Intent.UNKNOWN),
                // Uzbek (Latin), with the apostrophes people actually type
                Arguments.of("uz", "Aziz bu hafta qanday o'qiyapti?", Intent.PROGRESS),
                Arguments.of("uz", "Dilnozaning natijalari qanday?", Intent.PROGRESS),
                Arguments.of("uz", "Oylik hisobotni koʻrsating", Intent.REPORT),
                Arguments.of("uz", "O‘tgan haftadagi hisobot", Intent.REPORT),
                Arguments.of("uz", "Aziz necha kun ketma-ket shug'ullandi?", Intent.STREAK),
                Arguments.of("uz", "Qaysi fan eng zaif?", Intent.WEAKEST_SUBJECT),
                Arguments.of("uz", "Qaysi fandan qiynalyapti?", Intent.WEAKEST_SUBJECT),
                Arguments.of("uz", "Nimani takrorlash kerak?", Intent.RECOMMENDATIONS),
                Arguments.of("uz", "Qanday maslahat berasiz?", Intent.RECOMMENDATIONS),
                Arguments.of("uz", "Obunam qachongacha to`langan?", Intent.SUBSCRIPTION),
                Arguments.of("uz", "Eslatmalarni o'chiring", Intent.NOTIFICATIONS),
                Arguments.of("uz", "Yutuqlar haqidagi bildirishnomalarni yoqing", Intent.NOTIFICATIONS),
                Arguments.of("uz", "Soat 21 dan keyin yozmang", Intent.QUIET_HOURS),
                Arguments.of("uz", "Sokin soatlar 22:00-07:00", Intent.QUIET_HOURS),
                Arguments.of("uz", "Kechasi bezovta qilmang", Intent.QUIET_HOURS),
                Arguments.of("uz", "Qaysi farzandlarim ulangan?", Intent.CHILDREN),
                Arguments.of("uz", "Farzandlarimni solishtiring", Intent.COMPARE),
                Arguments.of("uz", "Bu hafta kim ko'proq shug'ullandi?", Intent.COMPARE),
                Arguments.of("uz", "Aziz bugun nima qildi?", Intent.RECENT_ACTIVITY),
                Arguments.of("uz", "Salom", Intent.UNKNOWN),
                // English
                Arguments.of("en", "How is Aziz doing this week?", Intent.PROGRESS),
                Arguments.of("en", "What were Malika's scores last week?", Intent.PROGRESS),
                Arguments.of("en", "Send me the monthly report", Intent.REPORT),
                Arguments.of("en", "Give me a summary for last month", Intent.REPORT),
                Arguments.of("en", "What's Aziz's streak?", Intent.STREAK),
                Arguments.of("en", "How many days in a row did he study?", Intent.STREAK),
                Arguments.of("en", "Which subject is he weakest in?", Intent.WEAKEST_SUBJECT),
                Arguments.of("en", "Where is she struggling?", Intent.WEAKEST_SUBJECT),
                Arguments.of("en", "What should we practise this weekend?", Intent.RECOMMENDATIONS),
                Arguments.of("en", "Any tips to help him improve?", Intent.RECOMMENDATIONS),
                Arguments.of("en", "Until when is my subscription paid?", Intent.SUBSCRIPTION),
                Arguments.of("en", "Turn off reminders", Intent.NOTIFICATIONS),
                Arguments.of("en", "Please stop sending missed day alerts", Intent.NOTIFICATIONS),
                Arguments.of("en", "Enable achievement notifications", Intent.NOTIFICATIONS),
                Arguments.of("en", "Don't write after 9 pm", Intent.QUIET_HOURS),
                Arguments.of("en", "Set quiet hours from 10 pm to 7 am", Intent.QUIET_HOURS),
                Arguments.of("en", "Please do not disturb me at night", Intent.QUIET_HOURS),
                Arguments.of("en", "Which children are linked?", Intent.CHILDREN),
                Arguments.of("en", "Compare my kids", Intent.COMPARE),
                Arguments.of("en", "Who did better this month?", Intent.COMPARE),
                // "Which" with a superlative asks about subjects; "who" with "lesson" compares nothing.
                Arguments.of("en", "Which subject is the most difficult?", Intent.WEAKEST_SUBJECT),
                Arguments.of("en", "Who had lessons today?", Intent.RECENT_ACTIVITY),
                Arguments.of("en", "What did Aziz do yesterday?", Intent.RECENT_ACTIVITY),
                Arguments.of("en", "Hello there", Intent.UNKNOWN));
    }

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @MethodSource("phrasings")
    void recognisesTheIntentInEachLanguage(String language, String text, Intent expected) {
        assertThat(Intents.recognize(text).intent()).isEqualTo(expected);
    }

    @Test
    void everyIntentHasPhrasingsInEveryLanguage() {
        for (String language : List.of("ru", "uz", "en")) {
            Set<Object> covered = new java.util.HashSet<>();
            phrasings().map(Arguments::get).filter(row -> row[0].equals(language)).forEach(row -> covered.add(row[2]));
            assertThat(covered).as(language).containsExactlyInAnyOrder((Object[]) Intent.values());
        }
    }

    static Stream<Arguments> quietHours() {
        return Stream.of(
                Arguments.of("Не пишите после 21:00", "21:00", "08:00"),
                Arguments.of("После 9 вечера ничего не присылайте", "21:00", "08:00"),
                Arguments.of("тихие часы 22-7", "22:00", "07:00"),
                Arguments.of("Тихие часы с 23:00 до 6:30", "23:00", "06:30"),
                Arguments.of("Soat 21 dan keyin yozmang", "21:00", "08:00"),
                Arguments.of("Kechki 9 dan keyin xabar yubormang", "21:00", "08:00"),
                Arguments.of("Kechqurun soat 22 dan keyin yozmang", "22:00", "08:00"),
                Arguments.of("Kechasi 23 dan keyin yozmang", "23:00", "08:00"),
                Arguments.of("Kechasi 12 dan keyin bezovta qilmang", "00:00", "08:00"),
                Arguments.of("Sokin soatlar 22:00 dan 07:00 gacha", "22:00", "07:00"),
                Arguments.of("Don't write after 9 pm", "21:00", "08:00"),
                Arguments.of("Don’t message me after 22:30", "22:30", "08:00"),
                Arguments.of("Set quiet hours from 10 pm to 7 am", "22:00", "07:00"),
                // Without am/pm an evening start is meant: nobody wants 22 quiet hours a day.
                Arguments.of("quiet hours 9-7", "21:00", "07:00"));
    }

    @ParameterizedTest(name = "{0} -> {1}-{2}")
    @MethodSource("quietHours")
    void readsQuietHoursAndEndsThemAtEightWhenOnlyTheStartIsNamed(String text, String start, String end) {
        Recognition recognition = Intents.recognize(text);

        assertThat(recognition.intent()).isEqualTo(Intent.QUIET_HOURS);
        assertThat(recognition.quietHours()).contains(new QuietHours(LocalTime.parse(start), LocalTime.parse(end)));
    }

    @Test
    void quietHoursWithoutTimesAreOnlyRecognised() {
        Recognition night = Intents.recognize("Не беспокойте меня ночью");
        assertThat(night.quietHours()).isEmpty();
        assertThat(night.switchOn()).isEmpty();

        Recognition off = Intents.recognize("Отключите тихие часы");
        assertThat(off.intent()).isEqualTo(Intent.QUIET_HOURS);
        assertThat(off.quietHours()).isEmpty();
        assertThat(off.switchOn()).contains(false);

        assertThat(Intents.recognize("Tinch soatlarni o'chiring").switchOn()).contains(false);
        assertThat(Intents.recognize("Don't write after 8 am").quietHours()).isEmpty();
        assertThat(Intents.recognize("Не пишите после 27:00").quietHours()).isEmpty();
    }

    @Test
    void notificationSentencesCarryTheKindsAndTheSwitch() {
        Recognition off = Intents.recognize("Отключите напоминания и рекомендации");
        assertThat(off.intent()).isEqualTo(Intent.NOTIFICATIONS);
        assertThat(off.kinds()).containsExactlyInAnyOrder(NotificationKind.REMINDER, NotificationKind.RECOMMENDATION);
        assertThat(off.switchOn()).contains(false);

        Recognition on = Intents.recognize("Yutuqlar haqidagi bildirishnomalarni yoqing");
        assertThat(on.kinds()).containsExactly(NotificationKind.ACHIEVEMENT);
        assertThat(on.switchOn()).contains(true);

        Recognition all = Intents.recognize("Turn off all notifications");
        assertThat(all.kinds()).isEmpty();
        assertThat(all.switchOn()).contains(false);

        Recognition question = Intents.recognize("Which notifications do I get?");
        assertThat(question.intent()).isEqualTo(Intent.NOTIFICATIONS);
        assertThat(question.switchOn()).isEmpty();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Какие уведомления включены?",
            "Какие уведомления у меня выключены?", "Which notifications are enabled?",
            "Are reminders disabled?", "Qaysi bildirishnomalar yoqilgan?", "Eslatmalar oʻchirilganmi?"})
    void askingAboutTheStateSwitchesNothing(String text) {
        Recognition recognition = Intents.recognize(text);

        assertThat(recognition.intent()).isEqualTo(Intent.NOTIFICATIONS);
        assertThat(recognition.switchOn()).isEmpty();
    }

    @Test
    void findsTheChildByAPrefixOfTheFirstNameAcrossEndingsAndScripts() {
        List<String> names = List.of("Dilnoza", "Aziz", "Malika");

        assertThat(Intents.recognize("Как дела у Дилнозы?", names).child()).contains("Dilnoza");
        assertThat(Intents.recognize("Dilnozaning natijalari qanday?", names).child()).contains("Dilnoza");
        assertThat(Intents.recognize("How is Aziz doing?", names).child()).contains("Aziz");
        assertThat(Intents.recognize("What's Aziz's streak?", names).child()).contains("Aziz");
        assertThat(Intents.recognize("Как учится Малика?", names).child()).contains("Malika");
        assertThat(Intents.recognize("Что посоветуете Малике?", names).child()).contains("Malika");
        assertThat(Intents.recognize("Timurning darslari", List.of("Тимур")).child()).contains("Тимур");
        assertThat(Intents.recognize("Как учатся дети?", names).child()).isEmpty();
        assertThat(Intents.recognize("How is Azim doing?", names).child()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("uzbekInCyrillic")
    void uzbekWrittenInCyrillicIsReadAsInLatin(String text, Intent intent) {
        assertThat(Intents.recognize(text, List.of("Aziz")).intent()).isEqualTo(intent);
    }

    static Stream<Arguments> uzbekInCyrillic() {
        return Stream.of(
                Arguments.of("Азиз бу ҳафта қандай ўқияпти?", Intent.PROGRESS),
                Arguments.of("Ойлик ҳисоботни кўрсатинг", Intent.REPORT),
                Arguments.of("Азиз неча кун кетма-кет шуғулланди?", Intent.STREAK),
                Arguments.of("Қайси фан энг заиф?", Intent.WEAKEST_SUBJECT),
                Arguments.of("Нимани такрорлаш керак?", Intent.RECOMMENDATIONS),
                Arguments.of("Обунам қачонгача тўланган?", Intent.SUBSCRIPTION),
                Arguments.of("Эслатмаларни ўчиринг", Intent.NOTIFICATIONS),
                Arguments.of("Соат 21 дан кейин ёзманг", Intent.QUIET_HOURS),
                Arguments.of("Қайси фарзандларим уланган?", Intent.CHILDREN),
                // Russian is still read as Russian.
                Arguments.of("Какой предмет самый слабый?", Intent.WEAKEST_SUBJECT),
                Arguments.of("Привет", Intent.UNKNOWN));
    }

    @Test
    void uzbekInCyrillicKeepsWhatItNames() {
        Recognition quiet = Intents.recognize("Кечаси 23 дан кейин ёзманг");
        assertThat(quiet.quietHours()).contains(new QuietHours(LocalTime.of(23, 0), LocalTime.of(8, 0)));
        assertThat(Intents.recognize("Қайси фан энг заиф?", List.of("Aziz")).child()).isEmpty();
        assertThat(Intents.onlyThanks("Катта раҳмат!")).isTrue();
        assertThat(Intents.mayAskAdvice("Нимани такрорлаш керак?")).isTrue();
    }

    @Test
    void shortNamesEndingInAVowelAreFoundInTheirRussianCases() {
        List<String> names = List.of("Anna", "Olga", "Юля", "Sara", "Aziz");

        assertThat(Intents.recognize("Как дела у Анны?", names).child()).contains("Anna");
        assertThat(Intents.recognize("Что посоветуете Анне?", names).child()).contains("Anna");
        assertThat(Intents.recognize("Сравни Анну за два месяца", names).child()).contains("Anna");
        assertThat(Intents.recognize("Как учится Ольга? А у Ольги?", names).child()).contains("Olga");
        assertThat(Intents.recognize("Как дела у Юли?", names).child()).contains("Юля");
        assertThat(Intents.recognize("Annaning natijalari", names).child()).contains("Anna");
        // Longer words that only begin like a short name are someone else.
        assertThat(Intents.recognize("Как дела у Сарвара?", names).child()).isEmpty();
        assertThat(Intents.recognize("How is Azim doing?", names).child()).isEmpty();
        assertThat(Intents.recognize("Как дела у Анны?", names).otherName()).isEmpty();
        assertThat(Intents.recognize("Как дела у Сарвара?", names).otherName()).contains("Сарвара");
    }

    @Test
    void shortNamesNeedTheWholeNameAndTiesGiveNoHint() {
        List<String> names = List.of("Ali", "Alisher");

        assertThat(Intents.recognize("Alining natijalari", names).child()).contains("Ali");
        assertThat(Intents.recognize("Alisherning natijalari", names).child()).contains("Alisher");
        assertThat(Intents.recognize("How are Aziz and Malika doing?", List.of("Aziz", "Malika")).child()).isEmpty();
    }

    @Test
    void aBareNameIsAQuestionAboutProgress() {
        assertThat(Intents.recognize("А Малика?", List.of("Malika")).intent()).isEqualTo(Intent.PROGRESS);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Как дела у Севары?|Севары",
            "How is Jasur doing this week?|Jasur",
            "Bu hafta Sevara qanday oʻqidi?|Sevara",
            "А Тима?|Тима",
            "I've asked before: how is Jasur?|Jasur",
            "Как учится Малика?|",
            "Как учится Малика Каримова?|",
            "Sevara bu hafta qanday oʻqidi?|",
            "How is Aziz doing in English and Algebra 7?|",
            "How did the children do in Past Simple Quiz?|",
            "Как прошёл «Тест по Истории»?|",
            "Как дела по Алгебре и Геометрии?|",
            "Подскажите, как Вы оцениваете успехи? Что Вам нужно?|",
            "Sizga rahmat. Hisobot Sizdan keldi|",
            "What did they study on Monday in March?|",
            "Как учатся дети? Сколько дней подряд?|",
            "<b>Привет</b> & <script>|",
            "Ну Привет, Бот|",
            "Ok, Thanks, Great|"})
    void aCapitalisedWordInMidSentenceThatIsNoLinkedChildIsSomeoneElse(String text, String expected) {
        Recognition recognition = Intents.recognize(text, List.of("Aziz", "Malika"),
                List.of("Past simple quiz", "Алгебра 7", "Геометрия"));

        assertThat(recognition.otherName()).isEqualTo(Optional.ofNullable(expected));
        if (expected != null) {
            // A name alone ("А Тима?") asks how that child is doing, as a linked child's name would.
            assertThat(recognition.intent()).isEqualTo(Intent.PROGRESS);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Как дела у Анны по математике на этой неделе?|MATH",
            "Как у Азиза с алгеброй?|MATH",
            "How is Aziz doing in maths?|MATH",
            "Aziz matematikadan qanday oʻqiyapti?|MATH",
            "Азиз математикадан қандай ўқияпти?|MATH",
            "А по английскому?|ENGLISH",
            "How are the kids doing in English?|ENGLISH",
            "Aziz ingliz tilidan qanday?|ENGLISH",
            "Как успехи по физике?|PHYSICS",
            "Rus tili qanday ketyapti?|RUSSIAN",
            "How is Aziz doing in Python?|PROGRAMMING",
            // Two subjects, or none, lead with none; history is the activity log as often as a subject.
            "Как дела по математике и физике?|",
            "Как учится Азиз?|",
            "Покажи историю занятий Азиза|"})
    void aSubjectNamedInAProgressQuestionIsRecognised(String text, Intents.Subject expected) {
        Recognition recognition = Intents.recognize(text, List.of("Aziz", "Anna"));

        assertThat(recognition.subject()).isEqualTo(Optional.ofNullable(expected));
        if (expected != null) {
            assertThat(recognition.intent()).isEqualTo(Intent.PROGRESS);
            assertThat(recognition.otherName()).as("a subject is nobody's name").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Что было у Азиза сегодня?|RECENT_ACTIVITY|TODAY",
            "Как Тимур занимался сегодня?|RECENT_ACTIVITY|TODAY",
            "Как Тимур позанимался сегодня?|RECENT_ACTIVITY|TODAY",
            "А вчера?|RECENT_ACTIVITY|YESTERDAY",
            "What did Aziz do yesterday?|RECENT_ACTIVITY|YESTERDAY",
            "And today?|RECENT_ACTIVITY|TODAY",
            "Aziz bugun nima qildi?|RECENT_ACTIVITY|TODAY",
            "Kecha nima qildi?|RECENT_ACTIVITY|YESTERDAY",
            "Бугун нима қилди?|RECENT_ACTIVITY|TODAY",
            "Show Aziz's latest activities|RECENT_ACTIVITY|",
            "Что Азиз делал в субботу?|RECENT_ACTIVITY|SATURDAY",
            "What did he do on Monday?|RECENT_ACTIVITY|MONDAY",
            "А в среду?|RECENT_ACTIVITY|WEDNESDAY",
            "Juma kuni nima qildi?|RECENT_ACTIVITY|FRIDAY",
            "Shanba kuni qanday oʻqidi?|RECENT_ACTIVITY|SATURDAY",
            "Какой у Азиза в среднем балл?|PROGRESS|",
            "Что он делал в субботу и воскресенье?|RECENT_ACTIVITY|",
            "Чем занимался Азиз недавно?|RECENT_ACTIVITY|",
            "When did she last study?|RECENT_ACTIVITY|",
            "Когда Азиз занимался последний раз?|RECENT_ACTIVITY|",
            "Aziz oxirgi marta qachon shugʻullandi?|RECENT_ACTIVITY|",
            "What did Aziz do last week?|PROGRESS|",
            "Что делал Азиз в этом месяце?|PROGRESS|",
            "Не пишите мне сегодня после 21:00|QUIET_HOURS|",
            "Kechasi yozmang|QUIET_HOURS|"})
    void aDayOrLatelyAsksForTheActivitiesThemselves(String text, Intent intent, Intents.Day day) {
        Recognition recognition = Intents.recognize(text, List.of("Aziz", "Timur"));

        assertThat(recognition.intent()).isEqualTo(intent);
        assertThat(recognition.day()).isEqualTo(Optional.ofNullable(day));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Is she doing better than last week?|PROGRESS|WEEK",
            "Сравни Анну с прошлой неделей|PROGRESS|WEEK",
            "Занимается ли Азиз больше, чем на прошлой неделе?|PROGRESS|WEEK",
            "Как успехи по сравнению с прошлым месяцем?|PROGRESS|MONTH",
            "Oʻtgan haftaga nisbatan qanday oʻqiyapti?|PROGRESS|WEEK",
            "Compare Aziz with last week|PROGRESS|WEEK",
            // Children side by side over a past period, and what was done then, stay as asked.
            "Кто больше занимался на прошлой неделе?|COMPARE|LAST_WEEK",
            "Чем он занимался на прошлой неделе?|PROGRESS|LAST_WEEK",
            "How did Aziz do last week?|PROGRESS|LAST_WEEK"})
    void aComparisonWithThePastIsTheRunningPeriodWhoseTrendComparesIt(String text, Intent intent, Period period) {
        Recognition recognition = Intents.recognize(text, List.of("Aziz", "Anna"));

        assertThat(recognition.intent()).isEqualTo(intent);
        assertThat(recognition.period()).isEqualTo(period);
    }

    @Test
    void aWeekdayIsTheLatestOneUpToToday() {
        LocalDate wednesday = LocalDate.of(2025, 3, 12);

        assertThat(Intents.Day.MONDAY.dateFrom(wednesday)).isEqualTo(LocalDate.of(2025, 3, 10));
        assertThat(Intents.Day.WEDNESDAY.dateFrom(wednesday)).isEqualTo(wednesday);
        assertThat(Intents.Day.THURSDAY.dateFrom(wednesday)).isEqualTo(LocalDate.of(2025, 3, 6));
        assertThat(Intents.Day.SUNDAY.dateFrom(wednesday)).isEqualTo(LocalDate.of(2025, 3, 9));
        assertThat(Intents.Day.YESTERDAY.dateFrom(wednesday)).isEqualTo(LocalDate.of(2025, 3, 11));
    }

    @Test
    void aSubjectOnlyShapesProgressAnswers() {
        assertThat(Intents.recognize("Какой предмет самый слабый: математика?").subject()).isEmpty();
        assertThat(Intents.recognize("Дайте совет, как ему помочь с математикой").subject()).isEmpty();
        assertThat(Intents.recognize("Покажи отчёт по математике").subject()).isEmpty();
    }

    @Test
    void aCourseTeachesASubjectByItsCodeOrTitle() {
        assertThat(Intents.Subject.MATH.teaches("Algebra 7", "math")).isTrue();
        assertThat(Intents.Subject.MATH.teaches("Geometriya 8", "")).isTrue();
        assertThat(Intents.Subject.MATH.teaches("English A2", "english")).isFalse();
        assertThat(Intents.Subject.PROGRAMMING.teaches("Programming in Python", "programming")).isTrue();
        assertThat(Intents.Subject.UZBEK.teaches("Oʻzbek tili", "language")).isTrue();
        assertThat(Intents.Subject.RUSSIAN.teaches(null, null)).isFalse();
    }

    @Test
    void someoneElsesNameIsOnlyLookedForWhenThereAreChildrenToTellApart() {
        assertThat(Intents.recognize("How is Jasur doing?").otherName()).isEmpty();
        assertThat(Intents.recognize("How is Jasur doing?", List.of()).otherName()).isEmpty();
        assertThat(Intents.recognize("Как дела у Севары?", List.of("Sevara")).otherName()).isEmpty();
    }

    @Test
    void periodsFollowTheWords() {
        assertThat(Intents.recognize("Как учился на прошлой неделе?").period()).isEqualTo(Period.LAST_WEEK);
        assertThat(Intents.recognize("Progress this month").period()).isEqualTo(Period.MONTH);
        assertThat(Intents.recognize("O'tgan oy natijalari").period()).isEqualTo(Period.LAST_MONTH);
        assertThat(Intents.recognize("How is he doing?").period()).isEqualTo(Period.WEEK);
        assertThat(Period.LAST_MONTH.toolValue()).isEqualTo("last_month");
    }

    @Test
    void survivesEmptyHugeAndOddInput() {
        assertThat(Intents.recognize("").intent()).isEqualTo(Intent.UNKNOWN);
        assertThat(Intents.recognize(null).intent()).isEqualTo(Intent.UNKNOWN);
        assertThat(Intents.recognize("9".repeat(100_000)).intent()).isEqualTo(Intent.UNKNOWN);
        assertThat(Intents.recognize("отчёт " + "-".repeat(50_000)).intent()).isEqualTo(Intent.REPORT);
        assertThat(Intents.recognize("\u0000\uD83D\uDE00 progress").intent()).isEqualTo(Intent.PROGRESS);
        assertThat(Intents.recognize("subscription", List.of()).child()).isEqualTo(Optional.empty());
    }
}
