package io.mentorium.application.notifications;

import io.mentorium.application.billing.ParentsWithAccess;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.conversation.NotificationText;
import io.mentorium.application.port.in.SendDailyNotifications;
import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.NotificationHistory.QueuedNotification;
import io.mentorium.application.port.out.NotificationHistory;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.TipWriter;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.notification.LearnerEvent;
import io.mentorium.domain.notification.LearnerEvents;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.shared.TimeWindow;
import io.mentorium.domain.subscription.Feature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily notification run, a page of parents at a time: achievements, missed days and the weekly tip, decided by
 * the domain ({@link LearnerEvents}) from each learner's own activity and queued through {@link NotificationQueue}.
 *
 * <p>The platform is read per page, never per learner: one learner query, one activity query and one enrollment
 * query for all the page's children, outside any transaction of the bot's database. A learner shared by two parents
 * is read and judged once; each parent is told once, under their own key.
 *
 * <p>The weekly tips of a page are written together by the {@link TipWriter} — a model's several at once, bounded,
 * and only those not queued before — before any of them is queued: no transaction ever waits on a model. Wherever
 * the writer gives no usable tip the rule-based one goes out.
 */
public final class SendDailyNotificationsService implements SendDailyNotifications {

    /** Parents per page, as the report run pages them. */
    public static final int DEFAULT_PAGE_SIZE = 500;

    private static final List<NotificationKind> KINDS = List.of(NotificationKind.ACHIEVEMENT,
            NotificationKind.MISSED_DAYS, NotificationKind.RECOMMENDATION);
    private static final Logger LOG = LoggerFactory.getLogger(SendDailyNotificationsService.class);

    private final ParentRepository parents;
    private final FeatureAccess featureAccess;
    private final LearnerDirectory directory;
    private final ActivitySource activities;
    private final NotificationQueue queue;
    private final NotificationText text;
    private final WeeklyTips tips;
    private final int pageSize;

    /** With the rule-based weekly tip. */
    public SendDailyNotificationsService(ParentRepository parents, FeatureAccess featureAccess,
                                         LearnerDirectory directory, ActivitySource activities,
                                         NotificationHistory history, Outbox outbox, EventLog events,
                                         TransactionRunner transactions, NotificationText text,
                                         CoreSettings settings) {
        this(parents, featureAccess, directory, activities, history, outbox, events, transactions, text,
                new RuleBasedTipWriter(text), 1, settings);
    }

    /**
     * @param tipWriter      writes the weekly tip; the rule-based tip stands in wherever it declines
     * @param tipConcurrency tips a remote writer is asked for at once
     */
    public SendDailyNotificationsService(ParentRepository parents, FeatureAccess featureAccess,
                                         LearnerDirectory directory, ActivitySource activities,
                                         NotificationHistory history, Outbox outbox, EventLog events,
                                         TransactionRunner transactions, NotificationText text,
                                         TipWriter tipWriter, int tipConcurrency, CoreSettings settings) {
        this(parents, featureAccess, directory, activities,
                new NotificationQueue(history, outbox, events, transactions, settings.botTimeZone()), text,
                tipWriter, tipConcurrency, DEFAULT_PAGE_SIZE);
    }

    public SendDailyNotificationsService(ParentRepository parents, FeatureAccess featureAccess,
                                         LearnerDirectory directory, ActivitySource activities,
                                         NotificationQueue queue, NotificationText text, int pageSize) {
        this(parents, featureAccess, directory, activities, queue, text, new RuleBasedTipWriter(text), 1, pageSize);
    }

    public SendDailyNotificationsService(ParentRepository parents, FeatureAccess featureAccess,
                                         LearnerDirectory directory, ActivitySource activities,
                                         NotificationQueue queue, NotificationText text, TipWriter tipWriter,
                                         int tipConcurrency, int pageSize) {
        this.parents = Objects.requireNonNull(parents, "parents");
        this.featureAccess = Objects.requireNonNull(featureAccess, "featureAccess");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.activities = Objects.requireNonNull(activities, "activities");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.text = Objects.requireNonNull(text, "text");
        this.tips = new WeeklyTips(tipWriter, new RuleBasedTipWriter(text), tipConcurrency);
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive: " + pageSize);
        }
        this.pageSize = pageSize;
    }

    @Override
    public Run send(Instant now) {
        Objects.requireNonNull(now, "now");
        Tally tally = new Tally();
        Optional<TelegramUserId> after = Optional.empty();
        while (true) {
            List<Parent> page = parents.findPage(after, pageSize);
            if (page.isEmpty()) {
                break;
            }
            sendPage(page, now, tally);
            after = Optional.of(page.getLast().id());
            if (page.size() < pageSize) {
                break;
            }
        }
        Run run = new Run(tally.parents, tally.queued, tally.alreadySent, tally.skipped);
        LOG.info("Daily notifications at {}: {}", now, run);
        if (tips.remote()) {
            LOG.info("Weekly tips: {} written by the model, {} rule-based where the model gave none",
                    tally.tips.written.get(), tally.tips.fellBack.get());
        }
        return run;
    }

    private void sendPage(List<Parent> page, Instant now, Tally tally) {
        tally.parents += page.size();
        // The cheap checks first, then one access decision for the rest of the page.
        List<Parent> recipients = ParentsWithAccess.among(featureAccess,
                page.stream().filter(this::wants).toList(), Feature.NOTIFICATIONS, now).stream()
                .map(ParentsWithAccess.Granted::parent).toList();
        tally.skipped += page.size() - recipients.size();
        Set<LearnerId> learnerIds = new LinkedHashSet<>();
        recipients.forEach(parent -> learnerIds.addAll(parent.learnerIds()));
        if (learnerIds.isEmpty()) {
            return;
        }
        Map<LearnerId, Learner> learners = directory.findByIds(learnerIds).stream()
                .filter(Learner::active)
                .collect(Collectors.toMap(Learner::id, Function.identity(), (first, second) -> first));
        if (learners.isEmpty()) {
            return;
        }
        TimeWindow window = LearnerEvents.factsWindow(now);
        Map<LearnerId, List<ActivityFact>> facts = activities.activities(learners.keySet(), window).stream()
                .collect(Collectors.groupingBy(ActivityFact::learnerId));
        Map<LearnerId, List<Enrollment>> enrollments = activities.enrollments(learners.keySet()).stream()
                .collect(Collectors.groupingBy(Enrollment::learnerId));
        Map<LearnerId, List<LearnerEvent>> events = new HashMap<>();
        List<PendingTip> pendingTips = new ArrayList<>();
        for (Parent parent : recipients) {
            for (LearnerId learnerId : parent.learnerIds()) {
                Learner learner = learners.get(learnerId);
                if (learner == null) {
                    // Gone from the platform or deactivated: nothing to tell, and nothing recorded.
                    continue;
                }
                List<LearnerEvent> learnerEvents = events.computeIfAbsent(learnerId, id -> LearnerEvents.detect(
                        learner, facts.getOrDefault(id, List.of()), enrollments.getOrDefault(id, List.of()), now));
                for (LearnerEvent event : learnerEvents) {
                    if (event instanceof LearnerEvent.WeeklyTip weekly) {
                        pendingTip(parent, learner, weekly, now, tally).ifPresent(pendingTips::add);
                    } else {
                        tell(parent, learner, event, () -> text.render(event, learner, parent.language()), now,
                                tally);
                    }
                }
            }
        }
        // The page's tips are written together (a model writes several at once), before any of them is queued.
        List<String> sentences = tips.write(pendingTips.stream().map(PendingTip::request).toList(), tally.tips);
        for (int i = 0; i < pendingTips.size(); i++) {
            PendingTip pending = pendingTips.get(i);
            String sentence = sentences.get(i);
            tell(pending.parent(), pending.learner(), pending.event(),
                    () -> text.renderTip(pending.learner(), pending.parent().language(), sentence), now, tally);
        }
    }

    /** A tip to write for this parent, unless they do not want it or, with a model, it was queued before. */
    private Optional<PendingTip> pendingTip(Parent parent, Learner learner, LearnerEvent.WeeklyTip weekly,
                                            Instant now, Tally tally) {
        if (queue.notBefore(parent, weekly.kind(), now).isEmpty()) {
            return Optional.empty();
        }
        // A model's tip costs a request: asked only once a week per parent and child, not on every daily run. Without
        // a model the queue's own mark decides, as for the other kinds.
        if (tips.remote() && queue.wasQueued(parent.id(),
                NotificationQueue.key(weekly.kind(), Optional.of(learner.id().value()), weekly.eventKey()))) {
            tally.alreadySent++;
            return Optional.empty();
        }
        return Optional.of(new PendingTip(parent, learner, weekly, new TipWriter.TipRequest(parent.language(),
                learner.firstName(), learner.grade(), weekly.weekStart(), weekly.tip(), weekly.figures())));
    }

    private record PendingTip(Parent parent, Learner learner, LearnerEvent.WeeklyTip event,
                              TipWriter.TipRequest request) {
    }

    private boolean wants(Parent parent) {
        return parent.reachable() && !parent.learnerIds().isEmpty()
                && KINDS.stream().anyMatch(parent.preferences()::isEnabled);
    }

    /** @param rendered composed before the transaction: it is pure work and need not hold a connection */
    private void tell(Parent parent, Learner learner, LearnerEvent event, Supplier<String> rendered, Instant now,
                      Tally tally) {
        Optional<Instant> notBefore = queue.notBefore(parent, event.kind(), now);
        if (notBefore.isEmpty()) {
            return;
        }
        String key = NotificationQueue.key(event.kind(), Optional.of(learner.id().value()), event.eventKey());
        QueuedNotification mark = new QueuedNotification(parent.id(), key, event.kind(), Optional.of(learner.id()),
                now);
        SendText message = new SendText(parent.chatId(), rendered.get());
        if (queue.queueOnce(mark, message, now, notBefore.get())) {
            tally.queued++;
        } else {
            tally.alreadySent++;
        }
    }

    /** One run's counts; a run is one thread. */
    private static final class Tally {
        int parents;
        int queued;
        int alreadySent;
        int skipped;
        final WeeklyTips.Counts tips = new WeeklyTips.Counts();
    }
}
