package io.mentorium.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.application.port.out.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class MigrationsTest {

    /** An included file, in block style (file: on its own line) or flow style ({file: ...} on the include's). */
    private static final Pattern INCLUDED_FILE =
            Pattern.compile("^\\s*(?:- include:\\s*\\{\\s*)?file:\\s*changes/([^,\\s}]+)");

    /** One change set per file the master changelog includes: counted there, so adding a file needs no edit here. */
    private static final int CHANGE_SETS = includedFiles();

    private static int includedFiles() {
        return included().size();
    }

    private static List<String> included() {
        try (InputStream master = MigrationsTest.class.getResourceAsStream("/db/changelog/db.changelog-master.yaml")) {
            String text = new String(master.readAllBytes(), StandardCharsets.UTF_8);
            // A one-line (flow style) include keeps concurrent additions to the master from conflicting over three
            // lines each, so both styles are counted.
            return text.lines()
                    .map(INCLUDED_FILE::matcher)
                    .filter(Matcher::find)
                    .map(found -> found.group(1))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void the_master_changelog_includes_every_change_file_once() throws Exception {
        // A file left out of the master would silently never run.
        Path changes = Path.of(MigrationsTest.class.getResource("/db/changelog/changes").toURI());
        try (Stream<Path> files = Files.list(changes)) {
            List<String> onDisk = files.map(file -> file.getFileName().toString()).sorted().toList();
            assertThat(included()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(onDisk);
        }
    }

    @Test
    void a_second_run_applies_nothing_and_changes_nothing() {
        TestDatabase.Database db = TestDatabase.freshDatabase();
        assertThat(Migrations.pendingChangeSets(db.dataSource())).hasSize(CHANGE_SETS);

        Migrations.apply(db.dataSource());
        List<String> afterFirst = history(db);
        Migrations.apply(db.dataSource());

        assertThat(afterFirst).hasSize(CHANGE_SETS);
        assertThat(history(db)).isEqualTo(afterFirst);
        assertThat(Migrations.pendingChangeSets(db.dataSource())).isEmpty();
    }

    @Test
    void everything_the_bot_owns_lands_in_schema_bot_and_nothing_in_public() {
        TestDatabase.Database db = TestDatabase.freshDatabase();

        Migrations.apply(db.dataSource());

        Jdbi jdbi = Jdbi.create(db.dataSource());
        List<String> botTables = jdbi.withHandle(h -> h.createQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'bot' ORDER BY table_name")
                .mapTo(String.class).list());
        List<String> publicTables = jdbi.withHandle(h -> h.createQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .mapTo(String.class).list());
        assertThat(botTables).containsExactly("assistant_questions", "broadcast_recipients", "broadcasts", "click_transactions", "conversations", "databasechangelog", "databasechangeloglock", "dead_letters",
                "dialog_messages", "event_log", "inbox_updates", "job_runs", "link_attempts", "merchant_keys", "notification_history", "outbox_messages", "parent_learners", "parents",
                "payme_transactions", "payments", "qrtz_blob_triggers", "qrtz_calendars", "qrtz_cron_triggers",
                "qrtz_fired_triggers", "qrtz_job_details", "qrtz_locks", "qrtz_paused_trigger_grps",
                "qrtz_scheduler_state", "qrtz_simple_triggers", "qrtz_simprop_triggers", "qrtz_triggers",
                "report_history", "send_budget", "staff_roles", "subscription_grants", "trial_learners", "trials");
        assertThat(publicTables).isEmpty();
    }

    @Test
    void the_quartz_job_store_has_every_index_of_quartzs_own_ddl_including_the_one_its_changelog_lacks() {
        TestDatabase.Database db = TestDatabase.freshDatabase();

        Migrations.apply(db.dataSource());

        // tables_postgres.sql in the quartz jar creates 20 indexes; its liquibase.quartz.init.xml only 19 (no idx_qrtz_t_j).
        List<String> indexes = Jdbi.create(db.dataSource()).withHandle(h -> h.createQuery(
                "SELECT indexname FROM pg_indexes WHERE schemaname = 'bot' AND indexname LIKE 'idx_qrtz_%'")
                .mapTo(String.class).list());
        assertThat(indexes).hasSize(20).contains("idx_qrtz_t_j");
    }

    @Test
    void two_processes_starting_together_both_succeed_and_apply_each_change_set_once() throws Exception {
        TestDatabase.Database db = TestDatabase.freshDatabase();

        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            CompletableFuture<Void> bot = CompletableFuture.runAsync(() -> Migrations.apply(db.dataSource()), pool);
            CompletableFuture<Void> scheduler = CompletableFuture.runAsync(() -> Migrations.apply(db.dataSource()), pool);
            CompletableFuture.allOf(bot, scheduler).get();
        }

        assertThat(history(db)).hasSize(CHANGE_SETS);
    }

    @Test
    void an_unreachable_database_fails_with_a_storage_exception() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/nowhere");
        nowhere.setConnectTimeout(2);

        assertThatThrownBy(() -> Migrations.apply(nowhere))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("Could not migrate the bot database");
    }

    private static List<String> history(TestDatabase.Database db) {
        return Jdbi.create(db.dataSource()).withHandle(h -> h.createQuery(
                "SELECT id || ' ' || md5sum || ' ' || dateexecuted FROM bot.databasechangelog ORDER BY orderexecuted")
                .mapTo(String.class).list());
    }
}
