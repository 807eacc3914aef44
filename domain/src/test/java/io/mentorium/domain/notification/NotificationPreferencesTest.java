package io.mentorium.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mentorium.domain.report.ReportKind;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NotificationPreferencesTest {

    @Test
    void defaultsReceiveEverythingAndAreQuietAtNight() {
        NotificationPreferences defaults = NotificationPreferences.defaults();

        assertThat(defaults.enabledKinds()).containsExactlyInAnyOrder(NotificationKind.values());
        assertThat(defaults.quietHours()).contains(QuietHours.DEFAULT);
        assertThat(defaults.receives(ReportKind.WEEKLY)).isTrue();
        assertThat(defaults.receives(ReportKind.MONTHLY)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = NotificationKind.class, names = "SYSTEM", mode = EnumSource.Mode.EXCLUDE)
    void everyKindButSystemCanBeSwitchedOffAndOnAgain(NotificationKind kind) {
        NotificationPreferences off = NotificationPreferences.defaults().withKind(kind, false);

        assertThat(kind.canBeDisabled()).isTrue();
        assertThat(off.isEnabled(kind)).isFalse();
        assertThat(off.withKind(kind, true)).isEqualTo(NotificationPreferences.defaults());
    }

    @Test
    void systemCannotBeSwitchedOff() {
        assertThat(NotificationKind.SYSTEM.canBeDisabled()).isFalse();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> NotificationPreferences.defaults().withKind(NotificationKind.SYSTEM, false));
    }

    @Test
    void systemIsSwitchedOnEvenIfLeftOut() {
        NotificationPreferences preferences = new NotificationPreferences(Set.of(), Optional.empty(), Set.of());

        assertThat(preferences.isEnabled(NotificationKind.SYSTEM)).isTrue();
        assertThat(preferences.enabledKinds()).containsExactly(NotificationKind.SYSTEM);
    }

    @Test
    void switchingSystemOnAgainIsHarmless() {
        assertThat(NotificationPreferences.defaults().withKind(NotificationKind.SYSTEM, true))
                .isEqualTo(NotificationPreferences.defaults());
    }

    @Test
    void changesReturnNewPreferencesAndLeaveTheOldOnesAlone() {
        NotificationPreferences defaults = NotificationPreferences.defaults();

        NotificationPreferences changed = defaults.withKind(NotificationKind.MISSED_DAYS, false)
                .withQuietHours(Optional.empty())
                .withReport(ReportKind.MONTHLY, false);

        assertThat(defaults).isEqualTo(NotificationPreferences.defaults());
        assertThat(changed.isEnabled(NotificationKind.MISSED_DAYS)).isFalse();
        assertThat(changed.isEnabled(NotificationKind.ACHIEVEMENT)).isTrue();
        assertThat(changed.quietHours()).isEmpty();
        assertThat(changed.receives(ReportKind.MONTHLY)).isFalse();
        assertThat(changed.receives(ReportKind.WEEKLY)).isTrue();
    }

    @Test
    void reportsCanBeSwitchedOffAndOnIndependently() {
        NotificationPreferences none = NotificationPreferences.defaults()
                .withReport(ReportKind.WEEKLY, false)
                .withReport(ReportKind.MONTHLY, false);

        assertThat(none.reports()).isEmpty();
        assertThat(none.withReport(ReportKind.WEEKLY, true).reports()).containsExactly(ReportKind.WEEKLY);
    }

    @Test
    void otherQuietHoursReplaceTheOldOnes() {
        QuietHours siesta = new QuietHours(LocalTime.of(13, 0), LocalTime.of(15, 0));

        assertThat(NotificationPreferences.defaults().withQuietHours(Optional.of(siesta)).quietHours()).contains(siesta);
    }

    @Test
    void equalityDoesNotDependOnTheSetImplementationPassedIn() {
        NotificationPreferences fromEnumSet = new NotificationPreferences(
                EnumSet.of(NotificationKind.ACHIEVEMENT, NotificationKind.SYSTEM), Optional.empty(),
                EnumSet.of(ReportKind.WEEKLY));
        NotificationPreferences fromList = new NotificationPreferences(
                Set.copyOf(List.of(NotificationKind.ACHIEVEMENT)), Optional.empty(), Set.of(ReportKind.WEEKLY));

        assertThat(fromEnumSet).isEqualTo(fromList).hasSameHashCodeAs(fromList);
    }

    @Test
    void preferencesDoNotFollowLaterChangesOfTheSetsPassedIn() {
        EnumSet<NotificationKind> kinds = EnumSet.of(NotificationKind.ACHIEVEMENT);
        EnumSet<ReportKind> reports = EnumSet.of(ReportKind.WEEKLY);
        NotificationPreferences preferences = new NotificationPreferences(kinds, Optional.empty(), reports);

        kinds.add(NotificationKind.REMINDER);
        reports.add(ReportKind.MONTHLY);

        assertThat(preferences.isEnabled(NotificationKind.REMINDER)).isFalse();
        assertThat(preferences.receives(ReportKind.MONTHLY)).isFalse();
    }
}
