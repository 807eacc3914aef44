package com.example.supportdesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.in.BuildReport;
import io.mentorium.application.port.in.ChangeSettings;
import io.mentorium.domain.report.Report;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The example does what docs/embedding.md says it does; if the core's API changes under it, this fails the build. */
class SupportDeskTest {

    private final InMemoryParents parents = new InMemoryParents();
    private final SupportDesk desk = SupportDesk.demo(parents);

    @Test
    void a_paying_family_gets_this_weeks_report_per_child_and_the_assistant_until_the_period_ends() {
        SupportDesk.FamilyCard card = desk.familyCard(SupportDesk.PAYING_PARENT);

        assertThat(card.weeklyReports()).hasSize(2);
        assertThat(card.weeklyReports().getFirst()).isInstanceOfSatisfying(BuildReport.Outcome.Built.class, built -> {
            Report report = built.report();
            assertThat(report.learner().id()).isEqualTo(SupportDesk.JASUR);
            assertThat(report.period().start()).isEqualTo(LocalDate.parse("2026-03-09"));
            assertThat(report.metrics().activities()).isEqualTo(3);
            assertThat(report.metrics().lessonsCompleted()).isEqualTo(2);
            assertThat(report.metrics().minutes()).isEqualTo(75);
            assertThat(report.metrics().averageScore()).hasValue(92.0);
        });
        assertThat(card.weeklyReports().get(1))
                .isEqualTo(new BuildReport.Outcome.LearnerUnavailable(SupportDesk.MALIKA));
        assertThat(card.assistant())
                .isEqualTo(new AccessDecision.Granted(Optional.of(Instant.parse("2026-03-20T12:00:00Z"))));
    }

    @Test
    void a_family_whose_month_ran_out_past_the_grace_period_is_denied_the_assistant_but_still_gets_reports() {
        SupportDesk.FamilyCard card = desk.familyCard(SupportDesk.LAPSED_PARENT);

        assertThat(card.weeklyReports()).singleElement()
                .isInstanceOfSatisfying(BuildReport.Outcome.Built.class,
                        built -> assertThat(built.report().isEmpty()).isTrue());
        assertThat(card.assistant()).isEqualTo(
                new AccessDecision.Denied(Feature.AI_ASSISTANT, Optional.of(Instant.parse("2026-02-01T00:00:00Z"))));
    }

    @Test
    void a_settings_change_goes_through_the_hosts_transaction_port_and_is_saved_in_the_hosts_repository() {
        ChangeSettings.Result result = desk.switchLanguage(SupportDesk.LAPSED_PARENT, Language.EN);

        assertThat(result).isInstanceOf(ChangeSettings.Result.Changed.class);
        assertThat(parents.findById(SupportDesk.LAPSED_PARENT).orElseThrow().language()).isEqualTo(Language.EN);
    }

    @Test
    void the_printed_demo_names_every_outcome() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SupportDesk.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        // Shown in the build's test report; the same text a host gets from "java ... SupportDesk".
        System.out.print(printed);

        assertThat(printed).isEqualToNormalizingNewlines(SupportDeskOutput.EXPECTED);
    }
}
