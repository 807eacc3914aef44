package io.mentorium.application.reports;

import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.conversation.ReportText;
import io.mentorium.application.port.in.BuildReport;
import io.mentorium.application.port.in.SendScheduledReports;
import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.ReportHistory;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled report run, a page of parents at a time.
 *
 * <p>Exactly once rests on the report history: for each (parent, learner, period) the history's mark and the outbox
 * row are written in one transaction, the mark first. A re-run, a second scheduler racing this one, or a restart after
 * a kill finds the mark (or waits on the other's uncommitted one) and queues nothing; a transaction that fails leaves
 * neither, so the next run queues that report.
 *
 * <p>The platform is read per page, never per learner: one learner query, one activity query and one enrollment
 * query for all the page's children. Composing happens outside any transaction of the bot's database, so a slow
 * platform never holds one open.
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
    private final ZoneId quietHoursZone;
    private final int pageSize;

    /**
     * @param settings its bot time zone is the one quiet hours are read in: parents set them on the bot's clock (the
     *                 settings screen shows them so), and a parent has no time zone of their own
     */
    @Inject
    public SendScheduledReportsService(ParentRepository parents, FeatureAccess featureAccess, BuildReport buildReport,
                                       ReportHistory history, Outbox outbox, EventLog events,
                                       TransactionRunner transactions, ReportText reportText, CoreSettings settings) {
        this(parents, featureAccess, buildReport, history, outbox, events, transactions, reportText,
                settings.botTimeZone(), DEFAULT_PAGE_SIZE);
    }

    /** Without an event log: for hosts that embed the use case and keep no log. */
    public SendScheduledReportsService(ParentRepository parents, FeatureAccess featureAccess, BuildReport buildReport,
                                       ReportHistory history, Outbox outbox, TransactionRunner transactions,
                                       ReportText reportText, ZoneId quietHoursZone, int pageSize) {
        this(parents, featureAccess, buildReport, history, outbox, EventLog.DISCARD, transactions, reportText,
                quietHoursZone, pageSize);
    }

    public SendScheduledReportsService(ParentRepository parents, FeatureAccess featureAccess, BuildReport buildReport,
                                       ReportHistory history, Outbox outbox, EventLog events,
                                       TransactionRunner transactions, ReportText reportText, ZoneId quietHoursZone,
                                       int pageSize) {
        this.events = Objects.requireNonNull(events, "events");
        this.parents = Objects.requireNonNull(parents, "parents");
        this.featureAccess = Objects.requireNonNull(featureAccess, "featureAccess");
        this.buildReport = Objects.requireNonNull(buildReport, "buildReport");
        this.history = Objects.requireNonNull(history, "history");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.reportText = Objects.requireNonNull(reportText, "reportText");
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
        List<Parent> recipients = new ArrayList<>(page.size());
        List<LearnerId> learnerIds = new ArrayList<>();
        for (Parent parent : page) {
            if (wants(parent, kind, now)) {
                recipients.add(parent);
                learnerIds.addAll(parent.learnerIds());
            } else {
                tally.skipped++;
            }
        }
        if (learnerIds.isEmpty()) {
            return;
        }
        Map<LearnerId, BuildReport.Outcome> outcomes = buildReport.buildLastCompleted(learnerIds, kind, now);
        for (Parent parent : recipients) {
            Instant notBefore = notBefore(parent, now);
            for (LearnerId learnerId : parent.learnerIds()) {
                if (outcomes.get(learnerId) instanceof BuildReport.Outcome.Built built) {
                    queue(parent, built.report(), now, notBefore, tally);
                } else {
                    // The platform no longer has the child: no report, and nothing recorded, so one comes again
                    // should the learner return within the period's retention.
                    LOG.info("No {} report for parent {} on learner {}: {}", kind, parent.id(), learnerId,
                            outcomes.get(learnerId));
                }
            }
        }
    }

    /** The cheap checks first: the access decision may read the parent's subscription. */
    private boolean wants(Parent parent, ReportKind kind, Instant now) {
        if (!parent.preferences().receives(kind) || !parent.reachable()) {
            return false;
        }
        return !(featureAccess.decide(parent.id(), Feature.SCHEDULED_REPORTS, now) instanceof AccessDecision.Denied);
    }

    /** The end of the parent's quiet hours when {@code now} falls inside them: deferred, not dropped. */
    private Instant notBefore(Parent parent, Instant now) {
        return parent.preferences().quietHours()
                .map(hours -> hours.nextAllowed(now, quietHoursZone))
                .orElse(now);
    }

    private void queue(Parent parent, Report report, Instant now, Instant notBefore, Tally tally) {
        // Rendered before the transaction: it is pure work and need not hold a connection.
        SendText message = new SendText(parent.chatId(), reportText.render(report, parent.language()));
        SentReport sent = new SentReport(parent.id(), report.learner().id(), report.period(), now);
        boolean queued = transactions.inTransaction(() -> {
            if (!history.markSent(sent)) {
                return false;
            }
            outbox.enqueue(List.of(message), now, notBefore);
            events.record(EventLog.Event.by(parent.id(), "report.queued", Map.of("kind", label(report.period().kind()),
                    "learner", report.learner().id().value(), "period", report.period().start().toString()), now));
            return true;
        });
        if (queued) {
            tally.queued++;
        } else {
            tally.alreadySent++;
        }
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
