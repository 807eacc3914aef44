package io.mentorium.application.assistant;

import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.QuietHours;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises what a parent asks from their own words in Russian, Uzbek (Latin) or English, with keyword stems rather
 * than a model: it must work exactly when the model does not. Stems are matched at the start of words, which absorbs
 * Russian case endings ("отчёта", "успехи") and Uzbek suffixes ("hisobotni", "obunam"). Apostrophes are dropped before
 * matching, so "o'qiyapti", "oʻqiyapti" and "o`qiyapti" read the same, and so do "don't" and "dont".
 *
 * <p>The checks run from the most specific to the most general: a sentence about quiet hours or switching a
 * notification is a settings change even when it names a child or a subject; "what should he practise" is advice
 * even though it is also about progress.
 */
public final class Intents {

    /**
     * The end of quiet hours when a parent names only the start ("after 9 pm", "после 21:00"): 08:00, the end of the
     * default quiet hours, since nobody saying "not after nine" means "until midnight".
     */
    public static final LocalTime DEFAULT_QUIET_END = QuietHours.DEFAULT.end();

    /** Longer texts are cut: the intent is in the first sentences, and the regular expressions stay cheap. */
    static final int MAX_TEXT = 1000;

    // Compiled once: String.replaceAll and a split on more than one character compile their pattern on every call,
    // and every question is recognised (the template choice) before it reaches the model.
    /** Apostrophes in all the shapes phones and keyboards produce: Uzbek oʻ/gʻ, English contractions. */
    private static final Pattern APOSTROPHES = Pattern.compile("['’‘ʻʼ`´]");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** The calendar period a question is about; the values of the {@code get_progress} tool's {@code period}. */
    public enum Period {
        WEEK("week"),
        LAST_WEEK("last_week"),
        MONTH("month"),
        LAST_MONTH("last_month");

        private final String toolValue;

        Period(String toolValue) {
            this.toolValue = toolValue;
        }

        public String toolValue() {
            return toolValue;
        }

        public boolean monthly() {
            return this == MONTH || this == LAST_MONTH;
        }

        /** The period of the same length running now. */
        public Period running() {
            return monthly() ? MONTH : WEEK;
        }
    }

    /**
     * A day a question is about ("сегодня", "yesterday", "kecha", "в субботу", "on Monday", "dushanba kuni"), in the
     * child's own calendar. A weekday is the latest one up to today: "в понедельник" asked on a Monday is today.
     */
    public enum Day {
        TODAY(Cue.stems("сегодня", "today", "bugun")),
        YESTERDAY(Cue.stems("вчера", "yesterday").or(Cue.words("kecha", "kechagi"))),
        MONDAY(Cue.stems("понедельник", "monday", "dushanba")),
        TUESDAY(Cue.stems("вторник", "tuesday", "seshanba")),
        // "среда", not "сред": "в среднем" is "on average".
        WEDNESDAY(Cue.words("среда", "среду", "среды", "wednesday").or(Cue.stems("chorshanba"))),
        THURSDAY(Cue.stems("четверг", "thursday", "payshanba")),
        FRIDAY(Cue.stems("пятниц", "friday").or(Cue.words("juma", "jumada", "jumaga", "jumadagi"))),
        SATURDAY(Cue.stems("суббот", "saturday").or(Cue.words("shanba", "shanbada", "shanbaga", "shanbadagi"))),
        SUNDAY(Cue.stems("воскресень", "sunday", "yakshanba"));

        private final Cue cue;

        Day(Cue cue) {
            this.cue = cue;
        }

        /** The date this day names, seen from {@code today}. */
        public LocalDate dateFrom(LocalDate today) {
            return switch (this) {
                case TODAY -> today;
                case YESTERDAY -> today.minusDays(1);
                default -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.of(ordinal() - MONDAY.ordinal() + 1)));
            };
        }

        /** The one day the words name; none when they name none or several ("в субботу и воскресенье"). */
        private static Optional<Day> named(List<String> tokens) {
            List<Day> named = Arrays.stream(values()).filter(day -> day.cue.test(tokens)).toList();
            return named.size() == 1 ? Optional.of(named.getFirst()) : Optional.empty();
        }
    }

    /**
     * A school subject a question may name ("по математике", "in maths", "fizikadan"), so that an answer about progress
     * can lead with that subject's courses. Courses are matched by the platform's subject code or their title; history is
     * left out on purpose, since "история занятий" and "learning history" ask for the activity log, not a subject.
     */
    public enum Subject {
        MATH(Cue.stems("математ", "алгебр", "геометр", "math", "algebr", "geometr", "matemat"),
                "math", "algebr", "geometr", "matemat", "математ", "алгебр", "геометр"),
        ENGLISH(Cue.stems("английск", "english", "ingliz"), "english", "ingliz", "английск"),
        RUSSIAN(Cue.stems("русск", "russian").or(Cue.seq("rus$", "til")), "russian", "rus tili", "русск"),
        UZBEK(Cue.stems("узбекск", "uzbek", "ozbek"), "uzbek", "ozbek", "o'zbek", "oʻzbek", "узбек"),
        PHYSICS(Cue.stems("физик", "physic", "fizik"), "physic", "fizik", "физик"),
        CHEMISTRY(Cue.stems("хими", "chemi", "kimyo"), "chemi", "kimyo", "хими"),
        BIOLOGY(Cue.stems("биолог", "biolog"), "biolog", "биолог"),
        GEOGRAPHY(Cue.stems("географ", "geograph", "geograf"), "geograph", "geograf", "географ"),
        LITERATURE(Cue.stems("литератур", "literat", "adabiyot"), "literat", "adabiyot", "литератур"),
        PROGRAMMING(Cue.stems("программир", "питон", "python", "programm", "coding", "informati", "информатик",
                "dasturlash"), "program", "python", "coding", "informati", "dastur", "программ", "информатик");

        private final Cue cue;
        private final List<String> courseStems;

        Subject(Cue cue, String... courseStems) {
            this.cue = cue;
            this.courseStems = List.of(courseStems);
        }

        /** Whether a course of the platform, by its subject code or title, teaches this subject. */
        public boolean teaches(String courseTitle, String subjectCode) {
            String title = courseTitle == null ? "" : courseTitle.toLowerCase(Locale.ROOT);
            String code = subjectCode == null ? "" : subjectCode.toLowerCase(Locale.ROOT);
            return courseStems.stream().anyMatch(stem -> code.contains(stem) || title.contains(stem));
        }

        /** The one subject the words name; none when they name none or several ("maths and physics"). */
        private static Optional<Subject> named(List<String> tokens) {
            List<Subject> named = Arrays.stream(values()).filter(subject -> subject.cue.test(tokens)).toList();
            return named.size() == 1 ? Optional.of(named.getFirst()) : Optional.empty();
        }
    }

    /**
     * @param child      the linked child's first name (as given to {@link #recognize(String, Collection)}) the text
     *                   mentions, if exactly one is mentioned
     * @param quietHours for {@link Intent#QUIET_HOURS}: the hours the text names, if it names any
     * @param period     the period the text is about; {@link Period#WEEK} unless it says otherwise
     * @param kinds      for {@link Intent#NOTIFICATIONS}: the notification kinds the text names (empty: all, or none
     *                   named)
     * @param switchOn   for {@link Intent#NOTIFICATIONS} and {@link Intent#QUIET_HOURS}: true to switch on, false to
     *                   switch off, empty when the text does not say
     * @param otherName  when no linked child is mentioned: a word of the text, as written, that looks like the name
     *                   of someone else ("Как дела у Севары?" from a parent who linked only Timur); empty when the
     *                   text has none, or when no children's names were given to look for
     * @param subject    for {@link Intent#PROGRESS}: the one school subject the text names, if it names one
     * @param day        for {@link Intent#RECENT_ACTIVITY}: the day the text names; empty for "lately"
     */
    public record Recognition(Intent intent, Optional<String> child, Optional<QuietHours> quietHours, Period period,
                              Set<NotificationKind> kinds, Optional<Boolean> switchOn, Optional<String> otherName,
                              Optional<Subject> subject, Optional<Day> day) {

        public Recognition {
            Objects.requireNonNull(intent, "intent");
            Objects.requireNonNull(child, "child");
            Objects.requireNonNull(otherName, "otherName");
            Objects.requireNonNull(quietHours, "quietHours");
            Objects.requireNonNull(period, "period");
            kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
            Objects.requireNonNull(switchOn, "switchOn");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(day, "day");
        }
    }

    private static final String TIME = "(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?";
    /** "22-7", "22:00–07:00", "с 22 до 7", "from 10 pm to 7 am", "22:00 dan 07:00 gacha". */
    private static final Pattern RANGE = Pattern.compile(
            "(?<![\\d:.])" + TIME + "\\s*(?:-|до|to|till|until|dan)\\s*" + TIME + "(?!\\d)");
    /** "после 21:00", "после 9 вечера", "after 9 pm", "from 21". */
    private static final Pattern AFTER = Pattern.compile(
            "(?:после|позже|after|from)\\s+" + TIME + "\\s*(вечера|ночи|утра|дня)?");
    /** "soat 21 dan keyin", "21:00 dan soʻng", "21dan keyin" (apostrophes are already gone). */
    private static final Pattern UZ_AFTER = Pattern.compile(
            "(?<![\\d:.])" + TIME + "\\s*-?\\s*dan\\s+(?:keyin|song|sung)");

    private static final Map<NotificationKind, Cue> KINDS = new EnumMap<>(Map.of(
            NotificationKind.ACHIEVEMENT, Cue.stems("достижен", "achievement", "yutuq", "muvaffaqiyat"),
            NotificationKind.MISSED_DAYS, Cue.stems("пропуск", "пропущ", "missed", "skipped", "otkazib", "qoldir"),
            NotificationKind.RECOMMENDATION, Cue.stems("рекоменд", "совет", "recommendation", "tavsiya", "maslahat")
                    .or(Cue.words("tips")),
            NotificationKind.REMINDER, Cue.stems("напомин", "reminder", "eslatma"),
            NotificationKind.SYSTEM, Cue.stems("систем", "system", "tizim")));

    private static final Cue QUIET = Cue.seq("тих", "час").or(Cue.stems("ночью", "тишин"))
            .or(Cue.seq("quiet", "hour")).or(Cue.seq("quiet", "time")).or(Cue.seq("at$", "night"))
            .or(Cue.seq("do$", "not$", "disturb")).or(Cue.seq("dont$", "disturb")).or(Cue.stems("night"))
            .or(Cue.seq("tinch", "soat")).or(Cue.seq("jim$", "soat")).or(Cue.seq("sokin", "soat"))
            .or(Cue.stems("kechasi", "tunda", "tungi"));
    private static final Cue DONT_WRITE = Cue.seq("не$", "пиш").or(Cue.seq("не$", "присыл"))
            .or(Cue.seq("не$", "отправл")).or(Cue.seq("не$", "беспок")).or(Cue.seq("не$", "тревож"))
            .or(Cue.seq("dont$", "write")).or(Cue.seq("do$", "not$", "write")).or(Cue.seq("dont$", "message"))
            .or(Cue.seq("dont$", "text")).or(Cue.seq("dont$", "send")).or(Cue.seq("do$", "not$", "send"))
            .or(Cue.seq("stop", "writing")).or(Cue.seq("no$", "messages"))
            .or(Cue.stems("yozmang", "yubormang", "bezovta"));
    private static final Cue NOTIFICATION = Cue.stems("уведомл", "оповещ", "notification", "notify", "alert",
            "bildirishnoma", "xabarnoma");
    /*
     * Switch verbs are stems of the imperative and the infinitive only: "включены", "enabled", "yoqilgan" describe the
     * current state, and a parent asking "which are on?" must not have everything switched on.
     */
    private static final Cue SWITCH_OFF = Cue.stems("выключи", "выключа", "отключи", "отключа", "отпиш", "уберит",
                    "хватит", "запрети", "прекрати", "stop", "unsubscrib", "ochiring", "ochirib", "ochirilsin",
                    "ochirish", "toxtating", "toxtatib")
            .or(Cue.words("off", "disable", "mute")).or(Cue.seq("не$", "нужн")).or(Cue.seq("не$", "надо"))
            .or(Cue.seq("no$", "more$")).or(Cue.seq("dont$", "want")).or(Cue.seq("kerak", "emas"));
    /** For notifications, "не присылайте напоминания" switches reminders off just as "отключите" does. */
    private static final Cue OFF = DONT_WRITE.or(SWITCH_OFF);
    private static final Cue ON = Cue.stems("включи", "включа", "верните", "верни", "подключи", "resume",
                    "yoqing", "yoqib", "yoqilsin", "yoqish")
            .or(Cue.words("enable", "unmute")).or(Cue.seq("turn$", "on$")).or(Cue.seq("switch$", "on$"))
            .or(Cue.seq("хочу", "получа")).or(Cue.seq("qayta", "yoq"));

    /** Words that ask about the current state of a notification kind: "включены?", "disabled?", "yoqilganmi?". */
    private static final Cue STATE = Cue.stems("включен", "выключен", "отключен", "enabled", "disabled", "muted",
            "yoqilgan", "ochirilgan");
    private static final Cue SUBSCRIPTION = Cue.stems("подписк", "оплат", "тариф", "платн", "премиум",
                    "subscription", "subscribed", "payment", "premium", "billing", "renew", "obuna", "tolov", "tarif")
            .or(Cue.words("plan", "plans", "paid", "pay"));
    private static final Cue STREAK = Cue.stems("подряд", "серия", "серии", "серию", "стрик", "streak",
                    "consecutive", "uzluksiz", "surunkasiga", "ketmaket")
            .or(Cue.seq("без$", "перерыв")).or(Cue.seq("без$", "пропуск")).or(Cue.seq("in$", "a$", "row"))
            .or(Cue.seq("without$", "a$", "break")).or(Cue.seq("ketma", "ket"));
    private static final Cue WEAKEST = Cue.stems("слаб", "хуже", "отста", "трудн", "сложн", "проблем", "weak",
                    "worst", "struggl", "hardest", "difficult", "lowest", "zaif", "qiyin", "qiynal", "sust", "yomon",
                    "orqada")
            .or(Cue.seq("falling", "behind")).or(Cue.seq("eng$", "past"));
    private static final Cue RECOMMENDATIONS = Cue.stems("совет", "посовет", "рекоменд", "порекоменд", "повтор",
                    "подтян", "практик", "улучш", "помоч", "позанимат", "позанимай", "advice", "advise", "recommend", "suggest",
                    "practi", "improve", "tavsiya", "maslahat", "mashq", "takrorla", "yaxshila")
            .or(Cue.words("tip", "tips")).or(Cue.seq("что$", "делать")).or(Cue.seq("what$", "should$"))
            .or(Cue.seq("focus", "on$")).or(Cue.seq("nima", "qilish")).or(Cue.seq("nimani", "takror"));
    private static final Cue REPORT = Cue.stems("отчет", "сводк", "итог", "report", "summary", "overview",
            "hisobot", "xulosa");
    // "Позанимался" tells how it went; "позаниматься", "позанимайтесь" (RECOMMENDATIONS) ask what to do.
    private static final Cue PROGRESS = Cue.stems("успе", "прогресс", "учит", "учил", "учеб", "учат", "занима",
                    "позанимал", "оценк", "балл", "результат", "урок", "progress", "doing", "hows", "lesson", "score", "grades",
                    "studied", "studying", "result", "minutes", "learning", "natija", "ozlashtir", "oqi", "dars",
                    "baho", "ball", "shugullan")
            .or(Cue.seq("как$", "дел")).or(Cue.seq("how$", "is$")).or(Cue.seq("how$", "was$"))
            .or(Cue.seq("ishlar", "qanday")).or(Cue.seq("qanday", "oqi"));
    private static final Cue CHILDREN = Cue.stems("дет", "ребен", "сын", "доч", "привяз", "children", "child",
            "kids", "linked", "sons", "daughter", "farzand", "bola", "ogil", "qiz", "ulangan");
    /** Which courses the children take ("Какие курсы у Анны?", "Qaysi kurslarda?"): the children's list has them. */
    private static final Cue COURSES = Cue.stems("курс", "course", "kurs");

    /**
     * "Сравни детей", "compare my kids", "kim koʻproq shugʻullandi?": a comparison verb, or "who" with a comparative
     * anywhere in the text. "Which" does not count: "which subject is the most difficult" asks for the weakest one.
     */
    private static final Cue COMPARE = Cue.stems("сравн", "сопостав", "compar", "solishtir", "taqqos", "qiyos")
            .or(Cue.words("кто", "who", "kim").and(Cue.stems("больш", "лучш", "меньш", "хуже", "чаще", "дольше",
                            "koproq", "yaxshiroq", "kamroq", "kuchliroq", "kopro")
                    .or(Cue.words("more", "most", "better", "best", "less", "least", "worse", "worst"))));

    /** "Что он делал недавно?", "latest lessons", "oxirgi mashgʻulotlar": the activities themselves. */
    private static final Cue RECENT = Cue.stems("недавн", "recent", "latest", "oxirgi", "songgi")
            .or(Cue.seq("последн", "заня")).or(Cue.seq("последн", "урок")).or(Cue.seq("последн", "задан"))
            .or(Cue.seq("last$", "lesson")).or(Cue.seq("last$", "activit")).or(Cue.seq("what$", "did$"))
            // "делал", "делала": what was done ("что делать?" asks for advice).
            .or(Cue.stems("делал")).or(Cue.seq("чем$", "занимал")).or(Cue.seq("nima", "qildi"))
            // "When did she last study?", "Когда он занимался последний раз?", "Oxirgi marta qachon?"
            .or(Cue.words("when", "когда", "qachon").and(Cue.stems("last", "последн", "oxirgi", "songgi")));
    /** "Than last week", "по сравнению с прошлым месяцем", "oʻtgan haftaga nisbatan": measured against the past. */
    private static final Cue THAN = Cue.words("than", "nisbatan", "qaraganda", "vs", "versus")
            .or(Cue.stems("сравнению", "compared")).or(Cue.seq("с$", "прошл")).or(Cue.seq("со$", "прошл"))
            // "лучше, чем на прошлой неделе"; "чем он занимался на прошлой неделе" asks what he did.
            .or(Cue.seq("чем$", "на$", "прошл")).or(Cue.seq("чем$", "в$", "прошл")).or(Cue.seq("чем$", "за$", "прошл"))
            .or(Cue.seq("with$", "last$")).or(Cue.seq("with$", "the$", "previous"));

    private static final Cue LAST = Cue.stems("прошл", "предыдущ", "last", "previous", "otgan", "oldingi");
    private static final Cue MONTH = Cue.stems("месяц", "месячн", "month").or(Cue.words("oy", "oyda", "oylik", "oyi",
            "oyning", "oydagi", "oyga", "oyni"));
    private static final Cue WEEK = Cue.stems("недел", "week", "hafta");

    private record Topic(Cue cue, Intent intent) {
    }

    /** After the settings sentences, the first topic whose words the text holds: most specific first. */
    private static final List<Topic> TOPICS = List.of(
            new Topic(SUBSCRIPTION, Intent.SUBSCRIPTION),
            new Topic(COMPARE, Intent.COMPARE),
            new Topic(STREAK, Intent.STREAK),
            new Topic(WEAKEST, Intent.WEAKEST_SUBJECT),
            new Topic(RECOMMENDATIONS, Intent.RECOMMENDATIONS),
            new Topic(REPORT, Intent.REPORT),
            new Topic(RECENT, Intent.RECENT_ACTIVITY),
            new Topic(PROGRESS, Intent.PROGRESS),
            new Topic(CHILDREN, Intent.CHILDREN),
            new Topic(COURSES, Intent.CHILDREN));

    private Intents() {
    }

    public static Recognition recognize(String text) {
        return recognize(text, List.of());
    }

    /**
     * @param childFirstNames the first names of the parent's linked children, to find which one the text is about
     */
    public static Recognition recognize(String text, Collection<String> childFirstNames) {
        return recognize(text, childFirstNames, List.of());
    }

    /**
     * @param childFirstNames the first names of the parent's linked children, to find which one the text is about
     * @param knownTitles     titles the text may quote without quotes and that are no one's name: the children's
     *                        course titles ("How is Aziz doing in Algebra 7?")
     */
    public static Recognition recognize(String text, Collection<String> childFirstNames,
                                        Collection<String> knownTitles) {
        String normalized = normalize(text == null ? "" : text);
        Recognition read = read(text, normalized, childFirstNames, knownTitles);
        if (read.intent() == Intent.UNKNOWN && CYRILLIC_LETTER.matcher(normalized).find()) {
            // Uzbek written in Cyrillic ("Қайси фан энг заиф?", "Обунам қачонгача?"), as many families do: the Uzbek
            // cues are in Latin letters. Tried only when the text as written says nothing, so Russian is read as is.
            Recognition inLatin = read(text, uzbekLatin(text), childFirstNames, knownTitles);
            if (inLatin.intent() != Intent.UNKNOWN) {
                read = inLatin;
            }
        }
        if (read.intent() == Intent.UNKNOWN && read.day().isPresent()) {
            // Just a day ("А вчера?", "And today?"): what the children did then.
            return new Recognition(Intent.RECENT_ACTIVITY, read.child(), Optional.empty(), read.period(), Set.of(),
                    Optional.empty(), read.otherName(), Optional.empty(), read.day());
        }
        if (read.intent() == Intent.UNKNOWN && (read.child().isPresent() || read.otherName().isPresent()
                || read.subject().isPresent())) {
            // Just a name or a subject ("А Дилноза?", "А по физике?"): how that child, or the children, are doing is
            // the likeliest question.
            return new Recognition(Intent.PROGRESS, read.child(), Optional.empty(), read.period(), Set.of(),
                    Optional.empty(), read.otherName(), read.subject(), Optional.empty());
        }
        return read;
    }

    /** Any Cyrillic letter: a text that may be Uzbek in Cyrillic script. */
    private static final Pattern CYRILLIC_LETTER = Pattern.compile("\\p{IsCyrillic}");

    /**
     * Whether {@code test} holds for the text's words as written or, for a Cyrillic text that fails it, for them spelled
     * in Uzbek Latin letters (Uzbek in Cyrillic script, as {@link #recognize} reads it).
     */
    private static boolean inEitherSpelling(String text, Predicate<List<String>> test) {
        String normalized = normalize(text == null ? "" : text);
        return test.test(tokens(normalized))
                || CYRILLIC_LETTER.matcher(normalized).find() && test.test(tokens(uzbekLatin(text)));
    }

    /** The text normalized and spelled in Uzbek Latin letters; "ё" is "yo" there ("ёзманг": "yozmang"), not "e". */
    private static String uzbekLatin(String text) {
        return latin(normalize(text == null ? "" : text.toLowerCase(Locale.ROOT).replace("ё", "йо")));
    }

    /** {@link #recognize} on one spelling of the text, a bare name still {@link Intent#UNKNOWN}. */
    private static Recognition read(String text, String normalized, Collection<String> childFirstNames,
                                    Collection<String> knownTitles) {
        List<String> tokens = tokens(normalized);
        Optional<String> child = childHint(tokens, childFirstNames);
        // Only worth the scan when there are children to tell apart from someone else.
        Optional<String> otherName = child.isEmpty() && !childFirstNames.isEmpty()
                ? otherName(text, childFirstNames, knownTitles) : Optional.empty();
        // "Is she doing better than last week?", "Сравни Анну с прошлой неделей": the running period, whose figures
        // come with the comparison to the one before.
        boolean againstThePast = LAST.test(tokens) && THAN.test(tokens);
        Period period = againstThePast ? period(tokens).running() : period(tokens);

        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        KINDS.forEach((kind, cue) -> {
            if (cue.test(tokens)) {
                kinds.add(kind);
            }
        });
        Optional<Boolean> switchOn = OFF.test(tokens) ? Optional.of(false)
                : ON.test(tokens) ? Optional.of(true) : Optional.empty();
        // "Не беспокойте ночью" asks for quiet hours, not to switch them off: only an explicit verb switches them.
        Optional<Boolean> quietSwitch = SWITCH_OFF.test(tokens) ? Optional.of(false)
                : ON.test(tokens) ? Optional.of(true) : Optional.empty();
        Optional<QuietHours> hours = quietHours(normalized, tokens);
        boolean timeNamed = hours.isPresent() || RANGE.matcher(normalized).find() || AFTER.matcher(normalized).find()
                || UZ_AFTER.matcher(normalized).find();
        boolean dontWrite = DONT_WRITE.test(tokens);
        boolean notification = NOTIFICATION.test(tokens);

        Intent intent;
        if (QUIET.test(tokens) || timeNamed && (dontWrite || notification)
                || dontWrite && kinds.isEmpty() && !notification) {
            intent = Intent.QUIET_HOURS;
        } else if (notification || !kinds.isEmpty() && (switchOn.isPresent() || STATE.test(tokens))) {
            intent = Intent.NOTIFICATIONS;
        } else {
            intent = TOPICS.stream().filter(topic -> topic.cue().test(tokens)).map(Topic::intent).findFirst()
                    .orElse(Intent.UNKNOWN);
        }
        Optional<Day> day = Day.named(tokens);
        if (intent == Intent.COMPARE && againstThePast) {
            intent = Intent.PROGRESS;
        }
        if (intent == Intent.PROGRESS && day.isPresent()) {
            // "Как Тимур занимался сегодня?": the day's activities, not the week's totals.
            intent = Intent.RECENT_ACTIVITY;
        } else if (intent == Intent.RECENT_ACTIVITY && day.isEmpty() && (WEEK.test(tokens) || MONTH.test(tokens))) {
            // "What did Aziz do last week?": a period's figures.
            intent = Intent.PROGRESS;
        }
        Optional<Subject> subject = Subject.named(tokens);
        if (intent == Intent.CHILDREN && subject.isPresent() && !CHILDREN.test(tokens)) {
            // "Как Анна по курсу математики?": that subject's progress, not the list of courses.
            intent = Intent.PROGRESS;
        }
        return new Recognition(intent, child,
                intent == Intent.QUIET_HOURS ? hours : Optional.empty(), period,
                intent == Intent.NOTIFICATIONS ? kinds : Set.of(),
                intent == Intent.NOTIFICATIONS ? switchOn
                        : intent == Intent.QUIET_HOURS ? quietSwitch : Optional.empty(),
                otherName, intent == Intent.PROGRESS || intent == Intent.UNKNOWN ? subject : Optional.empty(),
                intent == Intent.RECENT_ACTIVITY || intent == Intent.UNKNOWN ? day : Optional.empty());
    }

    /**
     * True when the text only thanks ("Спасибо!", "Rahmat", "thanks a lot, great"): no question to answer, and the
     * examples of what to ask would be the wrong reply. A thank-you with a question in it is the question.
     */
    static boolean onlyThanks(String text) {
        return inEitherSpelling(text, Intents::onlyThanks);
    }

    private static boolean onlyThanks(List<String> tokens) {
        return !tokens.isEmpty() && THANKS.test(tokens) && COURTESY_WORDS.containsAll(tokens);
    }

    /**
     * True when the text only greets ("Привет!", "Assalomu alaykum", "Good evening"): the answer greets back before
     * the examples of what to ask. A greeting with a question in it is the question.
     */
    static boolean onlyGreeting(String text) {
        return inEitherSpelling(text, Intents::onlyGreeting);
    }

    private static boolean onlyGreeting(List<String> tokens) {
        return !tokens.isEmpty() && GREETING_WORDS.containsAll(tokens)
                && tokens.stream().anyMatch(GREETINGS::contains);
    }

    /**
     * False when {@link #recognize} cannot find advice asked for (recommendations or the weakest subject) in the text:
     * each needs its topic's words, so a text without them is settled by those two tests alone. Choosing the prompt
     * of every question runs this instead of the whole recognizer (quiet hours' patterns, periods, settings cues).
     */
    static boolean mayAskAdvice(String text) {
        return inEitherSpelling(text, Intents::mayAskAdvice);
    }

    private static boolean mayAskAdvice(List<String> tokens) {
        return WEAKEST.test(tokens) || RECOMMENDATIONS.test(tokens);
    }

    // --- text -----------------------------------------------------------------------------------------------------

    /**
     * The words of a text as the recognizer reads them: lower case, "ё" as "е", apostrophes dropped ("o'zbek" and
     * "oʻzbek" read "ozbek"), split at everything that is neither letter nor digit.
     */
    public static List<String> words(String text) {
        return tokens(normalize(text == null ? "" : text));
    }

    static String normalize(String text) {
        String cut = text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
        String lower = cut.toLowerCase(Locale.ROOT).replace('ё', 'е').replace('–', '-').replace('—', '-');
        return APOSTROPHES.matcher(lower).replaceAll("");
    }

    private static List<String> tokens(String normalized) {
        return Arrays.stream(BETWEEN_WORDS.split(normalized)).filter(token -> !token.isEmpty()).toList();
    }

    private static Period period(List<String> tokens) {
        boolean last = LAST.test(tokens);
        if (MONTH.test(tokens)) {
            return last ? Period.LAST_MONTH : Period.MONTH;
        }
        return last && WEEK.test(tokens) ? Period.LAST_WEEK : Period.WEEK;
    }

    // --- quiet hours ----------------------------------------------------------------------------------------------

    /**
     * Quiet hours in a parent's words where hours are asked for: "22-7", "с 23 до 7", "from 11pm till 6:30am",
     * "после 21:00" (until 08:00), "soat 21 dan keyin". Empty when the text names none, or a start equal to the end.
     */
    public static Optional<QuietHours> typedQuietHours(String text) {
        String normalized = normalize(text == null ? "" : text);
        return quietHours(normalized, tokens(normalized));
    }

    private static Optional<QuietHours> quietHours(String normalized, List<String> tokens) {
        Matcher range = RANGE.matcher(normalized);
        if (range.find()) {
            Optional<LocalTime> start = time(range.group(1), range.group(2), range.group(3), false);
            Optional<LocalTime> end = time(range.group(4), range.group(5), range.group(6), false);
            if (start.isPresent() && end.isPresent()) {
                LocalTime from = start.get();
                // "с 10 до 7", "9-7" without am/pm: nobody wants 21 quiet hours a day; they mean the evening.
                if (range.group(3) == null && from.getHour() >= 1 && from.getHour() <= 11
                        && end.get().isBefore(from)) {
                    from = from.plusHours(12);
                }
                return from.equals(end.get()) ? Optional.empty() : Optional.of(new QuietHours(from, end.get()));
            }
        }
        Matcher after = AFTER.matcher(normalized);
        if (after.find()) {
            String partOfDay = after.group(4);
            boolean morning = "утра".equals(partOfDay);
            Optional<LocalTime> start = time(after.group(1), after.group(2),
                    after.group(3) != null ? after.group(3) : morning ? "am" : null, true);
            return start.flatMap(Intents::untilMorning);
        }
        Matcher uzbek = UZ_AFTER.matcher(normalized);
        if (uzbek.find()) {
            // An "after" phrase is about the evening already ("9 dan keyin": 21:00); "kechqurun" or "kechasi" around
            // a 21 or a 23 must not make it "pm" on top, which no hour past 12 can be.
            Optional<LocalTime> start = time(uzbek.group(1), uzbek.group(2), uzbek.group(3), true);
            return start.flatMap(Intents::untilMorning);
        }
        return Optional.empty();
    }

    private static Optional<QuietHours> untilMorning(LocalTime start) {
        return start.equals(DEFAULT_QUIET_END) ? Optional.empty() : Optional.of(new QuietHours(start, DEFAULT_QUIET_END));
    }

    /**
     * @param evening whether an hour of 1..11 without am/pm means the evening ("не пишите после 9": 21:00) and 12
     *                means midnight; true for "after" phrases, which are about the evening
     */
    private static Optional<LocalTime> time(String hourDigits, String minuteDigits, String meridiem, boolean evening) {
        int hour = Integer.parseInt(hourDigits);
        int minute = minuteDigits == null ? 0 : Integer.parseInt(minuteDigits);
        if (hour > 24 || minute > 59 || hour == 24 && minute > 0) {
            return Optional.empty();
        }
        hour %= 24;
        if (meridiem != null) {
            if (hour > 12) {
                return Optional.empty();
            }
            boolean pm = meridiem.startsWith("p");
            hour = pm ? (hour == 12 ? 12 : hour + 12) : (hour == 12 ? 0 : hour);
        } else if (evening && hour >= 1 && hour <= 11) {
            hour += 12;
        } else if (evening && hour == 12) {
            hour = 0;
        }
        return Optional.of(LocalTime.of(hour, minute));
    }

    // --- the child ------------------------------------------------------------------------------------------------

    /**
     * The one child whose first name starts a word of the text, compared in Latin letters so that "Дилнозы" finds
     * Dilnoza: at least four letters in common, and at most two of the name missing (Russian endings replace the last
     * letter: "Малики" for Malika). Names shorter than four letters must be followed only by a short suffix
     * ("Alining"), so "Ali" does not match "Alisher". A text naming two children gives no hint: it is about both.
     */
    static Optional<String> childHint(List<String> tokens, Collection<String> names) {
        List<String> mentioned = new java.util.ArrayList<>();
        for (String name : names) {
            String latinName = latin(normalize(name.strip()));
            if (!latinName.isEmpty() && tokens.stream().anyMatch(token -> match(latin(token), latinName) > 0)) {
                mentioned.add(name);
            }
        }
        return mentioned.size() == 1 ? Optional.of(mentioned.getFirst()) : Optional.empty();
    }

    private static final Cue THANKS = Cue.stems("спасиб", "благодар", "thank", "thx", "rahmat", "raxmat");
    /** Every word a thank-you may hold, apostrophes gone: anything else makes the text a question. */
    private static final Set<String> COURTESY_WORDS = Set.of(
            "спасибо", "большое", "огромное", "благодарю", "вам", "тебе", "очень", "хорошо", "понятно", "ясно",
            "отлично", "ок",
            "thanks", "thank", "you", "thx", "so", "much", "a", "lot", "very", "ok", "okay", "great", "good",
            "rahmat", "raxmat", "katta", "sizga", "kop", "juda", "yaxshi", "tushunarli", "zor", "ajoyib");

    /** Words that greet on their own. */
    private static final Set<String> GREETINGS = Set.of("привет", "здравствуйте", "здравствуй", "здрасте",
            "добрый", "доброе", "hello", "hi", "hey", "morning", "afternoon", "evening", "salom", "assalomu",
            "assalom", "xayrli");
    /** Every word a greeting may hold, apostrophes gone: anything else makes the text a question. */
    private static final Set<String> GREETING_WORDS = Set.of("привет", "здравствуйте", "здравствуй", "здрасте",
            "добрый", "доброе", "день", "вечер", "утро", "всем", "бот",
            "hello", "hi", "hey", "good", "morning", "afternoon", "evening", "there", "bot",
            "salom", "assalomu", "assalom", "alaykum", "aleykum", "xayrli", "kun", "tong", "kech");

    /** A capitalised word: a capital, then at least two small letters (Uzbek apostrophes included). */
    private static final Pattern CAPITALISED = Pattern.compile("\\p{Lu}[\\p{Ll}'’ʻʼ]{2,}");
    /** Words and the marks that end a sentence; the first word of a sentence is capitalised anyway. */
    private static final Pattern WORD_OR_STOP = Pattern.compile("[\\p{L}\\p{M}'’ʻʼ`]+|[.!?\\n]");
    /** A quoted title («Алгебра 7», “Algebra 7”, "Algebra 7"): data the parent quotes, not a name. */
    private static final Pattern QUOTED = Pattern.compile("«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"");
    /**
     * Words written with a capital in mid-sentence that are no one's name (compared after {@link #normalize}):
     * subjects and languages as English writes them, days and months, the services a parent may name, the polite
     * Russian "Вы" (and "Ваш…", by prefix) and the Uzbek "Siz…" (by prefix).
     */
    private static final Set<String> NOT_NAMES = Set.of("english", "russian", "uzbek", "math", "maths",
            "mathematics", "algebra", "geometry", "physics", "chemistry", "biology", "history", "geography",
            "literature", "science", "informatics", "python", "java", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december", "mentorium", "telegram", "stars", "payme",
            "click", "mom", "mum", "dad", "вы", "вас", "вам", "вами", "мама", "папа", "бот", "телеграм",
            "менториум", "ozbek", "ingliz", "rus", "onasi", "otasi");

    /**
     * The first word of the text that looks like someone's name and is none of the children's: capitalised in
     * mid-sentence, outside quotes, not a known title's word nor one of {@link #NOT_NAMES}. A child the parent
     * calls by a pet name ("Тима" for Timur) is taken for someone else: the answer says so and still covers the
     * linked children, which is better than a silent answer about another child.
     */
    static Optional<String> otherName(String text, Collection<String> childFirstNames,
                                      Collection<String> knownTitles) {
        String cut = text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
        // Titles' words compared like names, so that "по Алгебре" finds "Алгебра 7"; digits are never capitalised.
        Set<String> known = new java.util.HashSet<>();
        for (String title : knownTitles) {
            tokens(normalize(title)).stream().filter(word -> word.length() >= 3).forEach(known::add);
        }
        Matcher words = WORD_OR_STOP.matcher(QUOTED.matcher(cut).replaceAll(" x "));
        boolean sentenceStart = true;
        while (words.find()) {
            String word = words.group();
            if (word.length() == 1 && ".!?\n".indexOf(word.charAt(0)) >= 0) {
                sentenceStart = true;
                continue;
            }
            boolean first = sentenceStart;
            sentenceStart = false;
            String plain = normalize(word);
            if (first || !CAPITALISED.matcher(word).matches() || plain.length() < 3
                    // "I'm", "I've", "I'll": English, not a name.
                    || word.length() > 1 && "'’".indexOf(word.charAt(1)) >= 0 && word.charAt(0) == 'I'
                    || NOT_NAMES.contains(plain) || plain.startsWith("ваш") || plain.startsWith("siz")
                    // "<b>Привет</b>", "Ну Привет", "Thanks, Great": greeted or thanked, nobody named.
                    || GREETING_WORDS.contains(plain) || COURTESY_WORDS.contains(plain)
                    || known.stream().anyMatch(title -> match(plain, title) > 0)
                    || Subject.named(List.of(plain)).isPresent()
                    || childFirstNames.stream()
                            .anyMatch(name -> childHint(List.of(plain), List.of(name)).isPresent())) {
                continue;
            }
            return Optional.of(word);
        }
        return Optional.empty();
    }

    private static int match(String token, String name) {
        if (name.length() < 4) {
            return token.startsWith(name) && token.length() <= name.length() + 4 ? name.length() : 0;
        }
        int common = 0;
        while (common < token.length() && common < name.length() && token.charAt(common) == name.charAt(common)) {
            common++;
        }
        if (common >= 4 && common >= name.length() - 2) {
            return common;
        }
        return caseOfAName(token, name) ? common : 0;
    }

    /**
     * Russian case endings that replace a name's final "a" or "ya" (Анна → Анны, Анне, Анну, Анной; Юля → Юли, Юлю),
     * spelled in Latin letters as {@link #latin} writes them.
     */
    private static final Set<String> CASE_ENDINGS = Set.of("i", "e", "u", "oy", "ey", "yu", "ya");

    /**
     * Whether the token is the name in a Russian case, for names short enough that the stem left has fewer than four
     * letters ("Анны" for Anna, "Ольги" for Olga): only the endings of {@link #CASE_ENDINGS} after it, so that
     * "Sarvar" is not Sara and "Azim" not Aziz.
     */
    private static boolean caseOfAName(String token, String name) {
        if (!name.endsWith("a")) {
            return false;
        }
        String stem = name.substring(0, name.length() - (name.endsWith("ya") ? 2 : 1));
        return stem.length() >= 2 && token.startsWith(stem) && CASE_ENDINGS.contains(token.substring(stem.length()));
    }

    private static final Map<Character, String> CYRILLIC = cyrillic();

    private static Map<Character, String> cyrillic() {
        String[] pairs = {"а", "a", "б", "b", "в", "v", "г", "g", "д", "d", "е", "e", "ж", "j", "з", "z", "и", "i",
                "й", "y", "к", "k", "л", "l", "м", "m", "н", "n", "о", "o", "п", "p", "р", "r", "с", "s", "т", "t",
                "у", "u", "ф", "f", "х", "x", "ц", "ts", "ч", "ch", "ш", "sh", "щ", "sh", "ъ", "", "ы", "i", "ь", "",
                "э", "e", "ю", "yu", "я", "ya", "ў", "o", "қ", "q", "ғ", "g", "ҳ", "h"};
        Map<Character, String> map = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i].charAt(0), pairs[i + 1]);
        }
        return map;
    }

    /** Cyrillic spelled in Uzbek Latin letters, the way Uzbek families write names in either script. */
    static String latin(String lower) {
        StringBuilder latin = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            String mapped = CYRILLIC.get(c);
            latin.append(mapped != null ? mapped : String.valueOf(c));
        }
        return latin.toString();
    }

    // --- cues -----------------------------------------------------------------------------------------------------

    /** A test on the words of a text. */
    @FunctionalInterface
    private interface Cue {

        boolean test(List<String> tokens);

        default Cue or(Cue other) {
            return tokens -> test(tokens) || other.test(tokens);
        }

        default Cue and(Cue other) {
            return tokens -> test(tokens) && other.test(tokens);
        }

        /** A word starting with one of the stems. */
        static Cue stems(String... stems) {
            return tokens -> tokens.stream().anyMatch(token -> {
                for (String stem : stems) {
                    if (token.startsWith(stem)) {
                        return true;
                    }
                }
                return false;
            });
        }

        /** Exactly one of the words: for short words whose stems would match too much ("on", "tip", "oy"). */
        static Cue words(String... words) {
            List<String> wanted = List.of(words);
            return tokens -> tokens.stream().anyMatch(wanted::contains);
        }

        /**
         * Consecutive words starting with these stems: "тихие часы", "in a row". A stem ending in {@code $} must be the
         * whole word, for short words that begin many others ("не" and "неделя").
         */
        static Cue seq(String... stems) {
            return tokens -> {
                for (int i = 0; i + stems.length <= tokens.size(); i++) {
                    boolean all = true;
                    for (int j = 0; j < stems.length && all; j++) {
                        String stem = stems[j];
                        String token = tokens.get(i + j);
                        all = stem.endsWith("$") ? token.equals(stem.substring(0, stem.length() - 1))
                                : token.startsWith(stem);
                    }
                    if (all) {
                        return true;
                    }
                }
                return false;
            };
        }
    }
}
