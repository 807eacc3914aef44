package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import io.mentorium.adapters.telegram.testing.TelegramUpdates;
import io.mentorium.runner.bot.MentoriumBot;
import io.mentorium.runner.scheduler.MentoriumScheduler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose file's start-up sequence with real processes, as far as this machine allows without Docker: an external
 * PostgreSQL server, a one-shot {@code mentorium-bot migrate}, then {@code mentorium-bot run} against the Bot API
 * stand-in and two {@code mentorium-scheduler run} on the same database. Each becomes ready (/health/ready answers
 * 200), their /metrics carry the documented names and count what happens, and each stops on SIGTERM.
 */
class StartUpSequenceTest {

    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final Pattern PORT = Pattern.compile("HTTP on port (\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    @Test
    void postgres_migrate_the_bot_and_two_schedulers_become_ready_count_and_stop_cleanly() throws Exception {
        try (PostgresServer postgres = PostgresServer.startFresh(work.resolve("postgres"));
             BotApiStandIn telegram = BotApiStandIn.start()) {
            Map<String, String> env = new HashMap<>();
            env.put("DATABASE_URL", postgres.jdbcUrl());
            env.put("DATABASE_USER", postgres.user());
            env.put("TELEGRAM_BOT_TOKEN", BotApiStandIn.TOKEN);
            env.put("TELEGRAM_API_URL", telegram.baseUri().toString());
            env.put("MENTORIUM_DATA_DIR", work.resolve("data").toString());
            env.put("HTTP_PORT", "0");
            env.put("SCHEDULER_HTTP_PORT", "0");
            env.put("HTTP_BIND", "127.0.0.1");
            env.put("LOG_FORMAT", "text");
            env.put("LOG_LEVEL", "WARN");

            // compose's "migrate"; --demo only because this database has no platform of its own to read.
            Process migrate = start(env, MentoriumBot.class, List.of("migrate", "--demo"), work.resolve("migrate.log"));
            assertThat(migrate.waitFor(2, TimeUnit.MINUTES)).as("migrate finished").isTrue();
            assertThat(migrate.exitValue()).as(Files.readString(work.resolve("migrate.log"))).isZero();

            List<Child> children = new ArrayList<>();
            try {
                children.add(child(env, MentoriumBot.class, work.resolve("bot.log")));
                children.add(child(env, MentoriumScheduler.class, work.resolve("scheduler-1.log")));
                children.add(child(env, MentoriumScheduler.class, work.resolve("scheduler-2.log")));
                for (Child child : children) {
                    child.awaitReady();
                }
                Child bot = children.get(0);

                String before = bot.get("/metrics");
                for (String name : List.of("telegram_messages_total", "ai_requests_total",
                        "ai_request_duration_seconds_bucket", "payments_total", "subscriptions_active", "errors_total",
                        "bot_uptime_seconds", "mentorium_inbox_pending", "mentorium_outbox_pending",
                        "mentorium_quarantine_recent", "telegram_polling_up")) {
                    assertThat(before).as("bot /metrics").contains("\n" + name);
                }
                assertThat(before).as("polling, once ready").contains("\ntelegram_polling_up 1.0");
                double received = sample(before, "telegram_messages_total{direction=\"in\",kind=\"command\"}");
                telegram.enqueueUpdates(TelegramUpdates.person(700_001, "en").command("start"));
                Eventually.until("the /start counted in and its answer out", () -> {
                    String now = bot.get("/metrics");
                    return sample(now, "telegram_messages_total{direction=\"in\",kind=\"command\"}") > received
                            && sample(now, "telegram_messages_total{direction=\"out\",kind=\"send_text\"}") > 0;
                }, DEADLINE);

                for (Child scheduler : children.subList(1, 3)) {
                    String metrics = scheduler.get("/metrics");
                    assertThat(metrics).as("scheduler /metrics").contains("\nmentorium_scheduler_job_runs_total",
                            "\nmentorium_scheduler_job_duration_seconds_bucket", "\nbot_uptime_seconds",
                            "\nerrors_total");
                }
            } finally {
                for (Child child : children) {
                    child.close();
                }
            }
            for (Child child : children) {
                assertThat(child.exitCode).as(child.log + ": " + Files.readString(child.log)).isIn(0, 143);
            }
        }
    }

    /** A sample's value in a scrape; 0 when the series is not there yet. */
    static double sample(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
                .orElse(0.0);
    }

    private Child child(Map<String, String> env, Class<?> main, Path log) throws IOException {
        return new Child(start(env, main, List.of("run"), log), log);
    }

    private static Process start(Map<String, String> env, Class<?> main, List<String> args, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    /** One long-running process of the sequence, its HTTP port read from its start-up line. */
    private final class Child implements AutoCloseable {

        final Process process;
        final Path log;
        int port;
        Integer exitCode;

        private Child(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        void awaitReady() {
            Eventually.until(log.getFileName() + " to print its port", () -> {
                Matcher matcher = PORT.matcher(read());
                if (matcher.find()) {
                    port = Integer.parseInt(matcher.group(1));
                    return true;
                }
                if (!process.isAlive()) {
                    throw new AssertionError(log.getFileName() + " exited: " + read());
                }
                return false;
            }, DEADLINE);
            Eventually.until(log.getFileName() + " ready", () -> status("/health/ready") == 200, DEADLINE);
        }

        String get(String path) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                return response.body();
            } catch (IOException e) {
                throw new AssertionError(path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(path + " interrupted", e);
            }
        }

        int status(String path) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        String read() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "";
            }
        }

        /** SIGTERM, then the graceful stop's exit code; a process that does not stop in a minute is killed. */
        @Override
        public void close() throws InterruptedException {
            if (exitCode != null) {
                return;
            }
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                exitCode = -1;
                return;
            }
            exitCode = process.exitValue();
        }
    }
}
