package io.mentorium.runner.bot;

import dagger.BindsInstance;
import dagger.Component;
import io.mentorium.adapters.persistence.Databases;
import io.mentorium.adapters.persistence.PersistenceModule;
import io.mentorium.application.port.in.BuildReport;
import io.mentorium.application.port.in.LinkLearner;
import io.mentorium.application.port.in.ListChildren;
import io.mentorium.application.port.in.RegisterParent;
import io.mentorium.application.port.in.UnlinkLearner;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The object graph of {@code mentorium-bot}. Configuration, the open databases and the clock come in from outside:
 * they are created (and closed) by {@link MentoriumBot}, because Dagger has no lifecycle.
 */
@Singleton
@Component(modules = {PersistenceModule.class, UseCaseModule.class})
interface BotComponent {

    RegisterParent registerParent();

    LinkLearner linkLearner();

    ListChildren listChildren();

    UnlinkLearner unlinkLearner();

    BuildReport buildReport();

    @Component.Factory
    interface Factory {
        BotComponent create(@BindsInstance BotConfiguration configuration, @BindsInstance Databases databases,
                            @BindsInstance Clock clock);
    }
}
