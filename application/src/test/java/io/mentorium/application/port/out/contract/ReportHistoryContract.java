package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.learner;
import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.ReportHistory;
import io.mentorium.application.port.out.ReportHistory.Content;
import io.mentorium.application.port.out.ReportHistory.Figures;
import io.mentorium.application.port.out.ReportHistory.SentReport;
import io.mentorium.domain.report.ReportMetrics;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.report.ReportPeriod;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ReportHistory} must do. */
public abstract class ReportHistoryContract {

    private static final TelegramUserId PARENT = parentId(901);
    private static final TelegramUserId OTHER = parentId(902);
    private static final ReportPeriod WEEK = ReportPeriod.weekContaining(LocalDate.of(2026, 11, 11));
    private static final ReportPeriod MONTH = ReportPeriod.monthContaining(LocalDate.of(2026, 11, 11));

    protected ReportHistory history;

    protected abstract ReportHistory emptyHistory();

    @BeforeEach
    final void startEmpty() {
        history = emptyHistory();
    }

    @Test
    void the_first_mark_records_the_report_and_a_repeated_one_changes_nothing() {
        SentReport first = new SentReport(PARENT, learner("L1"), WEEK, minutes(1));

        assertThat(history.markSent(first)).isTrue();
        assertThat(history.markSent(new SentReport(PARENT, learner("L1"), WEEK, minutes(99)))).isFalse();

        assertThat(history.sentTo(PARENT, 10)).containsExactly(first);
    }

    @Test
    void marking_many_records_those_new_in_order_and_leaves_out_those_recorded_before() {
        SentReport before = new SentReport(PARENT, learner("L2"), WEEK, minutes(1));
        history.markSent(before);
        SentReport first = new SentReport(OTHER, learner("L1"), WEEK, minutes(5));
        SentReport again = new SentReport(PARENT, learner("L2"), WEEK, minutes(5));
        SentReport last = new SentReport(PARENT, learner("L1"), MONTH, minutes(5));

        assertThat(history.markAllSent(List.of(first, again, last))).containsExactly(first, last);
        assertThat(history.markAllSent(List.of(first, again, last))).isEmpty();
        assertThat(history.markAllSent(List.of())).isEmpty();
        assertThat(history.sentTo(PARENT, 10)).contains(before, last).doesNotContain(again);
        assertThat(history.wasSent(OTHER, learner("L1"), WEEK)).isTrue();
    }

    @Test
    void purging_deletes_the_reports_sent_before_the_cut_off_and_only_those() {
        SentReport old = new SentReport(PARENT, learner("L1"), WEEK, minutes(1));
        SentReport recent = new SentReport(PARENT, learner("L2"), WEEK, minutes(10));
        history.markAllSent(List.of(old, recent));

        assertThat(history.purgeSentBefore(minutes(10))).isEqualTo(1);
        assertThat(history.sentTo(PARENT, 10)).containsExactly(recent);
        assertThat(history.wasSent(PARENT, learner("L1"), WEEK)).isFalse();
        assertThat(history.purgeSentBefore(minutes(10))).isZero();
    }

    @Test
    void was_sent_tells_the_exact_parent_learner_and_period_apart() {
        history.markSent(new SentReport(PARENT, learner("L1"), WEEK, minutes(1)));

        assertThat(history.wasSent(PARENT, learner("L1"), WEEK)).isTrue();
        assertThat(history.wasSent(PARENT, learner("L2"), WEEK)).isFalse();
        assertThat(history.wasSent(OTHER, learner("L1"), WEEK)).isFalse();
        assertThat(history.wasSent(PARENT, learner("L1"), WEEK.previous())).isFalse();
        assertThat(history.wasSent(PARENT, learner("L1"), MONTH)).isFalse();
    }

    @Test
    void a_weekly_and_a_monthly_report_starting_the_same_day_are_different_reports() {
        ReportPeriod week = ReportPeriod.weekContaining(LocalDate.of(2026, 6, 1)); // 1 June 2026 is a Monday
        ReportPeriod month = ReportPeriod.monthContaining(LocalDate.of(2026, 6, 1));

        assertThat(history.markSent(new SentReport(PARENT, learner("L1"), week, minutes(1)))).isTrue();
        assertThat(history.markSent(new SentReport(PARENT, learner("L1"), month, minutes(2)))).isTrue();

        assertThat(history.wasSent(PARENT, learner("L1"), week)).isTrue();
        assertThat(history.wasSent(PARENT, learner("L1"), month)).isTrue();
    }

    @Test
    void sent_to_lists_the_parents_reports_most_recent_first_up_to_the_limit() {
        SentReport oldest = new SentReport(PARENT, learner("L1"), WEEK.previous(), minutes(1));
        SentReport middle = new SentReport(PARENT, learner("L2"), WEEK, minutes(2));
        SentReport newest = new SentReport(PARENT, learner("L1"), MONTH, minutes(3));
        history.markSent(middle);
        history.markSent(newest);
        history.markSent(oldest);
        history.markSent(new SentReport(OTHER, learner("L1"), WEEK, minutes(4)));

        assertThat(history.sentTo(PARENT, 10)).containsExactly(newest, middle, oldest);
        assertThat(history.sentTo(PARENT, 2)).containsExactly(newest, middle);
        assertThat(history.sentTo(parentId(903), 10)).isEmpty();
    }

    private static Content content(String text) {
        ReportMetrics metrics = new ReportMetrics(5, 3, 95, OptionalDouble.of(87.5), 4);
        ReportMetrics previous = new ReportMetrics(2, 1, 30, OptionalDouble.empty(), 2);
        return new Content("Aziza Karimova", new Figures(metrics, previous, 3), text);
    }

    @Test
    void the_content_of_a_report_comes_back_as_it_was_recorded() {
        String text = "📊 <b>Aziza Karimova</b>: неделя с 9 по 15 ноября\n<i>Ровный темп.</i> &amp; «кавычки» \uD83D\uDE00";
        SentReport sent = new SentReport(PARENT, learner("L1"), WEEK, minutes(1), Optional.of(content(text)));

        assertThat(history.markSent(sent)).isTrue();

        assertThat(history.sentTo(PARENT, 10)).containsExactly(sent);
        assertThat(history.sentFor(PARENT, WEEK)).containsExactly(sent);
    }

    @Test
    void a_repeated_mark_keeps_the_first_content() {
        SentReport first = new SentReport(PARENT, learner("L1"), WEEK, minutes(1), Optional.of(content("first")));

        history.markSent(first);
        assertThat(history.markSent(new SentReport(PARENT, learner("L1"), WEEK, minutes(2),
                Optional.of(content("second"))))).isFalse();

        assertThat(history.sentFor(PARENT, WEEK)).containsExactly(first);
    }

    @Test
    void sent_for_gives_only_the_parents_own_reports_of_that_exact_period() {
        SentReport one = new SentReport(PARENT, learner("L1"), WEEK, minutes(1), Optional.of(content("one")));
        SentReport two = new SentReport(PARENT, learner("L2"), WEEK, minutes(2), Optional.of(content("two")));
        history.markSent(one);
        history.markSent(two);
        history.markSent(new SentReport(PARENT, learner("L1"), WEEK.previous(), minutes(3)));
        history.markSent(new SentReport(PARENT, learner("L1"), MONTH, minutes(4)));
        history.markSent(new SentReport(OTHER, learner("L1"), WEEK, minutes(5), Optional.of(content("other"))));

        assertThat(history.sentFor(PARENT, WEEK)).containsExactlyInAnyOrder(one, two);
        assertThat(history.sentFor(parentId(903), WEEK)).isEmpty();
    }
}
