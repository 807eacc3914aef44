package io.mentorium.application.service;

import static io.mentorium.application.service.Fixtures.MOTHER;
import static io.mentorium.application.service.Fixtures.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.in.ChangeSettings.Change;
import io.mentorium.application.port.in.ChangeSettings.Result;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.QuietHours;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChangeSettingsServiceTest {

    private final InMemoryParentRepository stored = new InMemoryParentRepository();
    private final AtomicInteger saves = new AtomicInteger();
    private final DirectTransactionRunner transactions = new DirectTransactionRunner();
    private final io.mentorium.application.testing.InMemoryEventLog events =
            new io.mentorium.application.testing.InMemoryEventLog();
    private final io.mentorium.application.testing.MutableClock clock =
            new io.mentorium.application.testing.MutableClock(java.time.Instant.parse("2026-11-02T10:00:00Z"));
    private final ChangeSettingsService service = new ChangeSettingsService(counting(stored), events, transactions,
            clock);

    @BeforeEach
    void registerMother() {
        stored.save(Fixtures.linked(MOTHER, Fixtures.MOTHER_EMAIL, Fixtures.AZIZ.id()));
    }

    private Parent mother() {
        return stored.findById(MOTHER).orElseThrow();
    }

    @Test
    void theLanguageIsSwitchedAndTheLinksKept() {
        Result result = service.change(MOTHER, new Change.SwitchLanguage(Language.UZ));

        assertThat(result).isInstanceOfSatisfying(Result.Changed.class,
                changed -> assertThat(changed.parent().language()).isEqualTo(Language.UZ));
        assertThat(mother().language()).isEqualTo(Language.UZ);
        assertThat(mother().learnerIds()).containsExactly(Fixtures.AZIZ.id());
        assertThat(transactions.transactions()).isEqualTo(1);
    }

    @Test
    void aChangeIsAnEventWithTheSettingAndItsValueAndARepeatedTapIsNot() {
        service.change(MOTHER, new Change.SwitchLanguage(Language.EN));
        service.change(MOTHER, new Change.SwitchLanguage(Language.EN));
        service.change(MOTHER, new Change.SwitchReport(ReportKind.MONTHLY, false));

        assertThat(events.ofType("settings.changed")).extracting(e -> e.details())
                .containsExactly(java.util.Map.of("setting", "language", "value", "en"),
                        java.util.Map.of("setting", "report", "kind", "monthly", "value", "false"));
        assertThat(events.ofType("settings.changed")).allSatisfy(e -> {
            assertThat(e.actor()).contains(MOTHER);
            assertThat(e.at()).isEqualTo(clock.instant());
        });
    }

    @Test
    void aNotificationKindIsSwitchedOffAndOnAgain() {
        service.change(MOTHER, new Change.SwitchNotifications(NotificationKind.ACHIEVEMENT, false));
        assertThat(mother().preferences().isEnabled(NotificationKind.ACHIEVEMENT)).isFalse();

        service.change(MOTHER, new Change.SwitchNotifications(NotificationKind.ACHIEVEMENT, true));
        assertThat(mother().preferences().isEnabled(NotificationKind.ACHIEVEMENT)).isTrue();
    }

    @Test
    void systemNotificationsCannotBeSwitchedOffAndNothingIsWritten() {
        Parent before = mother();

        Result result = service.change(MOTHER, new Change.SwitchNotifications(NotificationKind.SYSTEM, false));

        assertThat(result).isEqualTo(new Result.Refused(before));
        assertThat(mother()).isEqualTo(before);
        assertThat(saves.get()).isZero();
    }

    @Test
    void quietHoursAreSetAndRemoved() {
        QuietHours late = new QuietHours(LocalTime.of(23, 30), LocalTime.of(6, 45));

        service.change(MOTHER, new Change.SetQuietHours(Optional.of(late)));
        assertThat(mother().preferences().quietHours()).contains(late);

        service.change(MOTHER, new Change.SetQuietHours(Optional.empty()));
        assertThat(mother().preferences().quietHours()).isEmpty();
    }

    @Test
    void reportsAreSwitchedOneByOne() {
        service.change(MOTHER, new Change.SwitchReport(ReportKind.MONTHLY, false));

        assertThat(mother().preferences().receives(ReportKind.MONTHLY)).isFalse();
        assertThat(mother().preferences().receives(ReportKind.WEEKLY)).isTrue();
    }

    @Test
    void aChangeThatChangesNothingIsAnsweredButNotWritten() {
        Result result = service.change(MOTHER, new Change.SwitchReport(ReportKind.WEEKLY, true));

        assertThat(result).isEqualTo(new Result.Changed(mother()));
        assertThat(saves.get()).isZero();
    }

    @Test
    void anUnknownPersonIsNotRegistered() {
        Result result = service.change(STRANGER, new Change.SwitchLanguage(Language.EN));

        assertThat(result).isEqualTo(new Result.NotRegistered());
        assertThat(stored.findById(STRANGER)).isEmpty();
    }

    private ParentRepository counting(ParentRepository delegate) {
        return new ParentRepository() {
            @Override
            public Optional<Parent> findById(TelegramUserId id) {
                return delegate.findById(id);
            }

            @Override
            public Optional<Parent> findByChat(ChatId chatId) {
                return delegate.findByChat(chatId);
            }

            @Override
            public void save(Parent parent) {
                saves.incrementAndGet();
                delegate.save(parent);
            }

            @Override
            public List<Parent> findLinkedTo(LearnerId learnerId) {
                return delegate.findLinkedTo(learnerId);
            }

            @Override
            public List<Parent> findPage(Optional<TelegramUserId> after, int limit) {
                return delegate.findPage(after, limit);
            }

            @Override
            public long count() {
                return delegate.count();
            }
        };
    }
}
