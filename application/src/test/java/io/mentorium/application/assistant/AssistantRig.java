package io.mentorium.application.assistant;

import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.port.in.ListChildren;
import io.mentorium.application.port.out.AiAssistant;
import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.application.service.BuildReportService;
import io.mentorium.application.service.ChangeSettingsService;
import io.mentorium.application.service.ListChildrenService;
import io.mentorium.application.service.ViewParentService;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.InMemoryPlatform;
import io.mentorium.application.testing.InMemorySubscriptionRepository;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.ActivityKind;
import io.mentorium.domain.learner.Course;
import io.mentorium.domain.learner.CourseId;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Grant;
import io.mentorium.domain.subscription.Plan;
import io.mentorium.domain.subscription.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Two families on an in-memory platform, wired to the real use cases. The Karimovs: a mother with Aziz (active this
 * week and last) and Malika (nothing yet). The Rashidovs: a father with Timur. Every figure the tests expect follows
 * from the activities below.
 *
 * <p>Now is Wednesday 12 March 2025, 15:00 in Tashkent. This week (10–12 March) Aziz did: a 20-minute lesson and a
 * 10-minute quiz scored 50 in Algebra on Monday, a 15-minute quiz scored 95 in English on Tuesday, a 25-minute lesson
 * in English on Wednesday: 4 activities, 2 lessons, 70 minutes, 3 active days, average 72.5, a 3-day streak. Last week
 * he did a 30-minute Algebra lesson on Tuesday and a 10-minute quiz scored 70 on Saturday.
 */
final class AssistantRig {

    static final Instant NOW = Instant.parse("2025-03-12T10:00:00Z");
    static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    static final Email MOTHER_EMAIL = new Email("aziza.karimova@example.com");
    static final Email RASHIDOV_EMAIL = new Email("dilshod.rashidov@example.com");
    static final TelegramUserId MOTHER = new TelegramUserId(900_123_456L);
    static final TelegramUserId RASHIDOV = new TelegramUserId(900_654_321L);
    static final TelegramUserId NEWCOMER = new TelegramUserId(900_777_888L);

    static final Learner AZIZ = new Learner(new LearnerId("lrn-7f3a-aziz"), "Aziz Karimov", Optional.of("7"),
            TASHKENT, true);
    static final Learner MALIKA = new Learner(new LearnerId("lrn-2b9c-malika"), "Malika Karimova", Optional.of("5"),
            TASHKENT, true);
    static final Learner TIMUR = new Learner(new LearnerId("lrn-5d1e-timur"), "Timur Rashidov", Optional.of("8"),
            TASHKENT, true);
    static final String AZIZ_CODE = "AZIZ-7K2Q";
    static final String TIMUR_CODE = "TIMU-9X3Z";

    static final Course ALGEBRA = new Course(new CourseId("math-7"), "Algebra 7", "math");
    static final Course ENGLISH = new Course(new CourseId("eng-7"), "English A2", "english");

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryParentRepository parents = new InMemoryParentRepository();
    final InMemorySubscriptionRepository subscriptions = new InMemorySubscriptionRepository();
    final CoreSettings core = new CoreSettings(TASHKENT, Language.RU, 3, Set.of(), Map.of(), Map.of());
    final InMemoryPlatform platform = new InMemoryPlatform()
            .learner(AZIZ, MOTHER_EMAIL)
            .learner(MALIKA, MOTHER_EMAIL)
            .learner(TIMUR, RASHIDOV_EMAIL)
            .code(new LinkCode(AZIZ.id(), AZIZ_CODE, Optional.empty()))
            .code(new LinkCode(TIMUR.id(), TIMUR_CODE, Optional.empty()))
            .enrollment(new Enrollment(AZIZ.id(), ALGEBRA, Instant.parse("2025-01-10T00:00:00Z"), 40))
            .enrollment(new Enrollment(AZIZ.id(), ENGLISH, Instant.parse("2025-01-10T00:00:00Z"), 75))
            .enrollment(new Enrollment(MALIKA.id(), ENGLISH, Instant.parse("2025-02-01T00:00:00Z"), 20))
            .enrollment(new Enrollment(TIMUR.id(), ALGEBRA, Instant.parse("2025-02-01T00:00:00Z"), 10))
            .activity(fact(1, AZIZ, ALGEBRA, ActivityKind.LESSON_COMPLETED, "Linear equations", null, 1200,
                    "2025-03-10T06:00:00Z"))
            .activity(fact(2, AZIZ, ALGEBRA, ActivityKind.QUIZ_COMPLETED, "Equations quiz", 50.0, 600,
                    "2025-03-10T07:00:00Z"))
            .activity(fact(3, AZIZ, ENGLISH, ActivityKind.QUIZ_COMPLETED, "Past simple quiz", 95.0, 900,
                    "2025-03-11T06:00:00Z"))
            .activity(fact(4, AZIZ, ENGLISH, ActivityKind.LESSON_COMPLETED, "Irregular verbs", null, 1500,
                    "2025-03-12T05:00:00Z"))
            .activity(fact(5, AZIZ, ALGEBRA, ActivityKind.LESSON_COMPLETED, "Fractions", null, 1800,
                    "2025-03-04T06:00:00Z"))
            .activity(fact(6, AZIZ, ALGEBRA, ActivityKind.QUIZ_COMPLETED, "Fractions quiz", 70.0, 600,
                    "2025-03-08T06:00:00Z"))
            // Older than the 30 days of recent activities.
            .activity(fact(7, AZIZ, ALGEBRA, ActivityKind.LESSON_COMPLETED, "Old lesson", null, 600,
                    "2025-01-30T06:00:00Z"))
            .activity(fact(8, TIMUR, ALGEBRA, ActivityKind.QUIZ_COMPLETED, "Timur secret quiz", 33.0, 600,
                    "2025-03-11T06:00:00Z"));

    final RecordingLogger log = new RecordingLogger();
    final ListChildrenService listChildren = new ListChildrenService(parents, platform);
    final BuildReportService buildReport = new BuildReportService(parents, platform, platform, clock);
    final ChangeSettingsService changeSettings = new ChangeSettingsService(parents, new DirectTransactionRunner());
    final ViewParentService viewParent = new ViewParentService(parents);
    /** Free trials by parent, as the billing gate keeps them beside the subscriptions: the end of each. */
    final Map<TelegramUserId, Instant> trialEnds = new ConcurrentHashMap<>();
    final FeatureAccess access = (parentId, feature, at) -> {
        Subscription subscription = subscriptions.findFor(parentId);
        Instant trialEnd = trialEnds.get(parentId);
        if (feature.paid() && subscription.grants().isEmpty() && trialEnd != null && at.isBefore(trialEnd)) {
            return new AccessDecision.Granted(Optional.of(trialEnd));
        }
        return subscription.access(feature, at, core.subscriptionTerms());
    };

    AssistantRig() {
        Parent mother = Parent.register(MOTHER, new ChatId(MOTHER.value()), Language.RU, ParentRole.PARENT,
                NOW.minus(Duration.ofDays(30)));
        mother.link(AZIZ.id(), MOTHER_EMAIL, NOW.minus(Duration.ofDays(20)));
        mother.link(MALIKA.id(), MOTHER_EMAIL, NOW.minus(Duration.ofDays(10)));
        parents.save(mother);
        Parent rashidov = Parent.register(RASHIDOV, new ChatId(RASHIDOV.value()), Language.UZ, ParentRole.PARENT,
                NOW.minus(Duration.ofDays(30)));
        rashidov.link(TIMUR.id(), RASHIDOV_EMAIL, NOW.minus(Duration.ofDays(20)));
        parents.save(rashidov);
        parents.save(Parent.register(NEWCOMER, new ChatId(NEWCOMER.value()), Language.EN, ParentRole.PARENT,
                NOW.minus(Duration.ofDays(1))));
        // A month bought on 1 March: paid until 1 April, three days of grace after.
        subscriptions.save(Subscription.of(MOTHER, List.of(new Grant(new PaymentId("pay-1"), Plan.MONTH,
                Instant.parse("2025-03-01T00:00:00Z")))));
    }

    AssistantTools tools() {
        return tools(listChildren);
    }

    AssistantTools tools(ListChildren children) {
        return new AssistantTools(children, buildReport, platform, changeSettings, viewParent, access, subscriptions,
                clock, core, log);
    }

    AiAssistant.ToolBox forParent(TelegramUserId id) {
        return tools().forParent(parents.findById(id).orElseThrow());
    }

    Parent parent(TelegramUserId id) {
        return viewParent.find(id).orElseThrow();
    }

    static ActivityFact fact(long id, Learner learner, Course course, ActivityKind kind, String title,
                             Double score, int seconds, String at) {
        return new ActivityFact(id, learner.id(), Optional.of(course.id()), kind, title,
                score == null ? OptionalDouble.empty() : OptionalDouble.of(score), seconds, Instant.parse(at));
    }
}
