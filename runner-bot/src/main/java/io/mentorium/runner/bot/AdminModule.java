package io.mentorium.runner.bot;

import dagger.Module;
import dagger.Provides;
import dagger.Reusable;
import io.mentorium.adapters.telegram.XlsxSpreadsheetWriter;
import io.mentorium.application.admin.BroadcastAnnouncementService;
import io.mentorium.application.admin.ContactSupportService;
import io.mentorium.application.admin.ExportSpreadsheetService;
import io.mentorium.application.admin.FindParentService;
import io.mentorium.application.admin.ManageStaffService;
import io.mentorium.application.admin.ViewStatisticsService;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.conversation.ConversationAdmin;
import io.mentorium.application.conversation.Messages;
import io.mentorium.application.port.in.BroadcastAnnouncement;
import io.mentorium.application.port.in.ContactSupport;
import io.mentorium.application.port.in.ExportSpreadsheet;
import io.mentorium.application.port.in.FindParent;
import io.mentorium.application.port.in.ManageStaff;
import io.mentorium.application.port.in.ViewStatistics;
import io.mentorium.application.port.in.ViewSubscription;
import io.mentorium.application.port.out.Broadcasts;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.OperatorQueries;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.SpreadsheetWriter;
import io.mentorium.application.port.out.StaffRoles;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.service.AdminRoster;
import java.time.Clock;

/** The operators' use cases: roles, statistics, look-ups, announcements, exports and payment support. */
@Module
final class AdminModule {

    private AdminModule() {
    }

    @Provides
    @Reusable
    static ManageStaff manageStaff(StaffRoles roles, CoreSettings settings, EventLog events,
                                   TransactionRunner transactions, Clock clock) {
        return new ManageStaffService(roles, new AdminRoster(settings.adminIds()), events, transactions, clock);
    }

    @Provides
    @Reusable
    static ViewStatistics viewStatistics(ManageStaff staff, OperatorQueries queries, EventLog events,
                                         TransactionRunner transactions, Clock clock, CoreSettings settings) {
        return new ViewStatisticsService(staff, queries, events, transactions, clock, settings.botTimeZone());
    }

    @Provides
    @Reusable
    static FindParent findParent(ManageStaff staff, ParentRepository parents, OperatorQueries queries,
                                 ViewSubscription subscriptions, EventLog events, TransactionRunner transactions,
                                 Clock clock) {
        return new FindParentService(staff, parents, queries, subscriptions, events, transactions, clock);
    }

    @Provides
    @Reusable
    static BroadcastAnnouncement broadcastAnnouncement(ManageStaff staff, Broadcasts broadcasts,
                                                       ParentRepository parents, Outbox outbox, EventLog events,
                                                       TransactionRunner transactions, Clock clock,
                                                       CoreSettings settings) {
        return new BroadcastAnnouncementService(staff, broadcasts, parents, outbox, events, transactions, clock,
                settings.botTimeZone(), new Messages(), BroadcastAnnouncementService.DEFAULT_PAGE_SIZE);
    }

    @Provides
    @Reusable
    static SpreadsheetWriter spreadsheetWriter() {
        return new XlsxSpreadsheetWriter();
    }

    @Provides
    @Reusable
    static ExportSpreadsheet exportSpreadsheet(ManageStaff staff, OperatorQueries queries, SpreadsheetWriter writer,
                                               EventLog events, TransactionRunner transactions, Clock clock,
                                               CoreSettings settings) {
        return new ExportSpreadsheetService(staff, queries, writer, events, transactions, clock,
                settings.botTimeZone());
    }

    @Provides
    @Reusable
    static ContactSupport contactSupport(StaffRoles roles, CoreSettings settings, ParentRepository parents,
                                         EventLog events, Clock clock) {
        return new ContactSupportService(roles, new AdminRoster(settings.adminIds()), parents, events, clock);
    }

    @Provides
    @Reusable
    static ConversationAdmin conversationAdmin(ManageStaff staff, ViewStatistics statistics, FindParent find,
                                               BroadcastAnnouncement broadcasts, ExportSpreadsheet exports,
                                               ContactSupport support) {
        return new ConversationAdmin(staff, statistics, find, broadcasts, exports, support);
    }
}
