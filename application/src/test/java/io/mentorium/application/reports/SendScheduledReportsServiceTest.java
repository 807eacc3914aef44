package io.mentorium.application.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.application.conversation.Messages;
import io.mentorium.application.conversation.ReportChartComposer;
import io.mentorium.application.conversation.ReportText;
import io.mentorium.application.port.in.SendScheduledReports.Run;
import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendChart;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.ReportHistory.SentReport;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.service.BuildReportService;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.FakeTransaction;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.InMemoryPlatform;
import io.mentorium.application.testing.InMemoryReportHistory;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.ActivityKind;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.notification.QuietHours;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.report.ReportChart;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.report.ReportPeriod;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.shared.TimeWindow;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SendScheduledReportsServiceTest {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    /** Monday 10 March 2025, 09:00 in Tashkent: last week (3–9 March) has ended, the quiet hours too. */
    private static final Instant MONDAY_MORNING = Instant.parse("2025-03-10T04:00:00Z");
    private static final ReportPeriod WEEK_OF_3RD = ReportPeriod.weekContaining(LocalDate.of(2025, 3, 3));
    private static final Email EMAIL = new Email("family@example.com");

    private static final Learner AZIZ = learner("L-1", "Aziz Karimov", TASHKENT);
    private static final Learner MALIKA = learner("L-2", "Malika Karimova", TASHKENT);
    private static final Learner TIMUR = learner("L-9", "Timur Rashidov", TASHKENT);
    private static final Learner SASHA = learner("L-7", "Sasha Petrova", MOSCOW);

    private final InMemoryParentRepository parents = new InMemoryParentRepository();
    private final InMemoryPlatform platformData = new InMemoryPlatform()
            .learner(AZIZ, EMAIL).learner(MALIKA, EMAIL).learner(TIMUR, EMAIL).learner(SASHA, EMAIL);
    private final CountingPlatform platform = new CountingPlatform(platformData);
    private final InMemoryReportHistory history = new InMemoryReportHistory();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final Set<TelegramUserId> denied = new HashSet<>();
    private final AtomicLong factIds = new AtomicLong();
    /** What the parents who are not denied get. */
    private AccessDecision granted = new AccessDecision.Granted(Optional.empty());
    private final FeatureAccess access = (parentId, feature, at) -> {
        assertThat(feature).isEqualTo(Feature.SCHEDULED_REPORTS);
        return denied.contains(parentId)
                ? new AccessDecision.Denied(feature, Optional.empty())
                : this.granted;
    };


    private static Learner learner(String id, String name, ZoneId zone) {
        return new Learner(new LearnerId(id), name, Optional.of("7"), zone, true);
    }

    private SendScheduledReportsService service(TransactionRunner transactions, Outbox into, ZoneId quietZone,
                                                int pageSize) {
        BuildReportService build = new BuildReportService(parents, platform, platform,
                new MutableClock(Instant.parse("2000-01-01T00:00:00Z")));
        return new SendScheduledReportsService(parents, access, build, history, into, transactions,
                new ReportText(new Messages()), new ReportChartComposer(new Messages()), quietZone, pageSize);
    }

    private SendScheduledReportsService service() {
        return service(new DirectTransactionRunner(), outbox, TASHKENT, 500);
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

    private void lessons(Learner learner, String... at) {
        for (String instant : at) {
            platformData.activity(new ActivityFact(factIds.incrementAndGet(),
                    learner.id(), Optional.empty(), ActivityKind.LESSON_COMPLETED, "Fractions", OptionalDouble.of(80),
                    900, Instant.parse(instant)));
        }
    }

    private List<SendText> queuedTo(long chat) {
        return outbox.all().stream().filter(SendText.class::isInstance).map(SendText.class::cast)
                .filter(message -> message.chatId().equals(new ChatId(chat))).toList();
    }

    private Set<ReportPeriod> periodsSent(long parent, Learner learner) {
        Set<ReportPeriod> periods = new HashSet<>();
        for (SentReport sent : history.sentTo(new TelegramUserId(parent), 100)) {
            if (sent.learnerId().equals(learner.id())) {
                periods.add(sent.period());
            }
        }
        return periods;
    }

    @Test
    void every_parent_gets_one_report_per_child_for_the_week_that_ended() {
        parent(1, Language.RU, AZIZ, MALIKA);
        parent(2, Language.EN, AZIZ);
        parent(3, Language.UZ, TIMUR);

        Run run = service().send(ReportKind.WEEKLY, MONDAY_MORNING);

        assertThat(run).isEqualTo(new Run(3, 4, 0, 0));
        assertThat(queuedTo(1)).hasSize(2);
        assertThat(queuedTo(1).get(0).text()).contains("Aziz Karimov");
        assertThat(queuedTo(1).get(1).text()).contains("Malika Karimova");
        assertThat(queuedTo(2)).singleElement().satisfies(m -> assertThat(m.text()).contains("Aziz Karimov"));
        assertThat(queuedTo(3)).singleElement().satisfies(m -> assertThat(m.text()).contains("Timur Rashidov"));
        assertThat(periodsSent(1, AZIZ)).containsExactly(WEEK_OF_3RD);
        assertThat(periodsSent(3, TIMUR)).containsExactly(WEEK_OF_3RD);
        // Outside quiet hours (09:00 in Tashkent): due at once.
        assertThat(outbox.pending(0, 10)).allSatisfy(m -> assertThat(m.notBefore()).isEqualTo(MONDAY_MORNING));
    }

    @Test
    void a_weekly_report_is_its_text_then_its_chart_as_data_and_both_are_remembered() {
        parent(1, Language.EN, AZIZ);
        // Week of 3 March 2025: Tuesday and Sunday (11:00 in Tashkent); the week before: its Monday.
        lessons(AZIZ, "2025-03-04T06:00:00Z", "2025-03-09T06:00:00Z", "2025-02-24T06:00:00Z");

        service().send(ReportKind.WEEKLY, MONDAY_MORNING);

        List<Outgoing> queued = outbox.all();
        assertThat(queued).hasSize(2);
        SendText text = (SendText) queued.get(0);
        SendChart chart = (SendChart) queued.get(1);
        assertThat(text.text()).contains("Aziz Karimov", "Study time: <b>30 min</b>");
        assertThat(chart.chatId()).isEqualTo(new ChatId(1));
        assertThat(chart.caption()).isEqualTo("📊 <b>Aziz Karimov</b>: minutes per day, this week and last");
        assertThat(chart.chart()).isEqualTo(new ReportChart("Aziz Karimov: minutes of study per day", "minutes",
                List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
                "this week", List.of(0, 15, 0, 0, 0, 0, 15), "last week", List.of(15, 0, 0, 0, 0, 0, 0)));

        SentReport sent = history.sentTo(new TelegramUserId(1), 10).getFirst();
        assertThat(sent.content()).hasValueSatisfying(content -> {
            assertThat(content.text()).isEqualTo(text.text());
            assertThat(content.learnerName()).isEqualTo("Aziz Karimov");
            assertThat(content.figures().metrics().minutes()).isEqualTo(30);
            assertThat(content.figures().metrics().activeDays()).isEqualTo(2);
            assertThat(content.figures().previous().minutes()).isEqualTo(15);
            assertThat(content.figures().streakDays()).isEqualTo(1);
        });
    }

    @Test
    void a_monthly_chart_compares_the_weeks_of_the_month_with_those_of_the_month_before() {
        parent(1, Language.RU, AZIZ);
        // February 2025 (28 days): days 1 and 22; January: days 2 and 30 (its fifth "week", 29-31).
        lessons(AZIZ, "2025-02-01T06:00:00Z", "2025-02-22T06:00:00Z", "2025-01-02T06:00:00Z",
                "2025-01-30T06:00:00Z");

        service().send(ReportKind.MONTHLY, MONDAY_MORNING);

        SendChart chart = (SendChart) outbox.all().get(1);
        assertThat(chart.chart().labels()).containsExactly("1–7", "8–14", "15–21", "22–28");
        assertThat(chart.chart().current()).containsExactly(15, 0, 0, 15);
        // January's days 29-31 have no February days to stand beside.
        assertThat(chart.chart().previous()).containsExactly(15, 0, 0, 0);
        assertThat(chart.chart().currentName()).isEqualTo("этот месяц");
        assertThat(chart.chart().title()).isEqualTo("Aziz Karimov: минуты занятий по неделям месяца");
    }

    @Test
    void the_report_ends_with_the_subscription_line() {
        parent(1, Language.EN, AZIZ);
        granted = new AccessDecision.Granted(Optional.of(Instant.parse("2025-04-01T10:00:00Z")));

        service().send(ReportKind.WEEKLY, MONDAY_MORNING);

        assertThat(queuedTo(1).getFirst().text()).endsWith("\n\n⭐ Subscription active until 1 April 2025.");
    }

    @Test
    void in_the_grace_period_the_line_says_until_when_the_reports_stay() {
        parent(1, Language.RU, AZIZ);
        granted = new AccessDecision.GrantedInGrace(Instant.parse("2025-03-12T10:00:00Z"));

        service().send(ReportKind.WEEKLY, MONDAY_MORNING);

        assertThat(queuedTo(1).getFirst().text()).contains("⭐ Подписка закончилась; отчёты и ассистент доступны до");
    }

    @Test
    void a_second_run_for_the_same_period_queues_nothing() {
        parent(1, Language.RU, AZIZ, MALIKA);
        parent(2, Language.EN, AZIZ);

        service().send(ReportKind.WEEKLY, MONDAY_MORNING);
        Run again = service().send(ReportKind.WEEKLY, MONDAY_MORNING.plusSeconds(3600));

        assertThat(again).isEqualTo(new Run(2, 0, 3, 0));
        // Each report is its text and its chart.
        assertThat(outbox.all()).hasSize(6);
    }

    @Test
    void two_runs_at_once_queue_each_report_exactly_once() throws Exception {
        List<Learner> children = List.of(AZIZ, MALIKA, TIMUR, SASHA);
        for (int id = 1; id <= 60; id++) {
            parent(id, Language.RU, children.get(id % 4), children.get((id + 1) % 4));
        }
        // Each run on its own thread with its own transactions, as two scheduler processes would have.
        TransactionRunner perThread = new TransactionRunner() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return FakeTransaction.run(work);
            }
        };
        SendScheduledReportsService first = service(perThread, outbox, TASHKENT, 7);
        SendScheduledReportsService second = service(perThread, outbox, TASHKENT, 7);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Run>> runs = new ArrayList<>();
            for (SendScheduledReportsService run : List.of(first, second)) {
                Callable<Run> task = () -> {
                    start.await();
                    return run.send(ReportKind.WEEKLY, MONDAY_MORNING);
                };
                runs.add(threads.submit(task));
            }
            start.countDown();
            Run a = runs.get(0).get();
            Run b = runs.get(1).get();

            assertThat(a.queued() + b.queued()).isEqualTo(120);
            assertThat(a.alreadySent() + b.alreadySent()).isEqualTo(120);
        } finally {
            threads.shutdownNow();
        }
        assertThat(outbox.all()).hasSize(240);
        assertThat(outbox.all()).filteredOn(SendText.class::isInstance).hasSize(120)
                .extracting(m -> m.chatId().value() + ":" + ((SendText) m).text().lines().findFirst()
                .orElseThrow()).doesNotHaveDuplicates();
    }

    @Test
    void parents_who_switched_the_report_off_blocked_the_bot_or_have_no_access_are_skipped() {
        Parent optedOut = parent(1, Language.RU, AZIZ);
        optedOut.changePreferences(optedOut.preferences().withReport(ReportKind.WEEKLY, false));
        parents.save(optedOut);
        Parent blocked = parent(2, Language.RU, AZIZ);
        blocked.markBlocked(MONDAY_MORNING.minusSeconds(86_400));
        parents.save(blocked);
        parent(3, Language.RU, AZIZ);
        denied.add(new TelegramUserId(3));
        parent(4, Language.EN, MALIKA);

        Run run = service().send(ReportKind.WEEKLY, MONDAY_MORNING);

        assertThat(run).isEqualTo(new Run(4, 1, 0, 3));
        assertThat(outbox.all()).hasSize(2).allSatisfy(m -> assertThat(m.chatId()).isEqualTo(new ChatId(4)));
        assertThat(history.sentTo(new TelegramUserId(1), 10)).isEmpty();
        // The weekly switch is the weekly one only: the monthly report still goes out.
        assertThat(service().send(ReportKind.MONTHLY, MONDAY_MORNING).queued()).isEqualTo(2);
    }

    @Test
    void inside_quiet_hours_the_report_waits_for_their_end_in_the_bots_time_zone() {
        // Monday 06:00 in Tashkent, 04:00 in Moscow.
        Instant early = Instant.parse("2025-03-10T01:00:00Z");
        parent(1, Language.RU, AZIZ);
        Parent shortNight = parent(2, Language.RU, AZIZ);
        shortNight.changePreferences(shortNight.preferences()
                .withQuietHours(Optional.of(new QuietHours(LocalTime.of(23, 0), LocalTime.of(7, 0)))));
        parents.save(shortNight);
        Parent anyHour = parent(3, Language.RU, AZIZ);
        anyHour.changePreferences(anyHour.preferences().withQuietHours(Optional.empty()));
        parents.save(anyHour);

        service().send(ReportKind.WEEKLY, early);

        List<QueuedMessage> queued = outbox.pending(0, 10);
        // The text and the chart of a report wait together.
        assertThat(queued).extracting(QueuedMessage::notBefore).containsExactly(
                Instant.parse("2025-03-10T03:00:00Z"), // 08:00 in Tashkent, the default end
                Instant.parse("2025-03-10T03:00:00Z"),
                Instant.parse("2025-03-10T02:00:00Z"), // 07:00 in Tashkent
                Instant.parse("2025-03-10T02:00:00Z"),
                early, early);
    }

    @Test
    void quiet_hours_follow_the_configured_bot_time_zone() {
        Instant early = Instant.parse("2025-03-10T01:00:00Z");
        parent(1, Language.RU, AZIZ);

        service(new DirectTransactionRunner(), outbox, MOSCOW, 500).send(ReportKind.WEEKLY, early);

        // 04:00 in Moscow: quiet until 08:00 there.
        assertThat(outbox.pending(0, 10)).hasSize(2)
                .allSatisfy(m -> assertThat(m.notBefore()).isEqualTo(Instant.parse("2025-03-10T05:00:00Z")));
    }

    @Test
    void the_week_that_ended_is_each_learners_own_on_a_sunday_night_run() {
        // Sunday 9 March, 20:30 UTC: Monday 01:30 in Tashkent, still Sunday 23:30 in Moscow.
        Instant sundayNight = Instant.parse("2025-03-09T20:30:00Z");
        parent(1, Language.EN, AZIZ, SASHA);
        lessons(AZIZ, "2025-03-04T10:00:00Z", "2025-03-09T19:45:00Z"); // the second is Monday 00:45 in Tashkent
        lessons(SASHA, "2025-02-26T10:00:00Z", "2025-03-05T10:00:00Z");

        Run run = service().send(ReportKind.WEEKLY, sundayNight);

        assertThat(run.queued()).isEqualTo(2);
        assertThat(periodsSent(1, AZIZ)).containsExactly(WEEK_OF_3RD);
        assertThat(periodsSent(1, SASHA)).containsExactly(WEEK_OF_3RD.previous());
        assertThat(queuedTo(1).get(0).text()).contains("Lessons completed: <b>1</b>");
        assertThat(queuedTo(1).get(1).text()).contains("Lessons completed: <b>1</b>");

        // Once Moscow's Monday has come, Sasha's week of the 3rd is due and Aziz's is not sent again.
        Run later = service().send(ReportKind.WEEKLY, Instant.parse("2025-03-09T21:30:00Z"));
        assertThat(later).isEqualTo(new Run(1, 1, 1, 0));
        assertThat(periodsSent(1, SASHA)).containsExactlyInAnyOrder(WEEK_OF_3RD.previous(), WEEK_OF_3RD);
    }

    @Test
    void the_monthly_run_reports_the_previous_calendar_month() {
        parent(1, Language.RU, AZIZ);
        lessons(AZIZ, "2025-03-04T10:00:00Z", "2025-03-20T10:00:00Z", "2025-03-31T20:00:00Z");

        service().send(ReportKind.MONTHLY, Instant.parse("2025-04-01T04:00:00Z"));

        assertThat(periodsSent(1, AZIZ)).containsExactly(ReportPeriod.monthContaining(LocalDate.of(2025, 3, 1)));
        // 31 March, 20:00 UTC is 1 April in Tashkent: not March's.
        assertThat(queuedTo(1).getFirst().text()).contains("Пройдено уроков: <b>2</b>");
    }

    @Test
    void the_report_is_written_in_the_parents_language_with_the_childs_name_and_figures() {
        parent(1, Language.RU, TIMUR);
        parent(2, Language.UZ, TIMUR);
        parent(3, Language.EN, TIMUR);
        lessons(TIMUR, "2025-03-03T06:00:00Z", "2025-03-05T06:00:00Z", "2025-03-06T06:00:00Z");

        service().send(ReportKind.WEEKLY, MONDAY_MORNING);

        assertThat(queuedTo(1).getFirst().text()).contains("Timur Rashidov", "Пройдено уроков: <b>3</b>");
        assertThat(queuedTo(2).getFirst().text()).contains("Timur Rashidov", "Tugatilgan darslar: <b>3</b>");
        assertThat(queuedTo(3).getFirst().text()).contains("Timur Rashidov", "Lessons completed: <b>3</b>");
    }

    @Test
    void parents_are_read_page_by_page_and_the_platform_once_per_page() {
        for (int id = 1; id <= 5; id++) {
            parent(id, Language.EN, AZIZ, MALIKA);
        }

        Run run = service(new DirectTransactionRunner(), outbox, TASHKENT, 2).send(ReportKind.WEEKLY, MONDAY_MORNING);

        assertThat(run).isEqualTo(new Run(5, 10, 0, 0));
        assertThat(platform.learnerQueries.get()).isEqualTo(3);
        assertThat(platform.activityQueries.get()).isEqualTo(3);
        assertThat(platform.enrollmentQueries.get()).isEqualTo(3);
    }

    @Test
    void a_report_whose_outbox_row_failed_is_not_marked_and_goes_out_on_the_next_run() {
        parent(1, Language.RU, AZIZ);
        AtomicInteger failures = new AtomicInteger(1);
        Outbox failingOnce = new Outbox() {
            @Override
            public List<QueuedMessage> enqueue(List<Outgoing> messages, Instant now, Instant notBefore) {
                if (failures.getAndDecrement() > 0) {
                    throw new StorageException("connection reset");
                }
                return outbox.enqueue(messages, now, notBefore);
            }

            @Override
            public List<QueuedMessage> enqueue(List<Outgoing> messages, Instant now) {
                throw new AssertionError("reports are queued with a not-before");
            }

            @Override
            public List<QueuedMessage> enqueueReplies(long updateId, List<Outgoing> messages, Instant now) {
                throw new AssertionError();
            }

            @Override
            public List<QueuedMessage> pendingReplies(long updateId) {
                throw new AssertionError();
            }

            @Override
            public List<QueuedMessage> pending(long afterId, int limit) {
                throw new AssertionError();
            }

            @Override
            public void markSent(long id, Instant at) {
                throw new AssertionError();
            }

            @Override
            public int markSent(Collection<Long> ids, Instant at) {
                throw new AssertionError();
            }

            @Override
            public void recordRetry(long id, int attempts, Instant notBefore, String reason) {
                throw new AssertionError();
            }

            @Override
            public void markGivenUp(long id, Instant at, String reason) {
                throw new AssertionError();
            }

            @Override
            public int giveUpChat(ChatId chatId, Instant at, String reason) {
                throw new AssertionError();
            }

            @Override
            public int purgeHandledBefore(Instant before) {
                throw new AssertionError();
            }

            @Override
            public List<QueuedMessage> claim(String owner, long afterId, int limit, Instant now, Instant dueBy,
                                             Instant leaseUntil, boolean includeOwn) {
                throw new AssertionError();
            }

            @Override
            public int renewClaims(String owner, Instant leaseUntil) {
                throw new AssertionError();
            }

            @Override
            public int releaseClaims(String owner, Collection<Long> ids) {
                throw new AssertionError();
            }

            @Override
            public int releaseClaims(String owner) {
                throw new AssertionError();
            }

            @Override
            public long countPendingDue(Instant dueBy) {
                throw new AssertionError();
            }
        };
        SendScheduledReportsService service = service(new DirectTransactionRunner(), failingOnce, TASHKENT, 500);

        assertThatThrownBy(() -> service.send(ReportKind.WEEKLY, MONDAY_MORNING))
                .isInstanceOf(StorageException.class);
        assertThat(history.sentTo(new TelegramUserId(1), 10)).isEmpty();

        assertThat(service.send(ReportKind.WEEKLY, MONDAY_MORNING)).isEqualTo(new Run(1, 1, 0, 0));
        assertThat(outbox.all()).hasSize(2);
    }

    /** The in-memory platform, counting its queries. */
    private static final class CountingPlatform implements LearnerDirectory, ActivitySource {

        final AtomicInteger learnerQueries = new AtomicInteger();
        final AtomicInteger activityQueries = new AtomicInteger();
        final AtomicInteger enrollmentQueries = new AtomicInteger();
        private final InMemoryPlatform platform;

        CountingPlatform(InMemoryPlatform platform) {
            this.platform = platform;
        }

        @Override
        public List<Learner> findByIds(Collection<LearnerId> ids) {
            learnerQueries.incrementAndGet();
            return platform.findByIds(ids);
        }

        @Override
        public List<LinkCode> findCodesForGuardian(Email email, String typedCode) {
            return platform.findCodesForGuardian(email, typedCode);
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
