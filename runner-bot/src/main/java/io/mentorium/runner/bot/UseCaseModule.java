package io.mentorium.runner.bot;

import dagger.Module;
import dagger.Provides;
import dagger.Reusable;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.conversation.ConversationAdmin;
import io.mentorium.application.conversation.ConversationBilling;
import io.mentorium.application.conversation.ConversationRights;
import io.mentorium.application.conversation.ConversationService;
import io.mentorium.application.pipeline.LearnerCache;
import io.mentorium.application.pipeline.PlatformReadScope;
import io.mentorium.application.port.in.AskAssistant;
import io.mentorium.application.port.in.BuildReport;
import io.mentorium.application.port.in.ChangeSettings;
import io.mentorium.application.port.in.LinkLearner;
import io.mentorium.application.port.in.ListChildren;
import io.mentorium.application.port.in.PurgeRetainedData;
import io.mentorium.application.port.in.RecordUnreachableChat;
import io.mentorium.application.port.in.RegisterParent;
import io.mentorium.application.port.in.UnlinkLearner;
import io.mentorium.application.port.in.ViewParent;
import io.mentorium.application.port.in.ViewPastReports;
import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.AssistantQuestions;
import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.application.port.out.NotificationHistory;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.ReportHistory;
import io.mentorium.application.port.out.RetentionRuns;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.Trials;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.application.service.AdminRoster;
import io.mentorium.application.service.BuildReportService;
import io.mentorium.application.service.ChangeSettingsService;
import io.mentorium.application.service.LinkLearnerService;
import io.mentorium.application.service.ListChildrenService;
import io.mentorium.application.service.PurgeRetainedDataService;
import io.mentorium.application.service.RetentionHandover;
import io.mentorium.application.service.RecordUnreachableChatService;
import io.mentorium.application.service.RegisterParentService;
import io.mentorium.application.service.UnlinkLearnerService;
import io.mentorium.application.service.ViewParentService;
import io.mentorium.application.service.ViewPastReportsService;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The use cases the interactive bot offers. The services are constructed explicitly rather than through their
 * {@code @Inject} constructors: Dagger would otherwise generate their factories into the application's packages (inside
 * this runner's jar), putting Dagger types where the architecture rules allow none.
 */
@Module
final class UseCaseModule {

    private UseCaseModule() {
    }

    @Provides
    static CoreSettings coreSettings(BotConfiguration configuration) {
        return configuration.core();
    }

    @Provides
    @Reusable
    static PurgeRetainedData purgeRetainedData(UpdateInbox inbox, Outbox outbox, ConversationStore conversations,
                                               LinkAttemptLog attempts, DialogRepository dialogs,
                                               AssistantQuestions questions, EventLog events,
                                               ReportHistory reports, NotificationHistory notifications,
                                               BotConfiguration configuration, Clock clock) {
        return new PurgeRetainedDataService(inbox, outbox, conversations, attempts, dialogs, questions, events,
                reports, notifications, configuration.retention(), clock);
    }

    @Provides
    @Reusable
    static RetentionHandover retentionHandover(PurgeRetainedData purge, RetentionRuns runs, Clock clock) {
        return new RetentionHandover(purge, runs, clock);
    }

    @Provides
    @Reusable
    static RegisterParent registerParent(ParentRepository parents, EventLog events, TransactionRunner transactions,
                                         CoreSettings settings, Clock clock) {
        return new RegisterParentService(parents, events, transactions, new AdminRoster(settings.adminIds()), clock);
    }

    @Provides
    @Reusable
    static LinkLearner linkLearner(ParentRepository parents, LearnerDirectory directory, LinkAttemptLog attempts,
                                   EventLog events, Trials trials, TransactionRunner transactions, Clock clock) {
        return new LinkLearnerService(parents, PlatformReadScope.deferred(directory), attempts, events, trials,
                transactions, clock);
    }

    @Provides
    @Singleton
    static LearnerCache learnerCache(BotConfiguration configuration, Clock clock) {
        return new LearnerCache(configuration.learnerCacheTtl(), LearnerCache.CAPACITY, clock);
    }

    @Provides
    @Reusable
    static ListChildren listChildren(ParentRepository parents, LearnerDirectory directory, LearnerCache cache) {
        return new ListChildrenService(parents, PlatformReadScope.deferred(directory, cache));
    }

    @Provides
    @Reusable
    static UnlinkLearner unlinkLearner(ParentRepository parents, EventLog events, TransactionRunner transactions,
                                       Clock clock) {
        return new UnlinkLearnerService(parents, events, transactions, clock);
    }

    @Provides
    @Reusable
    static ChangeSettings changeSettings(ParentRepository parents, EventLog events, TransactionRunner transactions,
                                         Clock clock) {
        return new ChangeSettingsService(parents, events, transactions, clock);
    }

    @Provides
    @Reusable
    static ViewParent viewParent(ParentRepository parents) {
        return new ViewParentService(parents);
    }

    @Provides
    @Reusable
    static RecordUnreachableChat recordUnreachableChat(ParentRepository parents, Outbox outbox,
                                                       TransactionRunner transactions, Clock clock) {
        return new RecordUnreachableChatService(parents, outbox, transactions, clock);
    }

    @Provides
    @Singleton
    static ConversationService conversation(RegisterParent registerParent, LinkLearner linkLearner,
                                            ListChildren listChildren, UnlinkLearner unlinkLearner,
                                            BuildReport buildReport, ChangeSettings changeSettings,
                                            AskAssistant askAssistant, ViewParent viewParent, RecordUnreachableChat unreachableChat,
                                            ConversationStore store, Clock clock, CoreSettings settings,
                                            ConversationBilling billing, ViewPastReports pastReports,
                                            ConversationAdmin admin, ConversationRights rights) {
        return new ConversationService(registerParent, linkLearner, listChildren, unlinkLearner, buildReport,
                changeSettings, askAssistant, viewParent, unreachableChat, store, clock, settings, billing,
                pastReports, admin, rights);
    }

    @Provides
    @Reusable
    static ViewPastReports viewPastReports(ReportHistory history) {
        return new ViewPastReportsService(history);
    }

    @Provides
    @Reusable
    static BuildReport buildReport(ParentRepository parents, LearnerDirectory directory, LearnerCache cache,
                                   ActivitySource activities, Clock clock) {
        return new BuildReportService(parents, PlatformReadScope.deferred(directory, cache),
                PlatformReadScope.deferred(activities), clock);
    }
}
