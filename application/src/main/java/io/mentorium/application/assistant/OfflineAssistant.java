package io.mentorium.application.assistant;

import io.mentorium.application.port.out.AiAssistant.ToolBox;
import io.mentorium.application.port.out.AiAssistant.ToolCall;
import io.mentorium.application.port.out.AiAssistant.ToolResult;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.QuietHours;
import io.mentorium.domain.shared.Language;
import jakarta.inject.Inject;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a parent when the language model cannot: the question's intent is recognised by keywords, the facts come
 * from the very same tools the model would call (so the parent's authority and the privacy rules are the same), and
 * the answer is assembled from fixed sentences in the parent's language. Plain text; the caller escapes it and adds
 * the {@link #label} line.
 *
 * <p>It says only what the tool results hold, and says so plainly when they hold nothing.
 */
public final class OfflineAssistant implements OfflineAnswers {

    static final String BUNDLE = "io.mentorium.application.assistant.offline";
    /** A family has at most ten children; the answer covers each of them when the question names none. */
    private static final int MAX_CHILDREN = 10;
    private static final int MAX_LINES_PER_SECTION = 5;

    private static final Logger LOG = LoggerFactory.getLogger(OfflineAssistant.class);

    private final Map<Language, ResourceBundle> bundles = new EnumMap<>(Language.class);

    @Inject
    public OfflineAssistant() {
        for (Language language : Language.values()) {
            bundles.put(language, load(language));
        }
    }

    /**
     * The bundle of exactly this language: without the no-fallback control, a missing file would silently be replaced
     * by the bundle of the JVM's default locale.
     */
    static ResourceBundle load(Language language) {
        return ResourceBundle.getBundle(BUNDLE, language.locale(), OfflineAssistant.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The line the caller puts above an offline answer. */
    @Override
    public String label(Language language) {
        return text(language, "label");
    }

    /** Why the answer is offline, for when the parent expected the model. */
    @Override
    public String modelUnavailableNotice(Language language) {
        return text(language, "model_unavailable");
    }

    @Override
    public String answer(Language language, String question, ToolBox tools) {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(tools, "tools");
        try {
            return new Answer(language, tools).to(question == null ? "" : question);
        } catch (RuntimeException unexpected) {
            // A tool result of an unexpected shape must not cost the parent an answer; no question text is logged.
            LOG.error("Offline assistant could not compose an answer: {}", unexpected.getClass().getName());
            return text(language, "data_error");
        }
    }

    /** {@code today}: the child's own date now (YYYY-MM-DD), as {@code list_children} gives it. */
    private record Kid(String alias, String firstName, String today) {
    }

    private record Studied(String name, int minutes) {
    }

    /**
     * " (math)" after a course title the subject adds something to ("Algebra 7"); nothing after one that names it
     * already ("Mathematics", "Uzbek language"), where the platform's subject code only repeated the title.
     */
    static String subjectAfter(String title, String subject) {
        String code = subject.strip().toLowerCase(Locale.ROOT);
        return code.isEmpty() || title.toLowerCase(Locale.ROOT).contains(code) ? "" : " (" + subject.strip() + ")";
    }

    /** One answer: the language and the tool box, so the helpers need not pass them around. */
    private final class Answer {

        private final Language language;
        private final ToolBox tools;

        Answer(Language language, ToolBox tools) {
            this.language = language;
            this.tools = tools;
        }

        String to(String question) {
            ToolResult listed = call(AssistantTools.LIST_CHILDREN, Map.of());
            List<Map<String, Object>> children = listed.ok() ? maps(listed.content().get("children")) : List.of();
            List<Kid> kids = children.stream()
                    .map(child -> new Kid(string(child, "child"), string(child, "first_name"),
                            string(child, "today")))
                    .toList();
            List<String> titles = children.stream()
                    .flatMap(child -> maps(child.get("courses")).stream())
                    .map(course -> string(course, "title"))
                    .toList();
            Intents.Recognition recognition = Intents.recognize(question,
                    kids.stream().map(Kid::firstName).toList(), titles);
            return switch (recognition.intent()) {
                // The examples name the parent's own child, so they can be tried as they stand.
                case UNKNOWN -> Intents.onlyThanks(question) ? text("thanks")
                        : (Intents.onlyGreeting(question) ? text("greeting") + "\n\n" : "")
                        + text("help", kids.isEmpty() ? text("example_name") : kids.getFirst().firstName());
                case SUBSCRIPTION -> subscription();
                case NOTIFICATIONS -> notifications(recognition);
                case QUIET_HOURS -> quietHours(recognition);
                // A child named ("Какие курсы у Анны?"): that child's line and courses only.
                case CHILDREN -> listed.ok() ? children(recognition.child()
                        .map(name -> children.stream().filter(child -> name.equals(string(child, "first_name")))
                                .toList())
                        .filter(named -> !named.isEmpty())
                        .orElse(children)) : text("data_error");
                case COMPARE -> {
                    if (!listed.ok()) {
                        yield text("data_error");
                    }
                    if (kids.isEmpty()) {
                        yield text("no_children");
                    }
                    // One child named ("compare Aziz with last week"): compared with the period before, which the
                    // running period's progress does in its trend line. Only one child linked: that child's progress.
                    Optional<Kid> named = recognition.child()
                            .flatMap(name -> kids.stream().filter(kid -> kid.firstName().equals(name)).findFirst());
                    if (named.isPresent()) {
                        yield progress(named.get(), recognition.period().monthly() ? Intents.Period.MONTH
                                : Intents.Period.WEEK);
                    }
                    if (kids.size() == 1) {
                        // Said, so that a parent who expected two children learns the other one is not linked.
                        yield text("compare_one_child", kids.getFirst().firstName()) + "\n\n"
                                + progress(kids.getFirst(), recognition.period());
                    }
                    yield compare(kids.subList(0, Math.min(kids.size(), MAX_CHILDREN)), recognition.period());
                }
                case PROGRESS, REPORT, STREAK, RECENT_ACTIVITY, WEAKEST_SUBJECT, RECOMMENDATIONS -> {
                    if (!listed.ok()) {
                        yield text("data_error");
                    }
                    if (kids.isEmpty()) {
                        yield text("no_children");
                    }
                    List<Kid> targets = recognition.child()
                            .flatMap(name -> kids.stream().filter(kid -> kid.firstName().equals(name)).findFirst())
                            .map(List::of)
                            .orElse(kids);
                    List<String> blocks = new ArrayList<>();
                    // Someone else's name: say so rather than answer about another child as if asked.
                    recognition.otherName().ifPresent(name -> blocks.add(text("other_child", name)));
                    for (Kid kid : targets.subList(0, Math.min(targets.size(), MAX_CHILDREN))) {
                        blocks.add(aboutChild(recognition, kid));
                    }
                    yield String.join("\n\n", blocks);
                }
            };
        }

        private String aboutChild(Intents.Recognition recognition, Kid kid) {
            Intents.Period period = recognition.period();
            return switch (recognition.intent()) {
                case REPORT -> period == Intents.Period.LAST_WEEK || period == Intents.Period.LAST_MONTH
                        // The report tool covers the period running now; a past one is read as progress.
                        ? progress(kid, period)
                        : report(kid, period.monthly() ? "monthly" : "weekly");
                case STREAK -> streak(kid);
                case RECENT_ACTIVITY -> recognition.day().map(day -> onDay(kid, day)).orElseGet(() -> recent(kid));
                case WEAKEST_SUBJECT -> weakest(kid, period == Intents.Period.WEEK ? Intents.Period.MONTH : period);
                case RECOMMENDATIONS -> recommendations(kid);
                default -> progress(kid, period, recognition.subject());
            };
        }

        // --- children and figures -----------------------------------------------------------------------------------

        private String children(List<Map<String, Object>> children) {
            if (children.isEmpty()) {
                return text("no_children");
            }
            List<String> lines = new ArrayList<>();
            lines.add(text("children_title"));
            for (Map<String, Object> child : children) {
                String name = string(child, "first_name");
                if (Boolean.FALSE.equals(child.get("available"))) {
                    lines.add(text("child_unavailable_line", name));
                    continue;
                }
                Object grade = child.get("grade");
                lines.add(grade instanceof String value
                        ? text("child_with_grade", name, value)
                        : text("child_without_grade", name));
                for (Map<String, Object> course : maps(child.get("courses"))) {
                    lines.add(text("course_line", string(course, "title"), course.get("progress_percent")));
                }
            }
            return String.join("\n", lines);
        }

        /**
         * A line per child over the same period, then who studied longest: the figures the progress tool gives, side by
         * side. Minutes decide, as lessons differ in length and scores only count where there were quizzes.
         */
        private String compare(List<Kid> kids, Intents.Period period) {
            List<String> lines = new ArrayList<>();
            lines.add(text("compare_title", text("period_" + period.toolValue())));
            // Per child, not per name: two children may share a first name.
            List<Studied> studied = new ArrayList<>();
            for (Kid kid : kids) {
                ToolResult result = call(AssistantTools.GET_PROGRESS,
                        Map.of("child", kid.alias(), "period", period.toolValue()));
                if (!result.ok()) {
                    lines.add(unavailable(result)
                            ? text("child_unavailable_line", kid.firstName())
                            : text("compare_no_data", kid.firstName()));
                    continue;
                }
                Map<String, Object> figures = result.content();
                if (Boolean.TRUE.equals(figures.get("no_activity"))) {
                    lines.add(text("compare_no_activity", kid.firstName()));
                    continue;
                }
                String line = text("compare_line", kid.firstName(), figures.get("lessons_completed"),
                        figures.get("minutes"), figures.get("active_days"));
                if (figures.get("average_score") instanceof Number score) {
                    line += text("compare_score", score);
                }
                lines.add(line);
                studied.add(new Studied(kid.firstName(),
                        figures.get("minutes") instanceof Number value ? value.intValue() : 0));
            }
            int most = studied.stream().mapToInt(Studied::minutes).max().orElse(0);
            if (most > 0) {
                List<String> first = studied.stream().filter(child -> child.minutes() == most)
                        .map(Studied::name).toList();
                lines.add(first.size() > 1 && first.size() == kids.size()
                        ? text("compare_tie", most)
                        : text("compare_most", String.join(", ", first), most));
            }
            return String.join("\n", lines);
        }

        private String progress(Kid kid, Intents.Period period) {
            return progress(kid, period, Optional.empty());
        }

        /** The period's figures; a subject asked about ("in maths") comes first, with its courses' own figures. */
        private String progress(Kid kid, Intents.Period period, Optional<Intents.Subject> subject) {
            ToolResult result = call(AssistantTools.GET_PROGRESS,
                    Map.of("child", kid.alias(), "period", period.toolValue()));
            if (!result.ok()) {
                return failure(kid, result);
            }
            Map<String, Object> figures = result.content();
            String periodName = text("period_" + period.toolValue());
            if (Boolean.TRUE.equals(figures.get("no_activity"))) {
                String none = text("no_activity", kid.firstName(), periodName);
                return subject.filter(asked -> coursesOf(asked, figures).isEmpty())
                        .map(asked -> noCourse(kid, asked) + "\n" + none)
                        .orElse(none);
            }
            List<String> lines = new ArrayList<>();
            lines.add(text("progress_title", kid.firstName(), periodName, day(figures.get("from")),
                    day(figures.get("to"))));
            if (subject.isPresent()) {
                // What a parent asking "how is she doing in maths?" wants first; the totals follow.
                List<Map<String, Object>> courses = coursesOf(subject.get(), figures);
                if (courses.isEmpty()) {
                    lines.add(noCourse(kid, subject.get()));
                } else {
                    courses.stream().limit(MAX_LINES_PER_SECTION).map(this::courseLine).forEach(lines::add);
                }
                lines.add(text("all_subjects"));
            }
            lines.addAll(figureLines(figures));
            return String.join("\n", lines);
        }

        private List<Map<String, Object>> coursesOf(Intents.Subject subject, Map<String, Object> figures) {
            return maps(figures.get("courses")).stream()
                    .filter(course -> subject.teaches(string(course, "title"), string(course, "subject")))
                    .toList();
        }

        private String noCourse(Kid kid, Intents.Subject subject) {
            return text("no_course", kid.firstName(), text("subject_" + subject.name().toLowerCase(Locale.ROOT)));
        }

        private String courseLine(Map<String, Object> course) {
            String title = string(course, "title");
            String after = subjectAfter(title, string(course, "subject"));
            Object percent = course.get("progress_percent") instanceof Number number ? number : 0;
            int activities = course.get("activities") instanceof Number number ? number.intValue() : 0;
            if (activities == 0) {
                return text("subject_course_idle", title, after, percent);
            }
            return course.get("average_score") instanceof Number score
                    ? text("subject_course_line", title, after, activities, score, percent)
                    : text("subject_course_unscored", title, after, activities, percent);
        }

        private List<String> figureLines(Map<String, Object> figures) {
            List<String> lines = new ArrayList<>();
            lines.add(text("figures", figures.get("lessons_completed"), figures.get("minutes"),
                    figures.get("active_days")));
            if (figures.get("average_score") instanceof Number score) {
                lines.add(text("average_score", score));
            }
            Map<String, Object> trend = map(figures.get("trend"));
            int minutesDelta = trend.get("minutes_delta") instanceof Number delta ? delta.intValue() : 0;
            lines.add(switch (String.valueOf(trend.get("direction"))) {
                case "up" -> text("trend_up", Math.abs(minutesDelta));
                case "down" -> text("trend_down", Math.abs(minutesDelta));
                case "flat" -> text("trend_flat");
                default -> text("trend_no_baseline");
            });
            if (figures.get("streak_days") instanceof Number streak && streak.intValue() > 0) {
                lines.add(text("streak", streak));
            }
            return lines;
        }

        private String report(Kid kid, String kind) {
            ToolResult result = call(AssistantTools.GET_REPORT, Map.of("child", kid.alias(), "kind", kind));
            if (!result.ok()) {
                return failure(kid, result);
            }
            Map<String, Object> report = result.content();
            List<String> lines = new ArrayList<>();
            lines.add(text("report_title_" + kind, kid.firstName(), day(report.get("from")), day(report.get("to"))));
            if (Boolean.TRUE.equals(report.get("no_activity"))) {
                lines.add(text("no_activity", kid.firstName(),
                        text(kind.equals("monthly") ? "period_month" : "period_week")));
            } else {
                lines.addAll(figureLines(report));
            }
            section(lines, "highlights_title", maps(report.get("highlights")), this::highlight);
            section(lines, "gaps_title", maps(report.get("gaps")),
                    gap -> text("gap_line", day(gap.get("from")), day(gap.get("to")), gap.get("days")));
            section(lines, "suggestions_title", maps(report.get("suggestions")), this::suggestion);
            return String.join("\n", lines);
        }

        private String streak(Kid kid) {
            ToolResult result = call(AssistantTools.GET_PROGRESS, Map.of("child", kid.alias(), "period", "week"));
            if (!result.ok()) {
                return failure(kid, result);
            }
            int days = result.content().get("streak_days") instanceof Number streak ? streak.intValue() : 0;
            return days > 0 ? text("streak_line", kid.firstName(), days) : text("streak_none", kid.firstName());
        }

        private String weakest(Kid kid, Intents.Period period) {
            ToolResult result = call(AssistantTools.GET_PROGRESS,
                    Map.of("child", kid.alias(), "period", period.toolValue()));
            if (!result.ok()) {
                return failure(kid, result);
            }
            String periodName = text("period_" + period.toolValue());
            List<Map<String, Object>> scored = maps(result.content().get("courses")).stream()
                    .filter(course -> course.get("average_score") instanceof Number).toList();
            // One scored subject is no weakest one: "the lowest score is in English: 100 out of 100" misleads.
            String line = scored.size() == 1 ? "weakest_only" : "weakest_line";
            return scored.stream()
                    .min(Comparator.comparingDouble(course -> ((Number) course.get("average_score")).doubleValue()))
                    .map(course -> text(line, kid.firstName(), string(course, "title"),
                            subjectAfter(string(course, "title"), string(course, "subject")),
                            course.get("average_score"), periodName))
                    .orElseGet(() -> text("weakest_none", kid.firstName(), periodName));
        }

        /** The latest few activities, each with its date. */
        private String recent(Kid kid) {
            ToolResult result = call(AssistantTools.GET_RECENT_ACTIVITIES,
                    Map.of("child", kid.alias(), "limit", MAX_LINES_PER_SECTION));
            if (!result.ok()) {
                return failure(kid, result);
            }
            List<Map<String, Object>> activities = maps(result.content().get("activities"));
            if (activities.isEmpty()) {
                return text("recent_none", kid.firstName(), result.content().get("days"));
            }
            List<String> lines = new ArrayList<>();
            lines.add(text("recent_title", kid.firstName()));
            activities.forEach(activity -> lines.add(text("recent_line", day(activity.get("date")),
                    activityLine(activity))));
            return String.join("\n", lines);
        }

        /** What the child did on one day of their own calendar, with the day's totals. */
        private String onDay(Kid kid, Intents.Day asked) {
            // The day asked about is counted back from the child's today, in the child's calendar.
            String date = asked.dateFrom(LocalDate.parse(kid.today())).toString();
            ToolResult result = call(AssistantTools.GET_RECENT_ACTIVITIES,
                    Map.of("child", kid.alias(), "limit", AssistantTools.MAX_RECENT, "date", date));
            if (!result.ok()) {
                return failure(kid, result);
            }
            String dayName = text("day_" + asked.name().toLowerCase(Locale.ROOT));
            List<Map<String, Object>> activities = maps(result.content().get("activities")).reversed();
            if (activities.isEmpty()) {
                return text("day_none", kid.firstName(), dayName, day(date));
            }
            List<String> lines = new ArrayList<>();
            lines.add(text("day_title", kid.firstName(), dayName, day(date)));
            activities.forEach(activity -> lines.add(text("day_line", activityLine(activity))));
            lines.add(text("day_total", activities.size(), activities.stream()
                    .mapToInt(activity -> activity.get("minutes") instanceof Number minutes ? minutes.intValue() : 0)
                    .sum()));
            if (activities.size() == AssistantTools.MAX_RECENT) {
                lines.add(text("day_latest_only", AssistantTools.MAX_RECENT)); // the tool lists no more than that
            }
            return String.join("\n", lines);
        }

        /** "Quiz “Past simple” (English A2), 15 min, score 95 out of 100". */
        private String activityLine(Map<String, Object> activity) {
            String kind = string(activity, "kind");
            String kindWord = text(switch (kind) {
                case "lesson_completed", "quiz_completed", "homework_submitted", "practice" -> "activity_" + kind;
                default -> "activity_other";
            });
            String course = activity.get("course") instanceof String title && !title.isBlank()
                    ? text("activity_in_course", title) : "";
            String score = activity.get("score") instanceof Number value ? text("activity_score", value) : "";
            return text("activity_line", kindWord, string(activity, "title"), course,
                    activity.get("minutes") instanceof Number minutes ? minutes : 0) + score;
        }

        private String recommendations(Kid kid) {
            ToolResult result = call(AssistantTools.GET_REPORT, Map.of("child", kid.alias(), "kind", "weekly"));
            if (!result.ok()) {
                return failure(kid, result);
            }
            List<String> lines = new ArrayList<>();
            lines.add(text("recommendations_title", kid.firstName()));
            maps(result.content().get("suggestions")).stream().limit(MAX_LINES_PER_SECTION)
                    .map(this::suggestion).forEach(lines::add);
            return String.join("\n", lines);
        }

        private String highlight(Map<String, Object> highlight) {
            return switch (String.valueOf(highlight.get("type"))) {
                case "top_score" -> text("highlight_top_score", highlight.get("activity"), highlight.get("score"));
                case "long_streak" -> text("highlight_long_streak", highlight.get("days"));
                case "score_improved" -> text("highlight_score_improved", highlight.get("by"));
                case "course_finished" -> text("highlight_course_finished", highlight.get("course"));
                default -> "";
            };
        }

        private String suggestion(Map<String, Object> suggestion) {
            return switch (String.valueOf(suggestion.get("type"))) {
                case "start_studying" -> text("suggestion_start_studying");
                case "study_more_regularly" -> text("suggestion_study_more_regularly", suggestion.get("active_days"),
                        suggestion.get("period_days"));
                case "review_course" -> text("suggestion_review_course", suggestion.get("course"),
                        suggestion.get("average_score"));
                default -> text("suggestion_keep_it_up");
            };
        }

        private void section(List<String> lines, String titleKey, List<Map<String, Object>> items,
                             Function<Map<String, Object>, String> line) {
            List<String> rendered = items.stream().limit(MAX_LINES_PER_SECTION).map(line)
                    .filter(text -> !text.isEmpty()).toList();
            if (!rendered.isEmpty()) {
                lines.add(text(titleKey));
                lines.addAll(rendered);
            }
        }

        private String failure(Kid kid, ToolResult result) {
            if (unavailable(result)) {
                return text("child_unavailable", kid.firstName());
            }
            if (String.valueOf(result.content().get("error")).contains("not started")) {
                return text("period_not_started", kid.firstName());
            }
            return text("data_error");
        }

        // --- subscription and settings ------------------------------------------------------------------------------

        private String subscription() {
            ToolResult result = call(AssistantTools.GET_SUBSCRIPTION_STATUS, Map.of());
            if (!result.ok()) {
                return text("data_error");
            }
            Map<String, Object> status = result.content();
            String first = switch (String.valueOf(status.get("status"))) {
                case "active" -> text("subscription_active", day(status.get("until")));
                case "grace" -> text("subscription_grace", day(status.get("grace_until")));
                case "expired" -> text("subscription_expired", day(status.get("until")));
                default -> status.get("trial_until") != null
                        ? text("subscription_trial", day(status.get("trial_until")))
                        : text("subscription_none");
            };
            boolean open = map(status.get("features_allowed")).values().stream().anyMatch(Boolean.TRUE::equals);
            return first + "\n" + text(open ? "subscription_open" : "subscription_closed") + "\n"
                    + text("subscription_support");
        }

        private String notifications(Intents.Recognition recognition) {
            ToolResult current = call(AssistantTools.GET_SETTINGS, Map.of());
            if (!current.ok()) {
                return text("data_error");
            }
            Set<NotificationKind> enabled = kinds(current.content().get("enabled_kinds"));
            if (recognition.switchOn().isEmpty()) {
                return text("notifications_current", kindList(enabled), kindList(complement(enabled)))
                        + "\n" + text("notifications_how");
            }
            boolean on = recognition.switchOn().get();
            Set<NotificationKind> named = recognition.kinds().isEmpty()
                    ? EnumSet.allOf(NotificationKind.class) : EnumSet.copyOf(recognition.kinds());
            Set<NotificationKind> wanted = EnumSet.noneOf(NotificationKind.class);
            wanted.addAll(enabled);
            if (on) {
                wanted.addAll(named);
            } else {
                wanted.removeAll(named);
                wanted.add(NotificationKind.SYSTEM);
            }
            ToolResult changed = call(AssistantTools.SET_NOTIFICATION_PREFERENCES, Map.of("kinds",
                    wanted.stream().map(kind -> kind.name().toLowerCase(Locale.ROOT)).toList()));
            if (!changed.ok()) {
                return text("data_error");
            }
            Set<NotificationKind> now = kinds(changed.content().get("enabled_kinds"));
            String answer = text("notifications_changed", kindList(now), kindList(complement(now)));
            // Only worth saying when the parent asked for system messages by name.
            if (!on && recognition.kinds().contains(NotificationKind.SYSTEM)) {
                answer += "\n" + text("notifications_system_locked");
            }
            return answer;
        }

        private String quietHours(Intents.Recognition recognition) {
            Optional<String> wanted = recognition.quietHours().map(AssistantTools::quietHours)
                    .or(() -> recognition.switchOn().filter(on -> !on).map(off -> "off"));
            if (wanted.isPresent()) {
                ToolResult changed = call(AssistantTools.SET_NOTIFICATION_PREFERENCES,
                        Map.of("quiet_hours", wanted.get()));
                if (!changed.ok()) {
                    return text("data_error");
                }
                return describeQuietHours(changed.content(), "quiet_set", "quiet_off");
            }
            ToolResult current = call(AssistantTools.GET_SETTINGS, Map.of());
            if (!current.ok()) {
                return text("data_error");
            }
            return describeQuietHours(current.content(), "quiet_current", "quiet_current_off") + "\n"
                    + text("quiet_how");
        }

        private String describeQuietHours(Map<String, Object> settings, String rangeKey, String offKey) {
            Optional<Optional<QuietHours>> hours = AssistantTools.quietHours(String.valueOf(settings.get("quiet_hours")));
            if (hours.isEmpty() || hours.get().isEmpty()) {
                return text(offKey);
            }
            String[] range = AssistantTools.quietHours(hours.get().get()).split("-");
            return text(rangeKey, range[0], range[1]);
        }

        private String kindList(Set<NotificationKind> kinds) {
            if (kinds.isEmpty()) {
                return text("none");
            }
            return String.join(", ", kinds.stream()
                    .map(kind -> text("kind_" + kind.name().toLowerCase(Locale.ROOT))).toList());
        }

        // --- plumbing -------------------------------------------------------------------------------------------------

        private ToolResult call(String tool, Map<String, Object> arguments) {
            return tools.call(ToolCall.of(tool, arguments));
        }

        private String text(String key, Object... arguments) {
            return OfflineAssistant.this.text(language, key, arguments);
        }

        private String day(Object isoDate) {
            try {
                return LocalDate.parse(String.valueOf(isoDate)).format(DateTimeFormatter.ofPattern(
                        bundles.get(language).getString("format_day"), language.locale()));
            } catch (DateTimeParseException notADate) {
                return "";
            }
        }
    }

    /** The tool's answer for a child whose account the platform has deactivated or removed. */
    private static boolean unavailable(ToolResult result) {
        return String.valueOf(result.content().get("error")).contains("not available");
    }

    private static Set<NotificationKind> complement(Set<NotificationKind> kinds) {
        Set<NotificationKind> rest = EnumSet.allOf(NotificationKind.class);
        rest.removeAll(kinds);
        return rest;
    }

    private static Set<NotificationKind> kinds(Object names) {
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        if (names instanceof List<?> list) {
            for (Object name : list) {
                for (NotificationKind kind : NotificationKind.values()) {
                    if (kind.name().equalsIgnoreCase(String.valueOf(name))) {
                        kinds.add(kind);
                    }
                }
            }
        }
        return kinds;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<Map<String, Object>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(OfflineAssistant::map).toList();
    }

    private static String string(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? "" : String.valueOf(value);
    }

    String text(Language language, String key, Object... arguments) {
        String pattern = bundles.get(language).getString(key);
        return new MessageFormat(pattern, language.locale()).format(arguments);
    }

    /** The keys of a language's bundle, for the test that keeps the three bundles in step. */
    Set<String> keys(Language language) {
        return bundles.get(language).keySet();
    }
}
