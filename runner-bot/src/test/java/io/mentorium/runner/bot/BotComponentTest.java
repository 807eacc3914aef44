package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.Databases;
import io.mentorium.adapters.persistence.PersistenceSettings;
import io.mentorium.adapters.persistence.demo.DemoPlatformData;
import io.mentorium.application.config.Environment;
import io.mentorium.application.port.in.BuildReport;
import io.mentorium.application.port.in.LinkLearner;
import io.mentorium.application.port.in.PurgeRetainedData;
import io.mentorium.application.port.in.RegisterParent;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up test: the real Dagger graph over the embedded default serves the use cases end to end. */
class BotComponentTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-18T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void aParentRegistersLinksADemoChildAndGetsTheirWeeklyReport(@TempDir Path dataDir) {
        Environment env = new Environment(Map.of("MENTORIUM_DATA_DIR", dataDir.toString(), "ADMIN_TELEGRAM_IDS", "42",
                "RETENTION_INBOX_HOURS", "2"));
        BotConfiguration configuration = ((BotConfiguration.Loaded.Valid) BotConfiguration.load(env, false, "text"))
                .configuration();
        var family = DemoPlatformData.FAMILIES.getFirst();
        var child = family.learners().getFirst();
        TelegramUserId parent = new TelegramUserId(42);

        try (Databases databases = Databases.open(PersistenceSettings.from(env), false)) {
            databases.migrate(CLOCK);
            BotComponent bot = DaggerBotComponent.factory().create(configuration, databases, CLOCK, PipelineTuning.telegram(25));

            RegisterParent.Result registered = bot.registerParent()
                    .register(new RegisterParent.Command(parent, new ChatId(42), Language.UZ));
            LinkLearner.CodeCheck linked = bot.linkLearner().link(new LinkLearner.Request(parent,
                    new Email(family.guardianEmails().getFirst()), " " + child.codes().getFirst().code() + " "));
            var reports = bot.buildReport().buildForChildren(parent, ReportKind.WEEKLY, Optional.empty());

            assertThat(registered).isInstanceOf(RegisterParent.Result.Registered.class);
            assertThat(registered.parent().isAdmin()).as("id 42 is in ADMIN_TELEGRAM_IDS").isTrue();
            assertThat(linked).isInstanceOfSatisfying(LinkLearner.CodeCheck.Linked.class,
                    l -> assertThat(l.learner().fullName()).isEqualTo(child.fullName()));
            assertThat(bot.listChildren().list(parent)).hasSize(1);
            assertThat(configuration.retention().inboxWindow()).isEqualTo(Duration.ofHours(2));
            assertThat(bot.purgeRetainedData().purge()).as("every purge reaches its table")
                    .isEqualTo(new PurgeRetainedData.Purged(0, 0, 0, 0, 0, 0, 0, List.of()));
            assertThat(reports).singleElement().isInstanceOfSatisfying(BuildReport.Outcome.Built.class,
                    built -> assertThat(built.report().metrics().activities()).as("demo activity reaches the report").isPositive());
        }
    }
}
