package io.mentorium.application.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.conversation.Messages;
import io.mentorium.application.conversation.NotificationText;
import io.mentorium.application.port.in.SendDailyNotifications.Run;
import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.TipWriter;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryEventLog;
import io.mentorium.application.testing.InMemoryNotificationHistory;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.InMemoryPlatform;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.ActivityKind;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.AccessDecision;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The weekly tip from a remote writer (a model, faked here): used when usable, the rules' tip otherwise. */
class ModelWrittenTipsTest {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    private static final LocalDate TODAY = LocalDate.of(2025, 3, 12);
    /** Wednesday 12 March 2025, 18:00 in Tashkent: outside the default quiet hours. */
    private static final Instant EVENING = Instant.parse("2025-03-12T13:00:00Z");
    private static final Email EMAIL = new Email("family@example.com");

    private final InMemoryParentRepository parents = new InMemoryParentRepository();
    private final InMemoryPlatform platform = new InMemoryPlatform();
    private final InMemoryNotificationHistory history = new InMemoryNotificationHistory();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final FeatureAccess access = (parentId, feature, at) -> new AccessDecision.Granted(Optional.empty());
    private final List<TipWriter.TipRequest> asked = new CopyOnWriteArrayList<>();

    /** A writer that answers by {@code answer} and records what it was asked. */
    private final class FakeModel implements TipWriter {

        private final Function<TipRequest, Draft> answer;

        FakeModel(Function<TipRequest, Draft> answer) {
            this.answer = answer;
        }

        @Override
        public Draft write(TipRequest request) {
            asked.add(request);
            return answer.apply(request);
        }

        @Override
        public boolean remote() {
            return true;
        }
    }

    private SendDailyNotificationsService service(TipWriter writer, int concurrency) {
        return new SendDailyNotificationsService(parents, access, platform, platform,
                new NotificationQueue(history, outbox, new InMemoryEventLog(), new DirectTransactionRunner(), TASHKENT),
                new NotificationText(new Messages()), writer, concurrency, 500);
    }

    private Learner child(int number) {
        Learner learner = new Learner(new LearnerId("L-" + number), "Child" + number + " Surname", Optional.of("7"),
                TASHKENT, true);
        platform.learner(learner, EMAIL);
        return learner;
    }

    private void parentOf(long id, Learner... children) {
        Parent parent = Parent.register(new TelegramUserId(id), new ChatId(id), Language.EN, ParentRole.PARENT,
                Instant.parse("2025-01-01T00:00:00Z"));
        for (Learner child : children) {
            parent.link(child.id(), EMAIL, Instant.parse("2025-01-02T00:00:00Z"));
        }
        parents.save(parent);
    }

    private void studiedYesterday(Learner learner) {
        platform.activity(new ActivityFact(Long.parseLong(learner.id().value().substring(2)), learner.id(),
                Optional.empty(), ActivityKind.LESSON_COMPLETED, "Fractions", OptionalDouble.empty(), 1200,
                TODAY.minusDays(1).atTime(10, 0).atZone(TASHKENT).toInstant()));
    }

    private List<String> tips() {
        return outbox.all().stream().map(SendText.class::cast).map(SendText::text)
                .filter(text -> text.contains("Tip of the week")).toList();
    }

    @Test
    void the_models_tip_goes_out_escaped_and_the_model_learns_only_the_first_name_grade_and_figures() {
        Learner aziz = child(1);
        studiedYesterday(aziz);
        parentOf(1, aziz);

        Run run = service(new FakeModel(request -> new TipWriter.Draft.Written(
                "  **Well done**: 20 minutes on 1 day. Try 3 short sessions <this week>.  ")), 4).send(EVENING);

        assertThat(run.queued()).isEqualTo(1);
        assertThat(tips()).singleElement().satisfies(text -> assertThat(text)
                .contains("Tip of the week: Child1", "Well done: 20 minutes on 1 day. Try 3 short sessions "
                        + "&lt;this week&gt;.")
                .doesNotContain("**"));
        assertThat(asked).singleElement().satisfies(request -> {
            assertThat(request.firstName()).isEqualTo("Child1");
            assertThat(request.grade()).contains("7");
            assertThat(request.figures().week().minutes()).isEqualTo(20);
            assertThat(request.toString()).doesNotContain("Surname", "L-1", "example.com");
        });
    }

    @Test
    void a_declined_empty_or_oversized_draft_gives_the_rule_based_tip() {
        Learner declined = child(1);
        Learner empty = child(2);
        Learner oversized = child(3);
        parentOf(1, declined);
        parentOf(2, empty);
        parentOf(3, oversized);

        service(new FakeModel(request -> switch (request.firstName()) {
            case "Child1" -> new TipWriter.Draft.Declined("circuit open");
            case "Child2" -> new TipWriter.Draft.Written("   ");
            default -> new TipWriter.Draft.Written("x".repeat(WeeklyTips.MAX_TIP_CHARS + 1));
        }), 4).send(EVENING);

        assertThat(tips()).hasSize(3).allSatisfy(text -> assertThat(text)
                .contains("There were no sessions in the last 7 days. Start small"));
    }

    @Test
    void a_writer_that_throws_still_leaves_the_parent_the_rule_based_tip() {
        parentOf(1, child(1));

        Run run = service(new FakeModel(request -> {
            throw new IllegalStateException("a bug");
        }), 4).send(EVENING);

        assertThat(run.queued()).isEqualTo(1);
        assertThat(tips()).singleElement().satisfies(text -> assertThat(text).contains("Start small"));
    }

    @Test
    void the_model_is_asked_once_per_week_and_child_not_on_every_daily_run() {
        parentOf(1, child(1));
        FakeModel model = new FakeModel(request -> new TipWriter.Draft.Written("Read together tonight."));

        service(model, 4).send(EVENING);
        Run tomorrow = service(model, 4).send(EVENING.plusSeconds(86_400));

        assertThat(asked).hasSize(1);
        assertThat(tomorrow.alreadySent()).isEqualTo(1);
        assertThat(tips()).hasSize(1);
    }

    @Test
    void tips_are_written_several_at_once_but_never_more_than_the_bound() {
        for (int number = 1; number <= 10; number++) {
            parentOf(number, child(number));
        }
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch threeAtOnce = new CountDownLatch(3);
        FakeModel model = new FakeModel(request -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            threeAtOnce.countDown();
            try {
                // The first three return only once all three are in flight together.
                threeAtOnce.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return new TipWriter.Draft.Written("Tip for " + request.firstName() + ".");
        });

        Run run = service(model, 3).send(EVENING);

        assertThat(threeAtOnce.getCount()).isZero();
        assertThat(most).hasValue(3);
        assertThat(run.queued()).isEqualTo(10);
        assertThat(tips()).hasSize(10).allSatisfy(text -> assertThat(text).containsPattern("Tip for Child\\d+\\."));
        assertThat(tips()).anySatisfy(text -> assertThat(text).contains("Tip for Child10."));
    }
}
