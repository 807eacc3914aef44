package io.mentorium.runner.bot;

import dagger.Module;
import dagger.Provides;
import dagger.Reusable;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.port.in.BuildReport;
import io.mentorium.application.port.in.LinkLearner;
import io.mentorium.application.port.in.ListChildren;
import io.mentorium.application.port.in.RegisterParent;
import io.mentorium.application.port.in.UnlinkLearner;
import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.service.AdminRoster;
import io.mentorium.application.service.BuildReportService;
import io.mentorium.application.service.LinkLearnerService;
import io.mentorium.application.service.ListChildrenService;
import io.mentorium.application.service.RegisterParentService;
import io.mentorium.application.service.UnlinkLearnerService;
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
    static RegisterParent registerParent(ParentRepository parents, EventLog events, TransactionRunner transactions,
                                         CoreSettings settings, Clock clock) {
        return new RegisterParentService(parents, events, transactions, new AdminRoster(settings.adminIds()), clock);
    }

    @Provides
    @Reusable
    static LinkLearner linkLearner(ParentRepository parents, LearnerDirectory directory, LinkAttemptLog attempts,
                                   EventLog events, TransactionRunner transactions, Clock clock) {
        return new LinkLearnerService(parents, directory, attempts, events, transactions, clock);
    }

    @Provides
    @Reusable
    static ListChildren listChildren(ParentRepository parents, LearnerDirectory directory) {
        return new ListChildrenService(parents, directory);
    }

    @Provides
    @Reusable
    static UnlinkLearner unlinkLearner(ParentRepository parents, EventLog events, TransactionRunner transactions,
                                       Clock clock) {
        return new UnlinkLearnerService(parents, events, transactions, clock);
    }

    @Provides
    @Reusable
    static BuildReport buildReport(ParentRepository parents, LearnerDirectory directory, ActivitySource activities,
                                   Clock clock) {
        return new BuildReportService(parents, directory, activities, clock);
    }
}
