package io.mentorium.application.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.conversation.CallbackData.Action;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.QuietHours;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.report.ReportPeriod;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.subscription.Plan;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackDataTest {

    /** The longest id the platform may have: the data must still fit into Telegram's 64 bytes. */
    private static final String REF = LearnerRef.of(new LearnerId("Ж".repeat(128)));

    private static List<Action> everyAction() {
        List<Action> actions = new ArrayList<>();
        for (Language language : Language.values()) {
            actions.add(new CallbackData.ChooseStartLanguage(language));
            actions.add(new CallbackData.SwitchLanguage(language));
        }
        actions.add(new CallbackData.AddChild());
        actions.add(new CallbackData.ConfirmChild(REF));
        actions.add(new CallbackData.RejectChild(REF));
        actions.add(new CallbackData.AskUnlink(REF));
        actions.add(new CallbackData.ConfirmUnlink(REF));
        actions.add(new CallbackData.ShowChildren());
        for (SettingsSection section : SettingsSection.values()) {
            actions.add(new CallbackData.OpenSettings(section));
        }
        for (NotificationKind kind : NotificationKind.values()) {
            actions.add(new CallbackData.SwitchNotification(kind, true));
            actions.add(new CallbackData.SwitchNotification(kind, false));
        }
        for (ReportKind report : ReportKind.values()) {
            actions.add(new CallbackData.SwitchReport(report, true));
            actions.add(new CallbackData.SwitchReport(report, false));
        }
        actions.add(new CallbackData.SetQuietHours(Optional.empty()));
        actions.add(new CallbackData.SetQuietHours(Optional.of(new QuietHours(LocalTime.of(23, 59),
                LocalTime.of(0, 5)))));
        actions.add(new CallbackData.OpenSubscription());
        for (Plan plan : Plan.values()) {
            for (PaymentProvider provider : PaymentProvider.values()) {
                actions.add(new CallbackData.Checkout(plan, provider));
            }
        }
        actions.add(new CallbackData.ShowPastReports());
        actions.add(new CallbackData.OpenPastReport(ReportPeriod.weekContaining(LocalDate.of(2026, 12, 31)), REF));
        actions.add(new CallbackData.OpenPastReport(ReportPeriod.monthContaining(LocalDate.of(2026, 2, 11)), REF));
        return actions;
    }

    @Test
    void aPastReportIsNamedByItsKindFirstDayAndChild() {
        assertThat(CallbackData.encode(new CallbackData.OpenPastReport(
                ReportPeriod.weekContaining(LocalDate.of(2026, 12, 31)), REF)))
                .isEqualTo("1:past-open:weekly:20261228:" + REF);
        assertThat(CallbackData.encode(new CallbackData.ShowPastReports())).isEqualTo("1:past");
    }

    @Test
    void everyActionSurvivesTheRoundTripWithinSixtyFourBytes() {
        for (Action action : everyAction()) {
            String data = CallbackData.encode(action);

            assertThat(data.getBytes(StandardCharsets.UTF_8).length).as(data)
                    .isBetween(1, Button.MAX_DATA_BYTES);
            assertThat(CallbackData.decode(data)).as(data).contains(action);
        }
    }

    @Test
    void dataIsVersionedAndCompact() {
        assertThat(CallbackData.encode(new CallbackData.SwitchLanguage(Language.RU))).isEqualTo("1:lang:ru");
        assertThat(CallbackData.encode(new CallbackData.SwitchNotification(NotificationKind.MISSED_DAYS, false)))
                .isEqualTo("1:notif:missed_days:0");
        assertThat(CallbackData.encode(new CallbackData.SetQuietHours(Optional.of(QuietHours.DEFAULT))))
                .isEqualTo("1:quiet:2200-0800");
        assertThat(CallbackData.encode(new CallbackData.ConfirmUnlink(REF))).isEqualTo("1:unlink-yes:" + REF);
        assertThat(CallbackData.encode(new CallbackData.Checkout(Plan.QUARTER, PaymentProvider.PAYME)))
                .isEqualTo("1:pay:quarter:payme");
        assertThat(CallbackData.encode(new CallbackData.OpenSubscription())).isEqualTo("1:sub");
    }

    @Test
    void anythingElseIsStale() {
        List<String> stale = List.of("", ":", "1", "1:", "0:lang:ru", "2:lang:ru", "v1:lang:ru", "1:lang", "1:lang:",
                "1:lang:RU", "1:lang:en-US", "1:lang:ru:x", "1:add:x", "1:unlink:", "1:unlink:tooshort",
                "1:unlink:" + REF + "x", "1:unlink:" + REF.substring(1) + "+", "1:notif:system", "1:notif:SYSTEM:0",
                "1:notif:system:2", "1:notif:nothing:1", "1:report:yearly:1", "1:quiet:", "1:quiet:2200-2200",
                "1:quiet:2400-0700", "1:quiet:2260-0700", "1:quiet:22:00-07:00", "1:quiet:-2200-0700",
                "1:quiet:٢٢٠٠-0700", "1:set:nowhere", "1:children:x", "1:unknown", "lang:ru", "1:sub:x", "1:pay:month",
                "1:pay:month:paypal", "1:pay:week:stars", "1:pay:MONTH:stars", "1:pay:month:stars:1",
                "1:past:x", "1:past-open", "1:past-open:weekly:20261228", "1:past-open:weekly:20261229:" + REF,
                "1:past-open:monthly:20260202:" + REF, "1:past-open:yearly:20260101:" + REF,
                "1:past-open:weekly:2026-12-28:" + REF, "1:past-open:weekly:20261228:" + REF + "x",
                "1:past-open:weekly:20261328:" + REF);

        for (String data : stale) {
            assertThat(CallbackData.decode(data)).as(data).isEmpty();
        }
        assertThat(CallbackData.decode(null)).isEmpty();
    }

    @Test
    void aLearnerRefIsShortStableAndResolvedOnlyAmongTheGivenChildren() {
        LearnerId aziz = new LearnerId("L-1");
        LearnerId malika = new LearnerId("L-2");

        assertThat(LearnerRef.of(aziz)).hasSize(LearnerRef.LENGTH).isEqualTo(LearnerRef.of(new LearnerId("L-1")))
                .isNotEqualTo(LearnerRef.of(malika));
        assertThat(LearnerRef.isWellFormed(LearnerRef.of(aziz))).isTrue();
        // Buttons already sent carry refs: the first 64 bits of the id's SHA-256, base64url, must never change.
        assertThat(LearnerRef.of(aziz)).isEqualTo("P010EJ-nyj0");
        assertThat(LearnerRef.resolve(LearnerRef.of(malika), List.of(aziz, malika))).contains(malika);
        assertThat(LearnerRef.resolve(LearnerRef.of(malika), List.of(aziz))).isEmpty();
    }
}
