package com.example.supportdesk;

import io.mentorium.application.port.in.BuildReport;
import io.mentorium.application.port.in.ChangeSettings;
import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.service.BuildReportService;
import io.mentorium.application.service.ChangeSettingsService;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.ActivityKind;
import io.mentorium.domain.learner.Course;
import io.mentorium.domain.learner.CourseId;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.report.Report;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import io.mentorium.domain.subscription.Grant;
import io.mentorium.domain.subscription.Plan;
import io.mentorium.domain.subscription.Subscription;
import io.mentorium.domain.subscription.SubscriptionTerms;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * A platform support tool built on the Mentorium core: for a family it shows this week's report of every child (the
 * same reports the bot sends) and whether their subscription unlocks the assistant, and it can switch the language
 * the bot speaks to a parent.
 *
 * <p>The wiring is the whole integration: the host implements the out-ports over its own data and constructs the
 * use-case services with them, exactly as the bot's runner does with its database adapters. {@link #main} runs it over
 * a small fixed data set, so its output is the same on every machine.
 */
public final class SupportDesk {

    /** "Now" for the demo: a Thursday afternoon in Tashkent, in the middle of the week 9–15 March 2026. */
    public static final Instant DEMO_NOW = Instant.parse("2026-03-12T10:00:00Z");
    public static final TelegramUserId PAYING_PARENT = new TelegramUserId(1001);
    public static final TelegramUserId LAPSED_PARENT = new TelegramUserId(1002);
    public static final LearnerId JASUR = new LearnerId("L-jasur");
    public static final LearnerId MALIKA = new LearnerId("L-malika");
    public static final LearnerId DILNOZA = new LearnerId("L-dilnoza");

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    private final BuildReport reports;
    private final ChangeSettings settings;
    private final SubscriptionRepository subscriptions;
    private final SubscriptionTerms terms;
    private final Clock clock;

    /**
     * Wires the core over the host's ports.
     *
     * @param transactions what makes a use case's writes atomic in the host's storage; see {@link DirectTransactions}
     * @param terms        the operator's grace period and the zone plan months are counted in
     */
    public SupportDesk(ParentRepository parents, LearnerDirectory directory, ActivitySource activities,
                       SubscriptionRepository subscriptions, TransactionRunner transactions, SubscriptionTerms terms,
                       Clock clock) {
        this.reports = new BuildReportService(parents, directory, activities, clock);
        this.settings = new ChangeSettingsService(parents, transactions);
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.terms = Objects.requireNonNull(terms, "terms");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What a support agent sees about one family. */
    public record FamilyCard(TelegramUserId parentId, List<BuildReport.Outcome> weeklyReports,
                             AccessDecision assistant) {
    }

    public FamilyCard familyCard(TelegramUserId parentId) {
        List<BuildReport.Outcome> weekly = reports.buildForChildren(parentId, ReportKind.WEEKLY, Optional.empty());
        AccessDecision assistant =
                subscriptions.findFor(parentId).access(Feature.AI_ASSISTANT, clock.instant(), terms);
        return new FamilyCard(parentId, weekly, assistant);
    }

    /** Switches the language the bot speaks to the parent; one use case that writes, through the transaction port. */
    public ChangeSettings.Result switchLanguage(TelegramUserId parentId, Language language) {
        return settings.change(parentId, new ChangeSettings.Change.SwitchLanguage(language));
    }

    /** The card as plain text lines; the outcomes are data, so every case is spelt out. */
    public static String render(FamilyCard card) {
        String children = card.weeklyReports().stream().map(SupportDesk::render).collect(Collectors.joining());
        String assistant = switch (card.assistant()) {
            case AccessDecision.Granted granted -> "granted" + granted.until().map(until -> " until " + until).orElse("");
            case AccessDecision.GrantedInGrace grace -> "granted in grace until " + grace.graceEndsAt();
            case AccessDecision.Denied denied -> "denied" + denied.expiredAt().map(at -> ", expired " + at).orElse("");
        };
        return "Family of parent " + card.parentId().value() + System.lineSeparator()
                + children
                + "  assistant: " + assistant + System.lineSeparator();
    }

    private static String render(BuildReport.Outcome outcome) {
        String line = switch (outcome) {
            case BuildReport.Outcome.Built built -> describe(built.report());
            case BuildReport.Outcome.LearnerUnavailable unavailable ->
                    unavailable.learnerId().value() + ": no longer on the platform";
            case BuildReport.Outcome.NotLinked notLinked -> notLinked.learnerId().value() + ": not linked";
            case BuildReport.Outcome.PeriodNotStarted notStarted -> notStarted.learnerId().value() + ": not started";
        };
        return "  " + line + System.lineSeparator();
    }

    private static String describe(Report report) {
        var metrics = report.metrics();
        return report.learner().fullName() + ", week " + report.period().start() + ".." + report.period().lastDay()
                + ": " + metrics.activities() + " activities, " + metrics.lessonsCompleted() + " lessons, "
                + metrics.minutes() + " min, " + metrics.activeDays() + " active days, streak " + report.streakDays()
                + ", trend " + report.trend().direction();
    }

    /** The demo: two families, printed; then one settings change. */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        InMemoryParents parents = new InMemoryParents();
        SupportDesk desk = demo(parents);
        out.print(render(desk.familyCard(PAYING_PARENT)));
        out.print(render(desk.familyCard(LAPSED_PARENT)));
        if (desk.switchLanguage(LAPSED_PARENT, Language.EN) instanceof ChangeSettings.Result.Changed changed) {
            out.println("Parent " + changed.parent().id().value() + " now reads the bot in "
                    + parents.findById(LAPSED_PARENT).orElseThrow().language().code());
        }
    }

    /** The support desk over a small fixed data set, at {@link #DEMO_NOW}. */
    static SupportDesk demo(InMemoryParents parents) {
        Instant linkedAt = Instant.parse("2026-01-10T09:00:00Z");
        Parent paying = Parent.register(PAYING_PARENT, new ChatId(1001), Language.RU, ParentRole.PARENT, linkedAt);
        paying.link(JASUR, new Email("aziza.karimova@example.com"), linkedAt);
        paying.link(MALIKA, new Email("aziza.karimova@example.com"), linkedAt);
        parents.save(paying);
        Parent lapsed = Parent.register(LAPSED_PARENT, new ChatId(1002), Language.UZ, ParentRole.PARENT, linkedAt);
        lapsed.link(DILNOZA, new Email("bobur.tursunov@example.com"), linkedAt);
        parents.save(lapsed);

        InMemoryPlatform platform = new InMemoryPlatform();
        platform.add(new Learner(JASUR, "Jasur Karimov", Optional.of("7"), TASHKENT, true));
        // Deactivated by the platform: the report says so instead of failing.
        platform.add(new Learner(MALIKA, "Malika Karimova", Optional.of("4"), TASHKENT, false));
        platform.add(new Learner(DILNOZA, "Dilnoza Tursunova", Optional.empty(), TASHKENT, true));
        Course algebra = new Course(new CourseId("C-algebra"), "Algebra 7", "math");
        platform.add(new Enrollment(JASUR, algebra, Instant.parse("2026-01-05T08:00:00Z"), 42.0));
        platform.add(activity(1, JASUR, algebra, ActivityKind.LESSON_COMPLETED, OptionalDouble.empty(), 20,
                "2026-03-04T12:00:00Z"));
        platform.add(activity(2, JASUR, algebra, ActivityKind.LESSON_COMPLETED, OptionalDouble.empty(), 30,
                "2026-03-09T12:00:00Z"));
        platform.add(activity(3, JASUR, algebra, ActivityKind.QUIZ_COMPLETED, OptionalDouble.of(92), 20,
                "2026-03-10T12:00:00Z"));
        platform.add(activity(4, JASUR, algebra, ActivityKind.LESSON_COMPLETED, OptionalDouble.empty(), 25,
                "2026-03-11T12:00:00Z"));

        InMemorySubscriptions subscriptions = new InMemorySubscriptions();
        subscriptions.save(Subscription.of(PAYING_PARENT, List.of(
                new Grant(new PaymentId("P-1"), Plan.MONTH, Instant.parse("2026-02-20T12:00:00Z")))));
        subscriptions.save(Subscription.of(LAPSED_PARENT, List.of(
                new Grant(new PaymentId("P-2"), Plan.MONTH, Instant.parse("2026-01-01T00:00:00Z")))));

        return new SupportDesk(parents, platform, platform, subscriptions, new DirectTransactions(),
                SubscriptionTerms.ofGraceDays(3, TASHKENT), Clock.fixed(DEMO_NOW, ZoneOffset.UTC));
    }

    private static ActivityFact activity(long id, LearnerId learner, Course course, ActivityKind kind,
                                         OptionalDouble score, int minutes, String at) {
        return new ActivityFact(id, learner, Optional.of(course.id()), kind, course.title(), score, minutes * 60,
                Instant.parse(at));
    }
}
