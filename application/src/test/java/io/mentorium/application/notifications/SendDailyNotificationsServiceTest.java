package io.mentorium.application.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.application.conversation.Messages;
import io.mentorium.application.conversation.NotificationText;
import io.mentorium.application.port.in.SendDailyNotifications.Run;
import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.FakeTransaction;
import io.mentorium.application.testing.InMemoryEventLog;
import io.mentorium.application.testing.InMemoryNotificationHistory;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.InMemoryPlatform;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.ActivityKind;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.shared.TimeWindow;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SendDailyNotificationsServiceTest {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    /** Wednesday 12 March 2025, 18:00 in Tashkent: outside the default quiet hours. */
    private static final LocalDate TODAY = LocalDate.of(2025, 3, 12);
    private static final Instant EVENING = Instant.parse("2025-03-12T13:00:00Z");
    private static final Email EMAIL = new Email("family@example.com");

    private static final Learner AZIZ = learner("L-1", "Aziz Karimov");
    private static final Learner MALIKA = learner("L-2", "Malika Karimova");
    private static final Learner TRICKY = learner("L-3", "<b>Bold</b> & Co");

    private final InMemoryParentRepository parents = new InMemoryParentRepository();
    private final InMemoryPlatform platform = new InMemoryPlatform()
            .learner(AZIZ, EMAIL).learner(MALIKA, EMAIL).learner(TRICKY, EMAIL);
    private final Counting counting = new Counting();
    private final InMemoryNotificationHistory history = new InMemoryNotificationHistory();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryEventLog events = new InMemoryEventLog();
    private final Set<TelegramUserId> denied = new HashSet<>();
    private final List<Feature> asked = new ArrayList<>();
    private final FeatureAccess access = (parentId, feature, at) -> {
        synchronized (asked) {
            asked.add(feature);
        }
        return denied.contains(parentId)
                ? new AccessDecision.Denied(feature, Optional.empty())
                : new AccessDecision.Granted(Optional.empty());
    };

    private static Learner learner(String id, String name) {
        return new Learner(new LearnerId(id), name, Optional.of("7"), TASHKENT, true);
    }

    private SendDailyNotificationsService service(TransactionRunner transactions, io.mentorium.application.port.out.Outbox into,
                                                  int pageSize) {
        return new SendDailyNotificationsService(parents, access, counting, counting,
                new NotificationQueue(history, into, events, transactions, TASHKENT),
                new NotificationText(new Messages()), pageSize);
    }

    private SendDailyNotificationsService service() {
        return service(new DirectTransactionRunner(), outbox, 500);
    }

    private Parent parent(long id, Language language, Learner... children) {
        Parent parent = Parent.register(new TelegramUserId(id), new ChatId(id), language, ParentRole.PARENT,
                Instant.parse("2025-01-01T00:00:00Z"));
        for (Learner child : children) {
            parent.link(child.id(), EMAIL, Instant.parse("2025-01-02T00:00:00Z"));
        }
        parents.save(parent);
        return parent;
    }

    private void studied(Learner learner, LocalDate from, LocalDate to, double score) {
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            platform.activity(new ActivityFact(day.toEpochDay() * 10 + Long.parseLong(learner.id().value().substring(2)),
                    learner.id(), Optional.empty(), ActivityKind.QUIZ_COMPLETED, "Fractions", OptionalDouble.of(score),
                    1800, day.atTime(10, 0).atZone(TASHKENT).toInstant()));
        }
    }

    private List<String> textsTo(long chat) {
        return outbox.all().stream().map(SendText.class::cast)
                .filter(message -> message.chatId().equals(new ChatId(chat))).map(SendText::text).toList();
    }

    @Test
    void a_streak_a_top_score_and_the_weekly_tip_are_queued_once_and_a_rerun_queues_nothing() {
        parent(1, Language.EN, AZIZ);
        studied(AZIZ, TODAY.minusDays(2), TODAY, 95);

        Run first = service().send(EVENING);

        assertThat(first).isEqualTo(new Run(1, 3, 0, 0));
        assertThat(textsTo(1)).anySatisfy(text -> assertThat(text).contains("Aziz", "3 days in a row"))
                .anySatisfy(text -> assertThat(text).contains("95 out of 100", "Fractions"))
                .anySatisfy(text -> assertThat(text).contains("Tip of the week: Aziz"));
        assertThat(history.all()).extracting(mark -> mark.key()).containsExactlyInAnyOrder(
                "achievement:L-1:streak-3:2025-03-10", "achievement:L-1:top-score:2025-03-12",
                "recommendation:L-1:week:2025-03-10");

        assertThat(events.ofType("notification.queued")).extracting(event -> event.details().get("key"))
                .containsExactlyInAnyOrder("achievement:L-1:streak-3:2025-03-10",
                        "achievement:L-1:top-score:2025-03-12", "recommendation:L-1:week:2025-03-10");

        Run again = service().send(EVENING.plusSeconds(3600));
        assertThat(again).isEqualTo(new Run(1, 0, 3, 0));
        assertThat(outbox.all()).hasSize(3);
        assertThat(events.ofType("notification.queued")).as("a re-run logs nothing").hasSize(3);
    }

    @Test
    void missed_days_are_told_once_per_gap() {
        parent(1, Language.RU, AZIZ);
        studied(AZIZ, TODAY.minusDays(6), TODAY.minusDays(3), 70);

        service().send(EVENING);
        service().send(EVENING.plusSeconds(86_400));

        List<String> missed = textsTo(1).stream().filter(text -> text.startsWith("📅")).toList();
        assertThat(missed).singleElement().satisfies(text -> assertThat(text).contains("Aziz", "2 дн."));
    }

    @Test
    void each_kind_the_parent_switched_off_is_left_out_and_the_rest_still_goes() {
        Parent parent = parent(1, Language.EN, AZIZ);
        parent.changePreferences(parent.preferences().withKind(NotificationKind.ACHIEVEMENT, false));
        parents.save(parent);
        Parent nothing = parent(2, Language.EN, AZIZ);
        nothing.changePreferences(nothing.preferences().withKind(NotificationKind.ACHIEVEMENT, false)
                .withKind(NotificationKind.MISSED_DAYS, false).withKind(NotificationKind.RECOMMENDATION, false));
        parents.save(nothing);
        studied(AZIZ, TODAY.minusDays(2), TODAY, 95);

        Run run = service().send(EVENING);

        assertThat(run).isEqualTo(new Run(2, 1, 0, 1));
        assertThat(textsTo(1)).singleElement().satisfies(text -> assertThat(text).contains("Tip of the week"));
        assertThat(textsTo(2)).isEmpty();
    }

    @Test
    void parents_without_access_who_blocked_the_bot_or_have_no_children_are_skipped() {
        parent(1, Language.EN, AZIZ);
        denied.add(new TelegramUserId(1));
        Parent blocked = parent(2, Language.EN, AZIZ);
        blocked.markBlocked(EVENING.minusSeconds(60));
        parents.save(blocked);
        parent(3, Language.EN);
        parent(4, Language.EN, MALIKA);

        Run run = service().send(EVENING);

        assertThat(run).isEqualTo(new Run(4, 1, 0, 3));
        assertThat(textsTo(4)).singleElement();
        assertThat(asked).containsOnly(Feature.NOTIFICATIONS);
    }

    @Test
    void inside_quiet_hours_the_notification_waits_for_their_end() {
        parent(1, Language.EN, AZIZ);
        // 23:00 in Tashkent: quiet until 08:00 the next morning (03:00 UTC).
        service().send(Instant.parse("2025-03-12T18:00:00Z"));

        assertThat(outbox.pending(0, 10)).isNotEmpty().extracting(QueuedMessage::notBefore)
                .containsOnly(Instant.parse("2025-03-13T03:00:00Z"));
    }

    @Test
    void texts_are_in_the_parents_language_with_platform_values_escaped() {
        parent(1, Language.RU, TRICKY);
        parent(2, Language.UZ, TRICKY);
        parent(3, Language.EN, TRICKY);

        service().send(EVENING);

        assertThat(textsTo(1)).singleElement().satisfies(text -> assertThat(text).contains("Совет недели", "&lt;b&gt;Bold&lt;/b&gt;"));
        assertThat(textsTo(2)).singleElement().satisfies(text -> assertThat(text).contains("Hafta maslahati"));
        assertThat(textsTo(3)).singleElement().satisfies(text -> assertThat(text).contains("Tip of the week")
                .doesNotContain("<b>Bold"));
    }

    @Test
    void the_platform_is_read_once_per_page_and_a_shared_child_is_told_to_each_parent() {
        for (int id = 1; id <= 5; id++) {
            parent(id, Language.EN, AZIZ, MALIKA);
        }

        Run run = service(new DirectTransactionRunner(), outbox, 2).send(EVENING);

        assertThat(run).isEqualTo(new Run(5, 10, 0, 0));
        assertThat(counting.learnerQueries.get()).isEqualTo(3);
        assertThat(counting.activityQueries.get()).isEqualTo(3);
        assertThat(counting.enrollmentQueries.get()).isEqualTo(3);
    }

    @Test
    void a_notification_whose_transaction_failed_is_not_marked_and_goes_out_on_the_next_run() {
        parent(1, Language.EN, AZIZ);
        AtomicInteger failures = new AtomicInteger(1);
        TransactionRunner failingOnce = new TransactionRunner() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return FakeTransaction.run(() -> {
                    T result = work.get();
                    if (failures.getAndDecrement() > 0) {
                        throw new StorageException("connection reset at commit");
                    }
                    return result;
                });
            }
        };
        InMemoryOutbox rolledBack = new InMemoryOutbox();

        assertThatThrownBy(() -> service(failingOnce, rolledBack, 500).send(EVENING))
                .isInstanceOf(StorageException.class);
        assertThat(history.all()).isEmpty();

        assertThat(service().send(EVENING).queued()).isEqualTo(1);
    }

    @Test
    void two_runs_at_once_queue_each_notification_exactly_once() throws Exception {
        List<Learner> children = List.of(AZIZ, MALIKA, TRICKY);
        for (int id = 1; id <= 45; id++) {
            parent(id, Language.RU, children.get(id % 3), children.get((id + 1) % 3));
        }
        studied(AZIZ, TODAY.minusDays(6), TODAY, 92);
        TransactionRunner perThread = new TransactionRunner() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return FakeTransaction.run(work);
            }
        };
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Run>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                SendDailyNotificationsService run = service(perThread, outbox, 7);
                runs.add(threads.submit(() -> {
                    start.await();
                    return run.send(EVENING);
                }));
            }
            start.countDown();
            Run a = runs.get(0).get();
            Run b = runs.get(1).get();
            // A tip per (parent, child): 90; Aziz (30 of the parents) adds a 7-day streak and today's top score.
            int expected = 90 + 30 * 2;
            assertThat(a.queued() + b.queued()).isEqualTo(expected);
            assertThat(a.alreadySent() + b.alreadySent()).isEqualTo(expected);
        } finally {
            threads.shutdownNow();
        }
        assertThat(outbox.all()).extracting(m -> m.chatId().value() + ":" + ((SendText) m).text())
                .doesNotHaveDuplicates();
    }

    /** Counts the platform's queries. */
    private final class Counting implements LearnerDirectory, ActivitySource {
        final AtomicInteger learnerQueries = new AtomicInteger();
        final AtomicInteger activityQueries = new AtomicInteger();
        final AtomicInteger enrollmentQueries = new AtomicInteger();

        @Override
        public List<Learner> findByIds(Collection<LearnerId> ids) {
            learnerQueries.incrementAndGet();
            return platform.findByIds(ids);
        }

        @Override
        public List<LinkCode> findCodesForGuardian(Email email, String typedCode) {
            throw new AssertionError("not a notification's business");
        }

        @Override
        public List<ActivityFact> activities(Collection<LearnerId> learnerIds, TimeWindow window) {
            activityQueries.incrementAndGet();
            return platform.activities(learnerIds, window);
        }

        @Override
        public List<Enrollment> enrollments(Collection<LearnerId> learnerIds) {
            enrollmentQueries.incrementAndGet();
            return platform.enrollments(learnerIds);
        }
    }
}
