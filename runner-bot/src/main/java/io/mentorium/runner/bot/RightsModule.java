package io.mentorium.runner.bot;

import dagger.Module;
import dagger.Provides;
import dagger.Reusable;
import io.mentorium.application.conversation.ConversationRights;
import io.mentorium.application.port.in.ExportMyData;
import io.mentorium.application.port.in.ForgetParent;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.PersonalData;
import io.mentorium.application.port.out.SpreadsheetWriter;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.rights.ExportMyDataService;
import io.mentorium.application.rights.ForgetParentService;
import java.time.Clock;

/** A parent's rights over their data: "My data" and "Forget me". */
@Module
final class RightsModule {

    private RightsModule() {
    }

    @Provides
    @Reusable
    static ExportMyData exportMyData(ParentRepository parents, PersonalData data, SpreadsheetWriter writer,
                                     EventLog events, TransactionRunner transactions, Clock clock) {
        return new ExportMyDataService(parents, data, writer, events, transactions, clock);
    }

    @Provides
    @Reusable
    static ForgetParent forgetParent(ParentRepository parents, PersonalData data, EventLog events,
                                     TransactionRunner transactions, Clock clock) {
        return new ForgetParentService(parents, data, events, transactions, clock);
    }

    @Provides
    @Reusable
    static ConversationRights conversationRights(ExportMyData myData, ForgetParent forget) {
        return new ConversationRights(myData, forget);
    }
}
