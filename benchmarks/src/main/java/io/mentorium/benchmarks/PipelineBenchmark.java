package io.mentorium.benchmarks;

import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.application.pipeline.RelaySettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What operators get, against a baseline measured in the same run: the real {@code mentorium-bot run} process (the
 * shaded jar) on a PostgreSQL server with production durability, and a bare echo bot on the same client library, each
 * a process of its own, both driven through one Bot API stand-in (real HTTP on loopback) hosted here with the load
 * driver. Prints the figures, the ratios and the aims as Markdown. Run it with
 * {@code ./mvnw -q -pl benchmarks -am verify -DskipTests -Pbenchmark} (docs/PERFORMANCE.md).
 */
public final class PipelineBenchmark {

    /** Chat ids of the registered parents start here; newcomers' ids are above every parent's. */
    private static final long FIRST_PARENT = 700_000_001L;
    private static final long FIRST_NEWCOMER = 800_000_001L;
    /** Sends at the same time: the outbox relay's cap, applied to the echo bot too. */
    private static final int MAX_IN_FLIGHT = RelaySettings.telegram(30).maxInFlight();
    /** Telegram's ceiling for one bot, which the bot is configured to; the echo bot has no limiter at all. */
    private static final int SENDS_PER_SECOND = 1_000;
    private static final List<String> CHILD_HEAP = List.of("-Xms512m", "-Xmx512m");
    private static final Pattern BOT_READY = Pattern.compile("running; HTTP on port (\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Rounds the warm-up may add while the JIT still compiles. On two cores the JVM runs one C2 thread, and the bot's
     * hot code is several times the echo bot's: its compiler settled after 7 to 18 rounds (70,000 to 180,000 updates) on
     * the 2-core AMD machine of 2026-12-05, the echo bot's after 3. A bot in service has answered far more than that.
     */
    static final int MAX_EXTRA_WARMUP_ROUNDS = 19;
    /**
     * How many warm-up rounds in a row must find the compiler settled: after one such round the bot's compiler still
     * took 14–17 % of its CPU in the measured rounds of two runs of four (2026-12-05 11:46–12:09 UTC).
     */
    static final int SETTLED_ROUNDS = 2;

    private final BenchmarkSettings settings;
    private final PrintStream progress;
    private final Path workDir;
    private final CpuClock cpu = CpuClock.system();
    private final Machine machine = new Machine();

    private PipelineBenchmark(BenchmarkSettings settings, PrintStream progress, Path workDir) {
        this.settings = settings;
        this.progress = progress;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(BenchmarkSettings.USAGE);
            return;
        }
        BenchmarkSettings settings;
        try {
            settings = BenchmarkSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + BenchmarkSettings.USAGE);
            System.exit(2);
            return;
        }
        Path workDir = Path.of(System.getProperty("benchmark.dir", "target/benchmark")).toAbsolutePath();
        BotUnderTest.reportAndExit(() -> new PipelineBenchmark(settings, System.err, workDir).run());
    }

    private String run() throws Exception {
        Path botJar = botJar();
        Files.createDirectories(workDir);
        List<Chat> parents = Chat.numbered(FIRST_PARENT, settings.parents());
        try (BotApiStandIn standIn = BotApiStandIn.start()) {
            SystemResult echo = echoBot(standIn, parents);
            standIn.clearCalls();
            standIn.clearSentMessages();

            progress.println("PostgreSQL: initialising a fresh server in " + workDir.resolve("postgres"));
            try (PostgresServer postgres = PostgresServer.startFresh(workDir.resolve("postgres"))) {
                Map<String, String> durability = postgres.durability();
                progress.println("PostgreSQL: " + durability);
                if (!"on".equals(durability.get("fsync")) || !"on".equals(durability.get("synchronous_commit"))) {
                    throw new IllegalStateException("PostgreSQL is not durable: " + durability);
                }
                Map<String, String> environment = botEnvironment(standIn, postgres);
                List<String> java = new ArrayList<>(List.of(ChildProcess.javaCommand()));
                java.addAll(BotLauncher.jvmOptions());
                java.addAll(CHILD_HEAP);
                java.addAll(settings.botJvmOptions());
                java.addAll(List.of("-jar", botJar.toString()));

                progress.println("Bot: mentorium-bot migrate --demo");
                ChildProcess.runToCompletion("mentorium-bot migrate --demo", concat(java, "migrate", "--demo"),
                        environment, workDir.resolve("bot-migrate.log"), START_TIMEOUT);
                List<String> runCommand = concat(java, "run");
                SystemResult bot;
                int withChild;
                try (ChildProcess process = ChildProcess.start("mentorium-bot", runCommand, environment,
                        workDir.resolve("bot.log"), BOT_READY);
                     HttpClient http = HttpClient.newHttpClient();
                     OperatorProbes probes = OperatorProbes.start(http,
                             Integer.parseInt(process.awaitReady(START_TIMEOUT).group(1)))) {
                    int httpPort = probes.port();
                    progress.printf(Locale.ROOT, "Bot: running (pid %d, HTTP port %d); registering %,d parents"
                            + " through it%n", process.pid(), httpPort, parents.size());
                    long started = System.nanoTime();
                    withChild = new ParentSeeder(standIn, settings.timeout()).register(parents);
                    progress.printf(Locale.ROOT, "Bot: registered in %.1f s%n", (System.nanoTime() - started) / 1e9);
                    standIn.clearCalls();
                    standIn.clearSentMessages();
                    URI metrics = URI.create("http://127.0.0.1:" + httpPort + "/metrics");
                    long postmaster = postgres.postmasterPid();
                    Meter meter = new Meter(() -> new Cost.Reading(cpu.processNanos(process.pid()),
                            cpu.treeNanos(postmaster), postgres.commits(), postgres.walSyncs()), Optional.of(postgres));
                    Optional<Path> recording = settings.jfr() ? Optional.of(workDir.resolve("bot.jfr")) : Optional.empty();
                    recording.ifPresent(file -> jcmd(process.pid(), "JFR.start", "name=benchmark", "settings=profile"));
                    bot = measure("bot", standIn, new LoadDriver(standIn, mix(parents), settings.timeout()), meter,
                            () -> scrape(http, metrics), process);
                    if (recording.isPresent()) {
                        jcmd(process.pid(), "JFR.stop", "name=benchmark", "filename=" + recording.get());
                        progress.println("Bot: flight recording in " + recording.get());
                    }
                    requireAlive(process);
                    progress.println("Bot: " + probes.summary());
                }
                String botCommand = "java " + String.join(" ", BotLauncher.jvmOptions()) + " " + String.join(" ", CHILD_HEAP)
                        + settings.botJvmOptions().stream().map(option -> " " + option).collect(Collectors.joining())
                        + " -jar mentorium-bot.jar run"
                        + " (TELEGRAM_MAX_SENDS_PER_SECOND=" + SENDS_PER_SECOND + ", DATABASE_POOL_SIZE "
                        + Objects.requireNonNullElse(System.getenv("DATABASE_POOL_SIZE"), "default") + ","
                        + " LOG_LEVEL=WARN)";
                String durable = durability.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                        .collect(Collectors.joining(", "));
                return MarkdownReport.render(new MarkdownReport.Setting(settings, machine, postgres.version(), durable,
                        withChild, botCommand), echo, bot);
            }
        }
    }

    private SystemResult echoBot(BotApiStandIn standIn, List<Chat> parents) throws Exception {
        progress.println("Echo bot: its own process, telegrambots-longpolling + OkHttpTelegramClient, no database");
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaCommand()));
        command.addAll(CHILD_HEAP);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EchoBot.class.getName(),
                standIn.baseUri().toString(), standIn.token(), Integer.toString(MAX_IN_FLIGHT)));
        try (ChildProcess process = ChildProcess.start("echo-bot", command, Map.of(), workDir.resolve("echo-bot.log"),
                Pattern.compile(Pattern.quote(EchoBot.READY)))) {
            process.awaitReady(START_TIMEOUT);
            Meter meter = new Meter(() -> new Cost.Reading(cpu.processNanos(process.pid()), 0, 0, 0), Optional.empty());
            SystemResult result = measure("echo bot", standIn, new LoadDriver(standIn, mix(parents), settings.timeout()),
                    meter, Optional::empty, process);
            requireAlive(process);
            // Until it has confirmed its last batch, the stand-in would hand that batch to the bot next.
            awaitAllConfirmed(standIn);
            return result;
        }
    }

    private LoadMix mix(List<Chat> parents) {
        return new LoadMix(parents, settings.newcomers(), FIRST_NEWCOMER);
    }

    /** Reads the cost counters of a system under test and, where it has a database, its statement counts. */
    private record Meter(CostReader reader, Optional<PostgresServer> database) {

        Cost.Reading read() throws SQLException {
            return reader.read();
        }

        void resetStatements() throws SQLException {
            if (database.isPresent()) {
                database.get().resetStatements();
            }
        }

        List<PostgresServer.StatementCount> statements() throws SQLException {
            return database.isPresent() ? database.get().statements() : List.of();
        }

        Cost since(Cost.Reading before, List<PostgresServer.StatementCount> statements) throws SQLException {
            long total = statements.stream().mapToLong(PostgresServer.StatementCount::calls).sum();
            return Cost.between(before, read(), total, database.isPresent());
        }
    }

    @FunctionalInterface
    private interface CostReader {
        Cost.Reading read() throws SQLException;
    }

    @FunctionalInterface
    private interface HistogramReader {
        Optional<PromHistogram> read();
    }

    /** Warm-up, the measured saturated rounds (with the bot's own histogram around them), then the paced phases. */
    private SystemResult measure(String name, BotApiStandIn standIn, LoadDriver driver, Meter meter,
                                 HistogramReader ownHistogram, ChildProcess process) throws Exception {
        ReplyClock clock = new ReplyClock();
        standIn.observe(clock);
        try {
            // The warm-up asked for, then more rounds while the JIT still compiles: the bot has far more code to
            // compile than the echo bot, and compiling took a quarter of its CPU in the first measured rounds.
            int settledInARow = 0;
            for (int round = 0; round < settings.warmupRounds() + MAX_EXTRA_WARMUP_ROUNDS; round++) {
                machine.sampleLoad();
                long processBefore = cpu.processNanos(process.pid());
                long compilerBefore = cpu.compilerNanos(process.pid());
                report(name, "warm-up", driver.saturated(clock, settings.waves()), Optional.empty());
                standIn.clearCalls();
                double compiling = CpuClock.share(cpu.compilerNanos(process.pid()) - compilerBefore,
                        cpu.processNanos(process.pid()) - processBefore);
                progress.printf(Locale.ROOT, "    JIT compiler threads: %.0f %% of the process's CPU%n", compiling * 100);
                settledInARow = compiling <= CpuClock.JIT_SETTLED ? settledInARow + 1 : 0;
                if (round + 1 >= settings.warmupRounds() && settledInARow >= SETTLED_ROUNDS) {
                    break;
                }
            }
            machine.sampleLoad();
            Optional<PromHistogram> before = ownHistogram.read();
            meter.resetStatements();
            Cost.Reading start = meter.read();
            long processAtStart = cpu.processNanos(process.pid());
            Map<String, Long> threadsAtStart = cpu.threadNanos(process.pid());
            Map<String, Long> waitsAtStart = cpu.threadWaits(process.pid());
            List<RoundResult> rounds = new ArrayList<>();
            for (int round = 0; round < settings.rounds(); round++) {
                rounds.add(report(name, "saturated", driver.saturated(clock, settings.waves()), Optional.empty()));
                standIn.clearCalls();
            }
            Map<String, Long> threadsAtEnd = cpu.threadNanos(process.pid());
            long processSpent = cpu.processNanos(process.pid()) - processAtStart;
            progress.printf(Locale.ROOT, "    JIT compiler threads over the saturated rounds: %.0f %% of the process's CPU%n",
                    CpuClock.share(CpuClock.compilerNanos(threadsAtEnd) - CpuClock.compilerNanos(threadsAtStart),
                            processSpent) * 100);
            long updates = rounds.stream().mapToLong(RoundResult::updates).sum();
            progress.printf(Locale.ROOT, "    CPU by thread over the saturated rounds, ms per update: %s; threads that"
                            + " ended meanwhile %.3f%n", CpuClock.perUnit(threadsAtStart, threadsAtEnd, updates, 1e6),
                    CpuClock.endedMeanwhile(processSpent, threadsAtStart, threadsAtEnd) / 1e6 / updates);
            progress.println("    waits (voluntary context switches) by thread, per update: "
                    + CpuClock.perUnit(waitsAtStart, cpu.threadWaits(process.pid()), updates, 1));
            List<PostgresServer.StatementCount> statements = meter.statements();
            Measured saturated = new Measured(RoundResult.combined(rounds), meter.since(start, statements));
            report(name, "saturated, all rounds", saturated.round(), Optional.of(saturated.cost()));
            Optional<PromHistogram> handling = ownHistogram.read().flatMap(after -> before.map(after::since));
            Map<Integer, Measured> paced = new LinkedHashMap<>();
            for (int rate : settings.pacedRates()) {
                machine.sampleLoad();
                meter.resetStatements();
                Cost.Reading from = meter.read();
                RoundResult round = driver.paced(clock, settings.pacedUpdates(), rate);
                Cost cost = meter.since(from, meter.statements());
                report(name, "paced " + LoadDriver.offeredRate(rate) + "/s", round, Optional.of(cost));
                paced.put(rate, new Measured(round, cost));
                standIn.clearCalls();
            }
            machine.sampleLoad();
            standIn.clearSentMessages();
            if (clock.unmatchedReplies() > 0) {
                throw new IllegalStateException(name + ": " + clock.unmatchedReplies() + " replies answered no update");
            }
            return new SystemResult(name, rounds, saturated, paced, handling, process.peakResidentBytes(), statements);
        } finally {
            standIn.observe(BotApiStandIn.Observer.NONE);
        }
    }

    private RoundResult report(String name, String phase, RoundResult result, Optional<Cost> cost) {
        LatencySummary latency = result.latency();
        progress.printf(Locale.ROOT, "  %s %s: %,d replies, %,.0f/s, p50 %.1f ms, p99 %.1f ms%s%n", name, phase,
                result.updates(), result.updatesPerSecond(), latency.p50Millis(), latency.p99Millis(),
                cost.map(c -> String.format(Locale.ROOT, ", CPU %.3f ms/update%s", c.cpuMillisPerUpdate(result.updates()),
                        c.hasDatabase() ? String.format(Locale.ROOT, " (+ PostgreSQL %.3f)",
                                c.dbCpuMillisPerUpdate(result.updates()).orElseThrow()) : "")).orElse(""));
        return result;
    }

    private static void requireAlive(ChildProcess process) {
        if (!process.alive()) {
            throw new IllegalStateException("the process under test died during the run; see " + process.log());
        }
    }

    private static void awaitAllConfirmed(BotApiStandIn standIn) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!standIn.unconfirmedUpdateIds().isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(standIn.unconfirmedUpdateIds().size()
                        + " updates were left unconfirmed by the echo bot");
            }
            Thread.sleep(20);
        }
    }

    private Map<String, String> botEnvironment(BotApiStandIn standIn, PostgresServer postgres) {
        return BotUnderTest.environment(standIn, postgres, workDir);
    }

    private Path botJar() {
        return BotUnderTest.jar(settings.botJar(), progress);
    }

    private void jcmd(long pid, String... command) {
        Path jcmd = Path.of(ChildProcess.javaCommand()).resolveSibling("jcmd");
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", line) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static Optional<PromHistogram> scrape(HttpClient http, URI metrics) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 ? PromHistogram.parse(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
