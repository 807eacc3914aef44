package io.mentorium.adapters.persistence;

import dagger.Module;
import dagger.Provides;
import dagger.Reusable;
import io.mentorium.adapters.persistence.jdbi.JdbiAssistantQuestions;
import io.mentorium.adapters.persistence.jdbi.JdbiClickTransactions;
import io.mentorium.adapters.persistence.jdbi.JdbiConversationStore;
import io.mentorium.adapters.persistence.jdbi.JdbiDialogRepository;
import io.mentorium.adapters.persistence.jdbi.JdbiBroadcasts;
import io.mentorium.adapters.persistence.jdbi.JdbiEventLog;
import io.mentorium.adapters.persistence.jdbi.JdbiOperationalCounts;
import io.mentorium.adapters.persistence.jdbi.JdbiOperatorQueries;
import io.mentorium.adapters.persistence.jdbi.JdbiPersonalData;
import io.mentorium.adapters.persistence.jdbi.JdbiStaffRoles;
import io.mentorium.adapters.persistence.jdbi.JdbiLinkAttemptLog;
import io.mentorium.adapters.persistence.jdbi.JdbiMerchantKeys;
import io.mentorium.adapters.persistence.jdbi.JdbiOutbox;
import io.mentorium.adapters.persistence.jdbi.JdbiSendBudget;
import io.mentorium.adapters.persistence.jdbi.JdbiParentRepository;
import io.mentorium.adapters.persistence.jdbi.JdbiPaymeTransactions;
import io.mentorium.adapters.persistence.jdbi.JdbiPaymentRepository;
import io.mentorium.adapters.persistence.jdbi.JdbiNotificationHistory;
import io.mentorium.adapters.persistence.jdbi.JdbiRetentionRuns;
import io.mentorium.adapters.persistence.jdbi.JdbiReportHistory;
import io.mentorium.adapters.persistence.jdbi.JdbiSubscriptionRepository;
import io.mentorium.adapters.persistence.jdbi.JdbiTransactionRunner;
import io.mentorium.adapters.persistence.jdbi.JdbiTrials;
import io.mentorium.adapters.persistence.jdbi.JdbiUpdateInbox;
import io.mentorium.adapters.persistence.platform.JdbiActivitySource;
import io.mentorium.adapters.persistence.platform.JdbiLearnerDirectory;
import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.AssistantQuestions;
import io.mentorium.application.port.out.ClickTransactions;
import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.application.port.out.Broadcasts;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.OperationalCounts;
import io.mentorium.application.port.out.OperatorQueries;
import io.mentorium.application.port.out.PersonalData;
import io.mentorium.application.port.out.StaffRoles;
import io.mentorium.application.port.out.InstanceLock;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.application.port.out.MerchantKeys;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.SendBudget;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.PaymeTransactions;
import io.mentorium.application.port.out.PaymentRepository;
import io.mentorium.application.port.out.NotificationHistory;
import io.mentorium.application.port.out.RetentionRuns;
import io.mentorium.application.port.out.ReportHistory;
import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.Trials;
import io.mentorium.application.port.out.UpdateInbox;

/**
 * Binds the persistence out-ports to their Jdbi adapters over an open {@link Databases}, which the runner creates,
 * migrates and closes itself (Dagger has no lifecycle). Every repository shares the bot's one {@code Jdbi}: that is how
 * they join a transaction opened by the {@link TransactionRunner} on the same thread.
 */
@Module
public final class PersistenceModule {

    private PersistenceModule() {
    }

    @Provides
    @Reusable
    static TransactionRunner transactions(Databases databases) {
        return new JdbiTransactionRunner(databases.botJdbi());
    }

    @Provides
    @Reusable
    static ParentRepository parents(Databases databases) {
        return new JdbiParentRepository(databases.botJdbi());
    }

    @Provides
    @Reusable
    static LinkAttemptLog linkAttempts(Databases databases) {
        return new JdbiLinkAttemptLog(databases.botJdbi());
    }

    @Provides
    @Reusable
    static SubscriptionRepository subscriptions(Databases databases) {
        return new JdbiSubscriptionRepository(databases.botJdbi());
    }

    @Provides
    @Reusable
    static PaymentRepository payments(Databases databases) {
        return new JdbiPaymentRepository(databases.botJdbi());
    }

    @Provides
    @Reusable
    static ClickTransactions clickTransactions(Databases databases) {
        return new JdbiClickTransactions(databases.botJdbi());
    }

    @Provides
    @Reusable
    static PaymeTransactions paymeTransactions(Databases databases) {
        return new JdbiPaymeTransactions(databases.botJdbi());
    }

    @Provides
    @Reusable
    static MerchantKeys merchantKeys(Databases databases) {
        return new JdbiMerchantKeys(databases.botJdbi());
    }

    @Provides
    @Reusable
    static Trials trials(Databases databases) {
        return new JdbiTrials(databases.botJdbi());
    }

    @Provides
    @Reusable
    static DialogRepository dialogs(Databases databases) {
        return new JdbiDialogRepository(databases.botJdbi());
    }

    @Provides
    @Reusable
    static AssistantQuestions assistantQuestions(Databases databases) {
        return new JdbiAssistantQuestions(databases.botJdbi());
    }

    @Provides
    @Reusable
    static ReportHistory reportHistory(Databases databases) {
        return new JdbiReportHistory(databases.botJdbi());
    }

    @Provides
    @Reusable
    static NotificationHistory notificationHistory(Databases databases) {
        return new JdbiNotificationHistory(databases.botJdbi());
    }

    @Provides
    @Reusable
    static RetentionRuns retentionRuns(Databases databases) {
        return new JdbiRetentionRuns(databases.botJdbi());
    }

    @Provides
    @Reusable
    static EventLog eventLog(Databases databases) {
        return new JdbiEventLog(databases.botJdbi());
    }

    @Provides
    @Reusable
    static OperationalCounts operationalCounts(Databases databases) {
        return new JdbiOperationalCounts(databases.botJdbi());
    }

    @Provides
    @Reusable
    static UpdateInbox updateInbox(Databases databases) {
        return new JdbiUpdateInbox(databases.botJdbi());
    }

    @Provides
    @Reusable
    static Outbox outbox(Databases databases, Outbox.Owner owner) {
        return new JdbiOutbox(databases.botJdbi(), owner);
    }

    @Provides
    @Reusable
    static SendBudget sendBudget(Databases databases) {
        return new JdbiSendBudget(databases.sendBudgetJdbi());
    }

    @Provides
    @Reusable
    static ConversationStore conversations(Databases databases) {
        return new JdbiConversationStore(databases.botJdbi());
    }

    @Provides
    @Reusable
    static StaffRoles staffRoles(Databases databases) {
        return new JdbiStaffRoles(databases.botJdbi());
    }

    @Provides
    @Reusable
    static Broadcasts broadcasts(Databases databases) {
        return new JdbiBroadcasts(databases.botJdbi());
    }

    @Provides
    @Reusable
    static OperatorQueries operatorQueries(Databases databases) {
        return new JdbiOperatorQueries(databases.botJdbi());
    }

    @Provides
    @Reusable
    static PersonalData personalData(Databases databases) {
        return new JdbiPersonalData(databases.botJdbi());
    }

    /** On a connection of its own to the bot's database, not from the pool (see {@link PostgresInstanceLock}). */
    @Provides
    @Reusable
    static InstanceLock instanceLock(Databases databases) {
        return new PostgresInstanceLock(databases.botDatabase());
    }

    @Provides
    @Reusable
    static LearnerDirectory learnerDirectory(Databases databases) {
        return new JdbiLearnerDirectory(databases.platformJdbi(), databases.platformSchema());
    }

    @Provides
    @Reusable
    static ActivitySource activitySource(Databases databases) {
        return new JdbiActivitySource(databases.platformJdbi(), databases.platformSchema());
    }
}
