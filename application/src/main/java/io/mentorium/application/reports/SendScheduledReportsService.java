package io.mentorium.application.reports;

import io.mentorium.application.billing.ParentsWithAccess;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.conversation.ReportChartComposer;
import io.mentorium.application.conversation.ReportText;
import io.mentorium.application.port.in.BuildReport;
import io.mentorium.application.port.in.SendScheduledReports;
import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendChart;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.ReportHistory;
import io.mentorium.application.port.out.ReportHistory.Content;
import io.mentorium.application.port.out.ReportHistory.Figures;
import io.mentorium.application.port.out.ReportHistory.SentReport;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.report.Report;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled report run, a page of parents at a time.
 *
 * <p>Exactly once rests on the report history: for each (parent, learner, period) the history's mark and the outbox
 * rows are written in one transaction, the mark first — one transaction per page, so a run of 100,000 reports commits
 * a few hundred times, not 100,000. A re-run, a second scheduler racing this one, or a restart after a kill finds the
 * mark (or waits on the other's uncommitted one) and queues nothing; a transaction that fails leaves neither, so the
 * next run queues that page's reports.
 *
 * <p>The platform is read per page, never per learner: one learner query, one activity query and one enrollment
 * query for all the page's children. Composing happens outside any transaction of the bot's database, so a slow
 * platform never holds one open.
 *
 * <p>Each report is two messages, queued together: the report's text, then its chart as a photo with a short caption.
 * The text goes first and whole because it is the report (a photo's caption holds only 1024 characters), and the
 * chart travels as data, drawn only when sent. The text, with its figures, is kept in the history for "Past reports".
 */
public final class SendScheduledReportsService implements SendScheduledReports {

    /** Parents per page: large enough that the per-page platform queries are few, small enough to hold in memory. */
    public static final int DEFAULT_PAGE_SIZE = 500;

    private static final Logger LOG = LoggerFactory.getLogger(SendScheduledReportsService.class);

    private final ParentRepository parents;
    private final EventLog events;
    private final FeatureAccess featureAccess;
    private final BuildReport buildReport;
    private final ReportHistory history;
    private final Outbox outbox;
    private final TransactionRunner transactions;
    private final ReportText reportText;
    private final ReportChartComposer charts;
    private final ZoneId quietHoursZone;
    private final int pageSize;

    /**
     * @param settings its bot time zone is the one quiet hours are read in: parents set them on the bot's clock (the
     *                 settings screen shows them so), and a parent has no time zone of their own
     */
    @Inject
    public SendScheduledReportsService(ParentRepository parents, FeatureAccess featureAccess, BuildReport buildReport,
                                       ReportHistory history, Outbox outbox, EventLog events,
                                       TransactionRunner transactions, ReportText reportText,
                                       ReportChartComposer charts, CoreSettings settings) {
        this(parents, featureAccess, buildReport, history, outbox, events, transactions, reportText, charts,
                settings.botTimeZone(), DEFAULT_PAGE_SIZE);
    }

    /** Without an event log: for hosts that embed the use case and keep no log. */
    public SendScheduledReportsService(ParentRepository parents, FeatureAccess featureAccess, BuildReport buildReport,
                                       ReportHistory history, Outbox outbox, TransactionRunner transactions,
                                       ReportText reportText, ReportChartComposer charts, ZoneId quietHoursZone,
                                       int pageSize) {
        this(parents, featureAccess, buildReport, history, outbox, EventLog.DISCARD, transactions, reportText, charts,
                quietHoursZone, pageSize);
    }

    public SendScheduledReportsService(ParentRepository parents, FeatureAccess featureAccess, BuildReport buildReport,
                                       ReportHistory history, Outbox outbox, EventLog events,
                                       TransactionRunner transactions, ReportText reportText,
                                       ReportChartComposer charts, ZoneId quietHoursZone, int pageSize) {
        this.events = Objects.requireNonNull(events, "events");
        this.parents = Objects.requireNonNull(parents, "parents");
        this.featureAccess = Objects.requireNonNull(featureAccess, "featureAccess");
        this.buildReport = Objects.requireNonNull(buildReport, "buildReport");
        this.history = Objects.requireNonNull(history, "history");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.reportText = Objects.requireNonNull(reportText, "reportText");
        this.charts = Objects.requireNonNull(charts, "charts");
        this.quietHoursZone = Objects.requireNonNull(quietHoursZone, "quietHoursZone");
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive: " + pageSize);
        }
        this.pageSize = pageSize;
    }

    @Override
    public Run send(ReportKind kind, Instant now) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(now, "now");
        Tally tally = new Tally();
        Optional<TelegramUserId> after = Optional.empty();
        while (true) {
            List<Parent> page = parents.findPage(after, pageSize);
            if (page.isEmpty()) {
                break;
            }
            sendPage(page, kind, now, tally);
            after = Optional.of(page.getLast().id());
            if (page.size() < pageSize) {
                break;
            }
        }
        Run run = new Run(tally.parents, tally.queued, tally.alreadySent, tally.skipped);
        LOG.info("{} reports at {}: {}", kind, now, run);
        events.record(EventLog.Event.bySystem("reports.run", Map.of("kind", label(kind),
                "parents", Integer.toString(run.parents()), "queued", Integer.toString(run.queued()),
                "already_sent", Integer.toString(run.alreadySent()), "skipped", Integer.toString(run.skipped())),
                now));
        return run;
    }

    private void sendPage(List<Parent> page, ReportKind kind, Instant now, Tally tally) {
        tally.parents += page.size();
        // The cheap checks first, then one access decision for the rest of the page.
        List<Parent> candidates = page.stream()
                .filter(parent -> parent.preferences().receives(kind) && parent.reachable())
                .toList();
        List<ParentsWithAccess.Granted> recipients = ParentsWithAccess.among(featureAccess, candidates,
                Feature.SCHEDULED_REPORTS, now);
        tally.skipped += page.size() - recipients.size();
        List<LearnerId> learnerIds = new ArrayList<>();
        recipients.forEach(granted -> learnerIds.addAll(granted.parent().learnerIds()));
        if (learnerIds.isEmpty()) {
            return;
        }
        Map<LearnerId, BuildReport.Outcome> outcomes = buildReport.buildLastCompleted(learnerIds, kind, now);
        List<Composed> composed = new ArrayList<>();
        for (ParentsWithAccess.Granted granted : recipients) {
            Parent parent = granted.parent();
            Instant notBefore = notBefore(parent, now);
            for (LearnerId learnerId : parent.learnerIds()) {
                if (outcomes.get(learnerId) instanceof BuildReport.Outcome.Built built) {
                    composed.add(compose(parent, built.report(), granted.decision(), now, notBefore));
                } else {
                    // The platform no longer has the child: no report, and nothing recorded, so one comes again
                    // should the learner return within the period's retention.
                    LOG.info("No {} report for parent {} on learner {}: {}", kind, parent.id(), learnerId,
                            outcomes.get(learnerId));
                }
            }
        }
        queue(composed, now, tally);
    }

    /** The end of the parent's quiet hours when {@code now} falls inside them: deferred, not dropped. */
    private Instant notBefore(Parent parent, Instant now) {
        return parent.preferences().quietHours()
                .map(hours -> hours.nextAllowed(now, quietHoursZone))
                .orElse(now);
    }

    /** A report ready to queue: its history mark (the idempotency key, with what it says) and its messages. */
    private record Composed(SentReport mark, List<Outgoing> messages, Instant notBefore) {
    }

    /** Pure work, outside any transaction: the text in the parent's language, the chart as data (drawn when sent). */
    private Composed compose(Parent parent, Report report, AccessDecision access, Instant now, Instant notBefore) {
        String text = reportText.render(report, parent.language(), access, quietHoursZone);
        List<Outgoing> messages = List.of(new SendText(parent.chatId(), text),
                new SendChart(parent.chatId(), charts.chart(report, parent.language()),
                        charts.caption(report, parent.language())));
        Content content = new Content(report.learner().fullName(),
                new Figures(report.metrics(), report.previous(), report.streakDays()), text);
        return new Composed(new SentReport(parent.id(), report.learner().id(), report.period(), now,
                Optional.of(content)), messages, notBefore);
    }

    /**
     * The page's reports in one transaction: every mark in one round trip, then the messages of those marked now —
     * one insert per distinct end of quiet hours (most parents have none, so usually one). A report marked before,
     * or by a concurrent run (whose uncommitted mark this one waits for), is left out.
     */
    private void queue(List<Composed> composed, Instant now, Tally tally) {
        if (composed.isEmpty()) {
            return;
        }
        int queued = transactions.inTransaction(() -> {
            Set<SentReport> marked = new HashSet<>(history.markAllSent(
                    composed.stream().map(Composed::mark).toList()));
            Map<Instant, List<Outgoing>> byNotBefore = new LinkedHashMap<>();
            for (Composed report : composed) {
                if (marked.contains(report.mark())) {
                    byNotBefore.computeIfAbsent(report.notBefore(), at -> new ArrayList<>()).addAll(report.messages());
                    SentReport mark = report.mark();
                    // Held by the transaction and written with its other events in one insert at commit.
                    events.record(EventLog.Event.by(mark.parentId(), "report.queued", Map.of("kind",
                            label(mark.period().kind()), "learner", mark.learnerId().value(), "period",
                            mark.period().start().toString()), now));
                }
            }
            byNotBefore.forEach((notBefore, messages) -> outbox.enqueue(messages, now, notBefore));
            return marked.size();
        });
        tally.queued += queued;
        tally.alreadySent += composed.size() - queued;
    }

    private static String label(ReportKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** One run's counts; a run is one thread. */
    private static final class Tally {
        int parents;
        int queued;
        int alreadySent;
        int skipped;
    }
}
