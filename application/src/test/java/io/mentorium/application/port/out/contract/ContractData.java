package io.mentorium.application.port.out.contract;

import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.NotificationPreferences;
import io.mentorium.domain.notification.QuietHours;
import io.mentorium.domain.parent.LearnerLink;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Test data shared by the out-port contracts. Every instant carries microseconds but no nanoseconds: PostgreSQL stores
 * {@code timestamptz} with microsecond precision, and a round trip must compare equal.
 */
public final class ContractData {

    /** An instant with a non-zero microsecond part, so precision loss would show. */
    public static final Instant T0 = Instant.parse("2026-11-16T09:15:30.123456Z");

    private ContractData() {
    }

    public static Instant at(Duration offsetFromT0) {
        return micros(T0.plus(offsetFromT0));
    }

    public static Instant minutes(long minutes) {
        return at(Duration.ofMinutes(minutes));
    }

    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static TelegramUserId parentId(long value) {
        return new TelegramUserId(value);
    }

    public static LearnerId learner(String value) {
        return new LearnerId(value);
    }

    public static Email email(String value) {
        return new Email(value);
    }

    /** A freshly registered parent with default preferences and no links. */
    public static Parent newParent(long id) {
        return Parent.register(parentId(id), new ChatId(id), Language.RU, ParentRole.PARENT, minutes(id % 1000));
    }

    /**
     * A parent with every stored field away from its default: links (in an order that is not sorted by id), custom
     * preferences with quiet hours spanning midnight, blocked, admin, Uzbek, a group chat id.
     */
    public static Parent richParent(long id) {
        NotificationPreferences preferences = new NotificationPreferences(
                EnumSet.of(NotificationKind.ACHIEVEMENT, NotificationKind.REMINDER),
                Optional.of(new QuietHours(LocalTime.of(23, 30), LocalTime.of(7, 15))),
                EnumSet.of(ReportKind.MONTHLY));
        return Parent.restore(parentId(id), new ChatId(-100_000_000_000L - id), Language.UZ, ParentRole.ADMIN,
                preferences, Optional.of(minutes(90)), minutes(1),
                List.of(new LearnerLink(learner("L-zeta"), email("aziza.karimova@example.com"), minutes(10)),
                        new LearnerLink(learner("L-alpha"), email("karim.karimov@example.uz"), minutes(20)),
                        new LearnerLink(learner("L-mid"), email("aziza.karimova@example.com"), minutes(20))));
    }

    /** Links {@code learner} to the parent at {@code minutes} after {@link #T0}. */
    public static Parent linked(Parent parent, String learnerId, String viaEmail, long atMinutes) {
        parent.link(learner(learnerId), email(viaEmail), minutes(atMinutes));
        return parent;
    }
}
