package io.mentorium.application.conversation;

import io.mentorium.application.port.in.BroadcastAnnouncement;
import io.mentorium.application.port.in.ContactSupport;
import io.mentorium.application.port.in.ExportSpreadsheet;
import io.mentorium.application.port.in.FindParent;
import io.mentorium.application.port.in.ManageStaff;
import io.mentorium.application.port.in.ViewStatistics;
import java.util.Objects;

/** The operators' use cases the conversation offers, behind their commands. */
public record ConversationAdmin(ManageStaff staff, ViewStatistics statistics, FindParent find,
                                BroadcastAnnouncement broadcasts, ExportSpreadsheet exports, ContactSupport support) {

    public ConversationAdmin {
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(find, "find");
        Objects.requireNonNull(broadcasts, "broadcasts");
        Objects.requireNonNull(exports, "exports");
        Objects.requireNonNull(support, "support");
    }
}
