package io.mentorium.application.assistant;

import io.mentorium.application.assistant.ToolArguments.Checked;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.port.in.BuildReport;
import io.mentorium.application.port.in.ChangeSettings;
import io.mentorium.application.port.in.ListChildren;
import io.mentorium.application.port.in.ViewParent;
import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.AiAssistant;
import io.mentorium.application.port.out.AiAssistant.Parameter;
import io.mentorium.application.port.out.AiAssistant.Tool;
import io.mentorium.application.port.out.AiAssistant.ToolCall;
import io.mentorium.application.port.out.AiAssistant.ToolResult;
import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.Course;
import io.mentorium.domain.learner.CourseId;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.NotificationPreferences;
import io.mentorium.domain.notification.QuietHours;
import io.mentorium.domain.parent.LearnerLink;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.report.CourseProgress;
import io.mentorium.domain.report.Gap;
import io.mentorium.domain.report.Highlight;
import io.mentorium.domain.report.Report;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.report.ReportMetrics;
import io.mentorium.domain.report.Suggestion;
import io.mentorium.domain.report.Trend;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.shared.TimeWindow;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import io.mentorium.domain.subscription.Subscription;
import io.mentorium.domain.subscription.SubscriptionTerms;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The functions the assistant (the language model, or the offline assistant) may call, each executed with the asking
 * parent's authority only. A tool box is bound to one parent: children are named by the aliases {@code list_children}
 * hands out ({@code child_1}, {@code child_2}, in link order) or by their first names, never by platform ids, so a
 * model cannot even express "another family's learner", and anything it names that is not this parent's child is
 * refused.
 *
 * <p>What a result holds is chosen for the model's eyes: first names, grades, course and activity titles, figures and
 * dates. E-mails, link codes, learner and Telegram ids and surnames never leave this class. Platform texts (titles) are
 * data typed by teachers; they are passed as plain string values, flattened to one line and cut short.
 */
public final class AssistantTools {

    public static final String LIST_CHILDREN = "list_children";
    public static final String GET_PROGRESS = "get_progress";
    public static final String GET_REPORT = "get_report";
    public static final String GET_RECENT_ACTIVITIES = "get_recent_activities";
    public static final String GET_SUBSCRIPTION_STATUS = "get_subscription_status";
    public static final String GET_SETTINGS = "get_settings";
    public static final String SET_NOTIFICATION_PREFERENCES = "set_notification_preferences";
    public static final String SET_REPORT_PREFERENCES = "set_report_preferences";

    static final String UNKNOWN_CHILD = "unknown child: call list_children";
    static final String REFUSED_LOG = "assistant tool call named a learner not linked to the parent";
    /** Course and activity titles are the platform's free text; a sentence is plenty for an answer. */
    static final int MAX_TEXT = 120;
    static final int RECENT_DAYS = 30;
    static final int MAX_RECENT = 20;

    private static final Logger LOG = LoggerFactory.getLogger(AssistantTools.class);
    private static final Pattern ALIAS = Pattern.compile("child_(\\d{1,2})");
    private static final Pattern QUIET_HOURS = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>\"']+@[^\\s@<>\"']+");
    private static final Pattern DIGITS = Pattern.compile("\\d{4,}");
    // Compiled once: every course and activity title of every tool result passes through text().
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}]+");
    private static final Pattern SPACES = Pattern.compile("\\s{2,}");
    private static final List<String> PERIODS = List.of("week", "last_week", "month", "last_month");
    private static final List<String> KINDS = Arrays.stream(NotificationKind.values()).map(AssistantTools::name).toList();

    private static final List<Tool> TOOLS = List.of(
            new Tool(LIST_CHILDREN, "Lists the parent's linked children in link order: the alias to name each child "
                    + "with in other tools (child_1, child_2, ...), first name, grade, whether the account is available,"
                    + " today's date in the child's time zone, and the courses with the platform's progress in percent."
                    + " Call this first.", List.of()),
            new Tool(GET_PROGRESS, "A child's learning figures for a period: lessons completed, activities, minutes "
                    + "studied, active days, average score (0-100, null when nothing was scored), current streak of "
                    + "study days, the trend against the same days of the previous period, and per-course figures. "
                    + "'week' and 'month' are the calendar week (Monday to Sunday) and month running now, up to today.",
                    List.of(childParameter(), choice("period", "Which calendar period.", true, PERIODS))),
            new Tool(GET_REPORT, "A child's weekly or monthly report for the period running now: the figures of "
                    + "get_progress plus highlights (what went well), gaps (stretches of two or more days without "
                    + "activity) and suggestions (short codes with their figures).",
                    List.of(childParameter(), choice("kind", "Weekly or monthly report.", true,
                            List.of("weekly", "monthly")))),
            new Tool(GET_RECENT_ACTIVITIES, "A child's most recent activities over the last " + RECENT_DAYS
                    + " days, or on one day of them, most recent first: date, kind, title, course, score (null when "
                    + "not scored), minutes; and today's date in the child's time zone.",
                    List.of(childParameter(), new Parameter("limit", Parameter.Type.INTEGER,
                            "How many activities to return.", true, List.of(), Optional.of(1),
                            Optional.of(MAX_RECENT)), new Parameter("date", Parameter.Type.STRING,
                            "Only this day's activities: a date (YYYY-MM-DD) in the child's calendar, within the last "
                                    + RECENT_DAYS + " days.", false, List.of(), Optional.empty(),
                            Optional.empty()))),
            new Tool(GET_SUBSCRIPTION_STATUS, "The parent's subscription: status (active, grace, expired or none), "
                    + "the date it is paid until, the date access ends after the grace period, the end of a free "
                    + "trial when one covers a parent who has not paid, and which paid features the parent may use "
                    + "now.", List.of()),
            new Tool(GET_SETTINGS, "The parent's current settings: enabled notification kinds, quiet hours and which "
                    + "scheduled reports they receive. Call this before changing notification kinds.", List.of()),
            new Tool(SET_NOTIFICATION_PREFERENCES, "Changes the parent's notifications. 'kinds' is the complete list "
                    + "of kinds to keep enabled (the others are switched off; system notifications cannot be switched "
                    + "off). 'quiet_hours' is 'HH:MM-HH:MM' in the parent's local time (may span midnight) or 'off'. "
                    + "Give at least one of them. Only call this when the parent asked for the change. Returns the new "
                    + "settings.",
                    List.of(new Parameter("kinds", Parameter.Type.STRING_ARRAY,
                                    "Notification kinds to keep enabled.", false, KINDS, Optional.empty(),
                                    Optional.empty()),
                            new Parameter("quiet_hours", Parameter.Type.STRING,
                                    "Quiet hours as HH:MM-HH:MM (24-hour clock), or off.", false, List.of(),
                                    Optional.empty(), Optional.empty()))),
            new Tool(SET_REPORT_PREFERENCES, "Switches the scheduled weekly and/or monthly reports on or off. Give at "
                    + "least one of them. Only call this when the parent asked for the change. Returns the new "
                    + "settings.",
                    List.of(flag("weekly", "Receive the weekly report."),
                            flag("monthly", "Receive the monthly report."))));
    private static final Map<String, Tool> BY_NAME = TOOLS.stream()
            .collect(Collectors.toMap(Tool::name, Function.identity()));

    private final ListChildren children;
    private final BuildReport reports;
    private final ActivitySource activities;
    private final ChangeSettings settings;
    private final ViewParent parents;
    private final FeatureAccess access;
    private final SubscriptionRepository subscriptions;
    private final Clock clock;
    private final CoreSettings core;
    private final Logger log;

    @Inject
    public AssistantTools(ListChildren children, BuildReport reports, ActivitySource activities,
                          ChangeSettings settings, ViewParent parents, FeatureAccess access,
                          SubscriptionRepository subscriptions, Clock clock, CoreSettings core) {
        this(children, reports, activities, settings, parents, access, subscriptions, clock, core, LOG);
    }

    /** With the logger given, so that tests can read the warnings without a logging backend. */
    AssistantTools(ListChildren children, BuildReport reports, ActivitySource activities, ChangeSettings settings,
                   ViewParent parents, FeatureAccess access, SubscriptionRepository subscriptions, Clock clock,
                   CoreSettings core, Logger log) {
        this.children = Objects.requireNonNull(children, "children");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.activities = Objects.requireNonNull(activities, "activities");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.parents = Objects.requireNonNull(parents, "parents");
        this.access = Objects.requireNonNull(access, "access");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.core = Objects.requireNonNull(core, "core");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The tools every parent gets; the same list for all, so it can be sent to the model before anything is read. */
    public static List<Tool> definitions() {
        return TOOLS;
    }

    /** A tool box acting for this parent only: the children it can reach are the parent's links at call time. */
    public AiAssistant.ToolBox forParent(Parent parent) {
        return forParent(parent, List.of());
    }

    /**
     * As {@link #forParent(Parent)}, reusing the platform's learners already read for this answer ({@code known}, the
     * family's context): a call still reads the parent's links, so a child unlinked meanwhile is out of reach at once,
     * and the platform is read again only for a learner linked since.
     */
    public AiAssistant.ToolBox forParent(Parent parent, List<ListChildren.Child> known) {
        Objects.requireNonNull(parent, "parent");
        return new ParentTools(parent.id(), known.stream().map(ListChildren.Child::learner)
                .collect(Collectors.toUnmodifiableMap(Learner::id, Function.identity(), (first, same) -> first)));
    }

    private final class ParentTools implements AiAssistant.ToolBox {

        private final TelegramUserId parentId;
        private final Map<LearnerId, Learner> known;

        ParentTools(TelegramUserId parentId, Map<LearnerId, Learner> known) {
            this.parentId = parentId;
            this.known = known;
        }

        /** The parent's children as linked now; the platform is read only if a link's learner is not known. */
        private List<ListChildren.Child> kids() {
            if (known.isEmpty()) {
                return children.list(parentId);
            }
            Optional<Parent> parent = parents.find(parentId);
            if (parent.isEmpty()) {
                return List.of();
            }
            List<LearnerLink> links = parent.get().links();
            List<ListChildren.Child> kids = new ArrayList<>(links.size());
            for (LearnerLink link : links) {
                Learner learner = known.get(link.learnerId());
                if (learner == null) {
                    return children.list(parent.get());
                }
                kids.add(new ListChildren.Child(learner, link));
            }
            return kids;
        }

        @Override
        public List<Tool> tools() {
            return TOOLS;
        }

        @Override
        public ToolResult call(ToolCall call) {
            if (call == null) {
                return ToolResult.error("empty tool call");
            }
            if (call.malformed().isPresent()) {
                return ToolResult.error("malformed arguments for " + shortName(call.name())
                        + ": send a JSON object with the tool's parameters");
            }
            Tool tool = BY_NAME.get(call.name());
            if (tool == null) {
                return ToolResult.error("unknown tool '" + shortName(call.name()) + "': use one of "
                        + String.join(", ", BY_NAME.keySet().stream().sorted().toList()));
            }
            Checked checked = ToolArguments.check(tool, call.arguments());
            if (checked instanceof Checked.Invalid invalid) {
                return ToolResult.error(invalid.problem());
            }
            Checked.Valid arguments = (Checked.Valid) checked;
            try {
                return switch (tool.name()) {
                    case LIST_CHILDREN -> listChildren();
                    case GET_PROGRESS -> progress(arguments);
                    case GET_REPORT -> report(arguments);
                    case GET_RECENT_ACTIVITIES -> recentActivities(arguments);
                    case GET_SUBSCRIPTION_STATUS -> subscriptionStatus();
                    case GET_SETTINGS -> currentSettings();
                    case SET_NOTIFICATION_PREFERENCES -> setNotifications(arguments);
                    case SET_REPORT_PREFERENCES -> setReports(arguments);
                    default -> throw new IllegalStateException("tool without a body: " + tool.name());
                };
            } catch (RuntimeException failure) {
                // The message of a storage failure may quote a row; only the class and a masked message are logged.
                log.error("Assistant tool {} failed for parent {}: {}", tool.name(), parentId.value(),
                        masked(failure));
                return ToolResult.error("the data could not be read right now; try again later");
            }
        }

        // --- children ---------------------------------------------------------------------------------------------

        private ToolResult listChildren() {
            List<ListChildren.Child> kids = kids();
            Map<LearnerId, List<Enrollment>> enrollments = kids.isEmpty() ? Map.of()
                    : activities.enrollments(kids.stream().map(child -> child.learner().id()).toList()).stream()
                    .collect(Collectors.groupingBy(Enrollment::learnerId));
            List<Object> listed = new ArrayList<>();
            Instant now = clock.instant();
            for (int i = 0; i < kids.size(); i++) {
                Learner learner = kids.get(i).learner();
                Map<String, Object> child = child(alias(i), learner);
                child.put("grade", learner.grade().map(grade -> text(grade, 20)).orElse(null));
                child.put("available", learner.active());
                // "Today" and "on Monday" in a question mean the child's days; with the date here a day's activities
                // take one call of get_recent_activities, not a first one to learn the date.
                child.put("today", LocalDate.ofInstant(now, learner.timeZone()).toString());
                List<Object> courses = new ArrayList<>();
                for (Enrollment enrollment : enrollments.getOrDefault(learner.id(), List.of())) {
                    Map<String, Object> course = course(enrollment.course());
                    course.put("progress_percent", round(enrollment.progressPercent()));
                    courses.add(course);
                }
                child.put("courses", courses);
                listed.add(child);
            }
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("count", listed.size());
            content.put("children", listed);
            return new ToolResult(true, content);
        }

        /** The child the model named, if it is one of this parent's; a refusal is logged without the name itself. */
        private Optional<Named> resolve(String toolName, String named) {
            List<ListChildren.Child> kids = kids();
            String key = named.strip().toLowerCase(Locale.ROOT);
            Matcher alias = ALIAS.matcher(key);
            if (alias.matches()) {
                int index = Integer.parseInt(alias.group(1)) - 1;
                if (index >= 0 && index < kids.size()) {
                    return Optional.of(new Named(alias(index), kids.get(index).learner()));
                }
            } else {
                List<Integer> matches = new ArrayList<>();
                for (int i = 0; i < kids.size(); i++) {
                    if (kids.get(i).learner().firstName().toLowerCase(Locale.ROOT).equals(key)) {
                        matches.add(i);
                    }
                }
                if (matches.size() == 1) {
                    return Optional.of(new Named(alias(matches.getFirst()), kids.get(matches.getFirst()).learner()));
                }
                if (matches.size() > 1) {
                    // Two children with one first name: a real family, not an intrusion, so no warning.
                    return Optional.empty();
                }
            }
            log.warn(REFUSED_LOG + " (tool {}, parent {})", toolName, parentId.value());
            return Optional.empty();
        }

        private ToolResult unresolved(String named) {
            String key = named.strip().toLowerCase(Locale.ROOT);
            long sameName = kids().stream()
                    .filter(child -> child.learner().firstName().toLowerCase(Locale.ROOT).equals(key))
                    .count();
            return ToolResult.error(sameName > 1
                    ? "two children share this first name: name the child by its alias from list_children"
                    : UNKNOWN_CHILD);
        }

        // --- figures ------------------------------------------------------------------------------------------------

        private ToolResult progress(Checked.Valid arguments) {
            String named = arguments.string("child");
            Optional<Named> child = resolve(GET_PROGRESS, named);
            if (child.isEmpty()) {
                return unresolved(named);
            }
            String period = arguments.string("period");
            Learner learner = child.get().learner();
            LocalDate today = clock.instant().atZone(learner.timeZone()).toLocalDate();
            // "Last week" is the week holding the day a week ago, in the child's own calendar.
            Optional<LocalDate> day = switch (period) {
                case "last_week" -> Optional.of(today.minusDays(7));
                case "last_month" -> Optional.of(today.minusMonths(1));
                default -> Optional.empty();
            };
            ReportKind kind = period.endsWith("week") ? ReportKind.WEEKLY : ReportKind.MONTHLY;
            return withReport(child.get(), kind, day, report -> {
                Map<String, Object> content = figures(child.get(), report);
                content.put("period", period);
                return new ToolResult(true, content);
            });
        }

        private ToolResult report(Checked.Valid arguments) {
            String named = arguments.string("child");
            Optional<Named> child = resolve(GET_REPORT, named);
            if (child.isEmpty()) {
                return unresolved(named);
            }
            ReportKind kind = arguments.string("kind").equals("monthly") ? ReportKind.MONTHLY : ReportKind.WEEKLY;
            return withReport(child.get(), kind, Optional.empty(), report -> {
                Map<String, Object> content = figures(child.get(), report);
                content.put("kind", name(kind));
                content.put("highlights", report.highlights().stream().map(AssistantTools::highlight).toList());
                content.put("gaps", report.gaps().stream().map(AssistantTools::gap).toList());
                content.put("suggestions", report.suggestions().stream().map(AssistantTools::suggestion).toList());
                return new ToolResult(true, content);
            });
        }

        private ToolResult withReport(Named child, ReportKind kind, Optional<LocalDate> day,
                                      Function<Report, ToolResult> answer) {
            BuildReport.Outcome outcome = reports.build(
                    new BuildReport.Query(parentId, child.learner().id(), kind, day));
            return switch (outcome) {
                case BuildReport.Outcome.Built built -> answer.apply(built.report());
                // Unlinked between list_children and this call.
                case BuildReport.Outcome.NotLinked notLinked -> ToolResult.error(UNKNOWN_CHILD);
                case BuildReport.Outcome.LearnerUnavailable unavailable -> unavailable(child);
                case BuildReport.Outcome.PeriodNotStarted notStarted ->
                        ToolResult.error("the period has not started yet in the child's time zone");
            };
        }

        private ToolResult recentActivities(Checked.Valid arguments) {
            String named = arguments.string("child");
            Optional<Named> child = resolve(GET_RECENT_ACTIVITIES, named);
            if (child.isEmpty()) {
                return unresolved(named);
            }
            Learner learner = child.get().learner();
            if (!learner.active()) {
                return unavailable(child.get());
            }
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, learner.timeZone());
            TimeWindow window = new TimeWindow(now.minus(Duration.ofDays(RECENT_DAYS)), now);
            Optional<String> date = arguments.optionalString("date");
            if (date.isPresent()) {
                Optional<LocalDate> day = day(date.get());
                if (day.isEmpty() || day.get().isAfter(today) || day.get().isBefore(today.minusDays(RECENT_DAYS))) {
                    return ToolResult.error("date must be a day (YYYY-MM-DD) from " + today.minusDays(RECENT_DAYS)
                            + " to " + today + " in the child's calendar");
                }
                Instant start = day.get().atStartOfDay(learner.timeZone()).toInstant();
                Instant end = day.get().plusDays(1).atStartOfDay(learner.timeZone()).toInstant();
                window = new TimeWindow(start, end.isAfter(now) ? now : end);
            }
            List<LearnerId> ids = List.of(learner.id());
            Map<CourseId, Course> courses = activities.enrollments(ids).stream()
                    .filter(enrollment -> enrollment.learnerId().equals(learner.id()))
                    .collect(Collectors.toMap(enrollment -> enrollment.course().id(), Enrollment::course,
                            (first, second) -> first));
            List<Map<String, Object>> recent = activities.activities(ids, window)
                    .stream()
                    // The port is asked for one learner; the filter makes sure no one else's activity slips in.
                    .filter(fact -> fact.learnerId().equals(learner.id()))
                    .sorted(Comparator.comparing(ActivityFact::occurredAt).thenComparingLong(ActivityFact::id)
                            .reversed())
                    .limit(arguments.integer("limit"))
                    .map(fact -> activity(fact, learner.timeZone(), courses))
                    .toList();
            Map<String, Object> content = child(child.get().alias(), learner);
            // The child's own date now: "today" and "yesterday" in a question mean the child's days.
            content.put("today", today.toString());
            date.ifPresent(day -> content.put("date", day));
            content.put("days", RECENT_DAYS);
            content.put("count", recent.size());
            content.put("activities", recent);
            return new ToolResult(true, content);
        }

        // --- subscription -------------------------------------------------------------------------------------------

        private ToolResult subscriptionStatus() {
            Instant now = clock.instant();
            SubscriptionTerms terms = core.subscriptionTerms();
            Subscription subscription = subscriptions.findFor(parentId);
            Optional<Instant> paidUntil = subscription.paidUntil(terms);
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("status", subscription.grants().isEmpty() ? "none" : name(subscription.statusAt(now, terms)));
            content.put("until", paidUntil.map(until -> date(until, terms.zone())).orElse(null));
            content.put("grace_until", paidUntil.map(until -> date(until.plus(terms.grace()), terms.zone()))
                    .orElse(null));
            content.put("grace_days", core.gracePeriodDays());
            Map<String, Object> features = new LinkedHashMap<>();
            Optional<Instant> trialUntil = Optional.empty();
            for (Feature feature : Feature.values()) {
                if (feature.paid()) {
                    AccessDecision decision = access.decide(parentId, feature, now);
                    features.put(name(feature), decision.allowed());
                    // Never paid, yet granted until a date: the family's free trial.
                    if (subscription.grants().isEmpty() && decision instanceof AccessDecision.Granted granted) {
                        trialUntil = granted.until();
                    }
                }
            }
            content.put("trial_until", trialUntil.map(until -> date(until, terms.zone())).orElse(null));
            content.put("features_allowed", features);
            return new ToolResult(true, content);
        }

        // --- settings -----------------------------------------------------------------------------------------------

        private ToolResult currentSettings() {
            return parents.find(parentId)
                    .map(parent -> new ToolResult(true, settings(parent, List.of())))
                    .orElseGet(() -> ToolResult.error("the parent is not registered"));
        }

        private ToolResult setNotifications(Checked.Valid arguments) {
            Optional<List<String>> kinds = arguments.optionalStrings("kinds");
            Optional<String> quietText = arguments.optionalString("quiet_hours");
            if (kinds.isEmpty() && quietText.isEmpty()) {
                return ToolResult.error("give at least one of kinds, quiet_hours");
            }
            // Everything is checked before the first change, so a bad argument changes nothing.
            Optional<Optional<QuietHours>> quiet = Optional.empty();
            if (quietText.isPresent()) {
                quiet = quietHours(quietText.get());
                if (quiet.isEmpty()) {
                    return ToolResult.error("quiet_hours must be HH:MM-HH:MM (24-hour clock, start and end differ) "
                            + "or off");
                }
            }
            List<ChangeSettings.Change> changes = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            if (kinds.isPresent()) {
                Set<NotificationKind> wanted = EnumSet.noneOf(NotificationKind.class);
                kinds.get().forEach(kind -> wanted.add(NotificationKind.valueOf(kind.toUpperCase(Locale.ROOT))));
                for (NotificationKind kind : NotificationKind.values()) {
                    if (!kind.canBeDisabled()) {
                        if (!wanted.contains(kind)) {
                            notes.add(name(kind) + " notifications cannot be switched off; they stay on");
                        }
                        continue;
                    }
                    changes.add(new ChangeSettings.Change.SwitchNotifications(kind, wanted.contains(kind)));
                }
            }
            quiet.ifPresent(hours -> changes.add(new ChangeSettings.Change.SetQuietHours(hours)));
            return apply(changes, notes);
        }

        private ToolResult setReports(Checked.Valid arguments) {
            Optional<Boolean> weekly = arguments.optionalBoolean("weekly");
            Optional<Boolean> monthly = arguments.optionalBoolean("monthly");
            if (weekly.isEmpty() && monthly.isEmpty()) {
                return ToolResult.error("give at least one of weekly, monthly");
            }
            List<ChangeSettings.Change> changes = new ArrayList<>();
            weekly.ifPresent(on -> changes.add(new ChangeSettings.Change.SwitchReport(ReportKind.WEEKLY, on)));
            monthly.ifPresent(on -> changes.add(new ChangeSettings.Change.SwitchReport(ReportKind.MONTHLY, on)));
            return apply(changes, new ArrayList<>());
        }

        /** One use-case call per field, as the settings screen makes them; the last answer holds the new settings. */
        private ToolResult apply(List<ChangeSettings.Change> changes, List<String> notes) {
            Parent latest = null;
            for (ChangeSettings.Change change : changes) {
                switch (settings.change(parentId, change)) {
                    case ChangeSettings.Result.Changed changed -> latest = changed.parent();
                    case ChangeSettings.Result.Refused refused -> {
                        latest = refused.parent();
                        notes.add("a change was refused: system notifications cannot be switched off");
                    }
                    case ChangeSettings.Result.NotRegistered notRegistered -> {
                        return ToolResult.error("the parent is not registered");
                    }
                }
            }
            Map<String, Object> content = settings(latest, notes);
            content.put("changed", true);
            return new ToolResult(true, content);
        }
    }

    private record Named(String alias, Learner learner) {
    }

    // --- parameters ---------------------------------------------------------------------------------------------------

    private static Parameter childParameter() {
        return new Parameter("child", Parameter.Type.STRING, "The child: the alias from list_children (child_1, "
                + "child_2, ...) or the child's first name.", true, List.of(), Optional.empty(), Optional.empty());
    }

    private static Parameter choice(String name, String description, boolean required, List<String> allowed) {
        return new Parameter(name, Parameter.Type.STRING, description, required, allowed, Optional.empty(),
                Optional.empty());
    }

    private static Parameter flag(String name, String description) {
        return new Parameter(name, Parameter.Type.BOOLEAN, description, false, List.of(), Optional.empty(),
                Optional.empty());
    }

    // --- result pieces ------------------------------------------------------------------------------------------------

    private static String alias(int index) {
        return "child_" + (index + 1);
    }

    private static Map<String, Object> child(String alias, Learner learner) {
        Map<String, Object> child = new LinkedHashMap<>();
        child.put("child", alias);
        child.put("first_name", text(learner.firstName(), 40));
        return child;
    }

    private static ToolResult unavailable(Named child) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("error", "the child's account is not available on the platform right now");
        content.put("child", child.alias());
        content.put("first_name", text(child.learner().firstName(), 40));
        return new ToolResult(false, content);
    }

    private static Map<String, Object> figures(Named child, Report report) {
        Map<String, Object> content = child(child.alias(), child.learner());
        content.put("from", report.period().start().toString());
        content.put("to", report.period().lastDay().toString());
        content.put("as_of", report.asOf().toString());
        content.put("complete", !report.asOf().isBefore(report.period().lastDay()));
        content.put("no_activity", report.isEmpty());
        content.putAll(metrics(report.metrics()));
        content.put("streak_days", report.streakDays());
        content.put("previous", metrics(report.previous()));
        content.put("trend", trend(report.trend()));
        content.put("courses", report.courses().stream().map(AssistantTools::courseProgress).toList());
        return content;
    }

    private static Map<String, Object> metrics(ReportMetrics metrics) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("activities", metrics.activities());
        figures.put("lessons_completed", metrics.lessonsCompleted());
        figures.put("minutes", metrics.minutes());
        figures.put("active_days", metrics.activeDays());
        figures.put("average_score", score(metrics.averageScore()));
        return figures;
    }

    private static Map<String, Object> trend(Trend trend) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("direction", name(trend.direction()));
        figures.put("lessons_delta", trend.lessonsDelta());
        figures.put("minutes_delta", trend.minutesDelta());
        figures.put("active_days_delta", trend.activeDaysDelta());
        figures.put("average_score_delta", score(trend.averageScoreDelta()));
        return figures;
    }

    private static Map<String, Object> course(Course course) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("title", text(course.title(), MAX_TEXT));
        figures.put("subject", text(course.subject(), MAX_TEXT));
        return figures;
    }

    private static Map<String, Object> courseProgress(CourseProgress progress) {
        Map<String, Object> figures = course(progress.course());
        figures.put("progress_percent", round(progress.progressPercent()));
        figures.put("activities", progress.activities());
        figures.put("average_score", score(progress.averageScore()));
        return figures;
    }

    private static Map<String, Object> highlight(Highlight highlight) {
        Map<String, Object> figures = new LinkedHashMap<>();
        switch (highlight) {
            case Highlight.TopScore top -> {
                figures.put("type", "top_score");
                figures.put("activity", text(top.activityTitle(), MAX_TEXT));
                figures.put("score", round(top.score()));
            }
            case Highlight.LongStreak streak -> {
                figures.put("type", "long_streak");
                figures.put("days", streak.days());
            }
            case Highlight.ScoreImproved improved -> {
                figures.put("type", "score_improved");
                figures.put("by", round(improved.by()));
            }
            case Highlight.CourseFinished finished -> {
                figures.put("type", "course_finished");
                figures.put("course", text(finished.course().title(), MAX_TEXT));
            }
        }
        return figures;
    }

    private static Map<String, Object> gap(Gap gap) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("from", gap.from().toString());
        figures.put("to", gap.to().toString());
        figures.put("days", gap.days());
        return figures;
    }

    private static Map<String, Object> suggestion(Suggestion suggestion) {
        Map<String, Object> figures = new LinkedHashMap<>();
        switch (suggestion) {
            case Suggestion.StartStudying start -> figures.put("type", "start_studying");
            case Suggestion.StudyMoreRegularly regularly -> {
                figures.put("type", "study_more_regularly");
                figures.put("active_days", regularly.activeDays());
                figures.put("period_days", regularly.periodDays());
            }
            case Suggestion.ReviewCourse review -> {
                figures.put("type", "review_course");
                figures.put("course", text(review.course().title(), MAX_TEXT));
                figures.put("subject", text(review.course().subject(), MAX_TEXT));
                figures.put("average_score", round(review.averageScore()));
            }
            case Suggestion.KeepItUp keep -> figures.put("type", "keep_it_up");
        }
        return figures;
    }

    private static Map<String, Object> activity(ActivityFact fact, ZoneId zone, Map<CourseId, Course> courses) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("date", fact.dayIn(zone).toString());
        figures.put("kind", fact.kind().platformName());
        figures.put("title", text(fact.title(), MAX_TEXT));
        Optional<Course> course = fact.courseId().map(courses::get);
        figures.put("course", course.map(c -> text(c.title(), MAX_TEXT)).orElse(null));
        figures.put("subject", course.map(c -> text(c.subject(), MAX_TEXT)).orElse(null));
        figures.put("score", score(fact.score()));
        figures.put("minutes", fact.durationSeconds() / 60);
        return figures;
    }

    static Map<String, Object> settings(Parent parent, List<String> notes) {
        NotificationPreferences preferences = parent.preferences();
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("enabled_kinds", Arrays.stream(NotificationKind.values())
                .filter(preferences::isEnabled).map(AssistantTools::name).toList());
        content.put("disabled_kinds", Arrays.stream(NotificationKind.values())
                .filter(kind -> !preferences.isEnabled(kind)).map(AssistantTools::name).toList());
        content.put("quiet_hours", preferences.quietHours().map(AssistantTools::quietHours).orElse("off"));
        content.put("weekly_report", preferences.receives(ReportKind.WEEKLY));
        content.put("monthly_report", preferences.receives(ReportKind.MONTHLY));
        if (!notes.isEmpty()) {
            content.put("notes", List.copyOf(notes));
        }
        return content;
    }

    /** {@code off} as empty quiet hours; empty for anything that is not {@code HH:MM-HH:MM} with a real time. */
    static Optional<Optional<QuietHours>> quietHours(String text) {
        String compact = text.strip().toLowerCase(Locale.ROOT);
        if (compact.equals("off")) {
            return Optional.of(Optional.empty());
        }
        Matcher matcher = QUIET_HOURS.matcher(compact.replace(" ", ""));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int startHour = Integer.parseInt(matcher.group(1));
        int startMinute = Integer.parseInt(matcher.group(2));
        int endHour = Integer.parseInt(matcher.group(3));
        int endMinute = Integer.parseInt(matcher.group(4));
        if (startHour > 23 || endHour > 23 || startMinute > 59 || endMinute > 59
                || startHour == endHour && startMinute == endMinute) {
            return Optional.empty();
        }
        return Optional.of(Optional.of(new QuietHours(java.time.LocalTime.of(startHour, startMinute),
                java.time.LocalTime.of(endHour, endMinute))));
    }

    static String quietHours(QuietHours hours) {
        return String.format(Locale.ROOT, "%02d:%02d-%02d:%02d", hours.start().getHour(), hours.start().getMinute(),
                hours.end().getHour(), hours.end().getMinute());
    }

    private static Object score(OptionalDouble score) {
        return score.isPresent() ? round(score.getAsDouble()) : null;
    }

    /** One decimal is what a parent reads; more would only look precise. */
    private static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    /** A model's "YYYY-MM-DD"; empty when it is no such date. */
    private static Optional<LocalDate> day(String text) {
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static String date(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate().toString();
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** Platform text as a one-line value of bounded length: it is data for the model, never markup or commands. */
    static String text(String raw, int max) {
        String flat = SPACES.matcher(LINE_BREAKS.matcher(raw).replaceAll(" ")).replaceAll(" ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1).strip() + "…";
    }

    private static String shortName(String name) {
        return text(name, 40);
    }

    private static String masked(Throwable failure) {
        String message = failure.getMessage() == null ? "" : ": " + failure.getMessage();
        String masked = EMAIL.matcher(failure.getClass().getName() + message)
                .replaceAll(match -> Matcher.quoteReplacement(io.mentorium.domain.shared.Email.mask(match.group())));
        masked = DIGITS.matcher(masked).replaceAll("####");
        return text(masked, 300);
    }
}
