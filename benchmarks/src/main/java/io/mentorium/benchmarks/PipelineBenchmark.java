package io.mentorium.benchmarks;

import ch.qos.logback.classic.Level;
import io.mentorium.adapters.persistence.demo.DemoPlatformData;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.application.pipeline.RelaySettings;
import io.mentorium.runner.bot.BotRuntime;
import io.mentorium.runner.bot.PipelineTuning;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.BotSession;

/**
 * Menu-type updates from many chats through the whole bot ({@link BotRuntime}: inbox, per-chat workers, outbox relay,
 * real PostgreSQL) against a bare echo consumer on the same client library, both driven through the same Bot API
 * stand-in in the same JVM run. Prints the figures as Markdown. Run it with
 * {@code ./mvnw -q -pl benchmarks -am verify -DskipTests -Pbenchmark} (docs/PERFORMANCE.md).
 */
public final class PipelineBenchmark {

    /** Chat ids of the simulated parents start here. */
    private static final long FIRST_CHAT = 700_000_001L;
    /** Sends at the same time: the outbox relay's default cap, applied to the echo bot too. */
    private static final int MAX_IN_FLIGHT = RelaySettings.telegram(30).maxInFlight();

    private final BenchmarkSettings settings;
    private final PrintStream progress;

    private PipelineBenchmark(BenchmarkSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(BenchmarkSettings.USAGE);
            return;
        }
        // The fixtures' test-jars bring a logback-test.xml, which wins over the bot's logback.xml: set the level here.
        logLevel(Logger.ROOT_LOGGER_NAME, Level.WARN);
        BenchmarkSettings settings;
        try {
            settings = BenchmarkSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + BenchmarkSettings.USAGE);
            System.exit(2);
            return;
        }
        String report = new PipelineBenchmark(settings, System.err).run();
        System.out.println(report);
        // Virtual-thread executors and OkHttp's pools of the bots under test may linger; the run is over.
        System.exit(0);
    }

    private String run() throws Exception {
        try (BotApiStandIn standIn = BotApiStandIn.start()) {
            List<Chat> chats = Chat.numbered(FIRST_CHAT, settings.chats());
            LoadDriver driver = new LoadDriver(standIn, chats, settings.timeout());

            progress.println("Baseline: echo consumer on telegrambots-longpolling + OkHttpTelegramClient");
            SystemResult baseline;
            try (EchoBot echo = EchoBot.start(standIn.baseUri(), standIn.token(), MAX_IN_FLIGHT)) {
                baseline = measure("echo baseline", standIn, driver, Optional::empty);
                if (echo.failures() > 0) {
                    throw new IllegalStateException(echo.failures() + " echo sends failed");
                }
                // Stopping cancels the echo bot's long poll, which the library reports as an error.
                logLevel(BotSession.class.getName(), Level.OFF);
            }
            logLevel(BotSession.class.getName(), null);
            requireAllConfirmed(standIn);
            standIn.clearCalls();
            standIn.clearSentMessages();

            progress.println("Pipeline: starting PostgreSQL and the bot");
            TestDatabase.Database database = TestDatabase.freshDatabase();
            DemoPlatformData.install(database.dataSource(), "platform", DemoPlatformData.DEFAULT_SEED, Instant.now());
            Machine machine = Machine.describe(database.dataSource());
            Path dataDir = Files.createTempDirectory("mentorium-benchmark-");
            SystemResult pipeline;
            int withChild;
            try (BotRuntime bot = BotRuntime.start(botEnvironment(standIn, database, dataDir), Clock.systemUTC(),
                    PipelineBenchmark::unthrottled);
                 HttpClient http = HttpClient.newHttpClient()) {
                progress.printf(Locale.ROOT, "Pipeline: registering %,d parents through the bot%n", chats.size());
                long started = System.nanoTime();
                withChild = new ParentSeeder(standIn, settings.timeout()).register(chats);
                progress.printf(Locale.ROOT, "Pipeline: registered in %.1f s%n", (System.nanoTime() - started) / 1e9);
                standIn.clearCalls();
                standIn.clearSentMessages();
                URI metrics = URI.create("http://127.0.0.1:" + bot.httpPort() + "/metrics");
                pipeline = measure("pipeline", standIn, driver, () -> scrape(http, metrics));
            }
            return MarkdownReport.render(settings, machine, chats.size(), withChild, baseline, pipeline);
        }
    }

    /** Warm-up, measured saturated rounds (with the bot's own histogram around them), then the paced rounds. */
    private SystemResult measure(String name, BotApiStandIn standIn, LoadDriver driver,
                                 Supplier<Optional<HandlingHistogram>> ownHistogram) throws Exception {
        ReplyClock clock = new ReplyClock();
        standIn.observe(clock);
        try {
            for (int round = 0; round < settings.warmupRounds(); round++) {
                report(name, "warm-up", driver.saturated(clock, settings.waves()));
                standIn.clearCalls();
            }
            List<RoundResult> saturated = new ArrayList<>();
            Map<Integer, RoundResult> paced = new LinkedHashMap<>();
            Optional<HandlingHistogram> before = ownHistogram.get();
            Optional<HandlingHistogram> handling;
            long maxHeap;
            try (HeapWatch heap = HeapWatch.start()) {
                for (int round = 0; round < settings.rounds(); round++) {
                    saturated.add(report(name, "saturated", driver.saturated(clock, settings.waves())));
                    standIn.clearCalls();
                }
                handling = ownHistogram.get().flatMap(after -> before.map(after::since));
                for (int rate : settings.pacedRates()) {
                    paced.put(rate, report(name, "paced " + LoadDriver.offeredRate(rate) + "/s",
                            driver.paced(clock, settings.updatesPerRound(), rate)));
                    standIn.clearCalls();
                }
                maxHeap = heap.maxUsedBytes();
            }
            standIn.clearSentMessages();
            long live = HeapWatch.liveHeapBytes();
            if (clock.unmatchedReplies() > 0) {
                throw new IllegalStateException(name + ": " + clock.unmatchedReplies() + " replies answered no update");
            }
            return new SystemResult(name, saturated, paced, handling, maxHeap, live);
        } finally {
            standIn.observe(BotApiStandIn.Observer.NONE);
        }
    }

    /** {@code null} inherits the parent's level again. */
    private static void logLevel(String logger, Level level) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(level);
    }

    private RoundResult report(String name, String round, RoundResult result) {
        LatencySummary latency = result.latency();
        progress.printf(Locale.ROOT, "  %s %s: %,d updates, %,.0f updates/s, p50 %.1f ms, p99 %.1f ms%n", name, round,
                result.updates(), result.updatesPerSecond(), latency.p50Millis(), latency.p99Millis());
        return result;
    }

    /** The baseline must have confirmed everything, or the bot would receive its leftovers. */
    private static void requireAllConfirmed(BotApiStandIn standIn) {
        List<Long> left = standIn.unconfirmedUpdateIds();
        if (!left.isEmpty()) {
            throw new IllegalStateException(left.size() + " updates were left unconfirmed by the echo bot");
        }
    }

    private static Map<String, String> botEnvironment(BotApiStandIn standIn, TestDatabase.Database database,
                                                      Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", standIn.token());
        env.put("TELEGRAM_API_URL", standIn.baseUri().toString());
        env.put("DATABASE_URL", database.jdbcUrl());
        env.put("DATABASE_USER", database.user());
        env.put("DATABASE_PASSWORD", database.password());
        env.put("MENTORIUM_DATA_DIR", dataDir.toString());
        env.put("HTTP_PORT", "0");
        env.put("HTTP_BIND", "127.0.0.1");
        env.put("TELEGRAM_MAX_SENDS_PER_SECOND", "1000");
        env.put("LOG_LEVEL", "WARN");
        env.put("LOG_FORMAT", "text");
        return env;
    }

    /** Telegram's pacing lifted so that the stand-in, not the limiter, is the ceiling; retries as in production. */
    static PipelineTuning unthrottled(PipelineTuning telegram) {
        RelaySettings relay = telegram.relay();
        return new PipelineTuning(new RelaySettings(1_000_000, Duration.ofMillis(1), 1_000, relay.maxInFlight(),
                relay.retryFirst(), relay.retryMax(), relay.maxAttempts(), relay.stopGrace()), telegram.workers());
    }

    private static Optional<HandlingHistogram> scrape(HttpClient http, URI metrics) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 ? HandlingHistogram.parse(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
