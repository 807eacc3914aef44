package io.mentorium.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.adapters.openai.testing.OpenAiStandIn;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Issue 8's benchmark: concurrent streamed dialogs with the assistant. The real {@code mentorium-bot run} process
 * (the shaded jar, 512 MB heap) on a durable PostgreSQL, with the Bot API stand-in and the OpenAI stand-in (realistic
 * pacing: 40 chunks over 3 s) hosted here. Parents register through the bot; then, while menu users press menu
 * buttons at a steady rate, waves of questions are sent at once from distinct parents, and each wave is watched until
 * every question has its final answer: streams open at the model, drafts per chat, time to the answer, the menus'
 * latency meanwhile, the bot's CPU, heap after GC and resident memory, and what its metrics and log say. Prints
 * Markdown with the aims (2,000 in flight; heap under 512 MB; menus p99 under 100 ms) on stdout, progress on stderr.
 * Run it with {@code ./mvnw -q -pl benchmarks -am verify -DskipTests -Passistant-benchmark} (docs/PERFORMANCE.md).
 */
public final class AssistantBenchmark {

    private static final long FIRST_ASKER = 710_000_001L;
    private static final long FIRST_MENU_USER = 720_000_001L;
    private static final int SENDS_PER_SECOND = 1_000;
    private static final List<String> CHILD_HEAP = List.of("-Xms512m", "-Xmx512m");
    private static final Pattern BOT_READY = Pattern.compile("running; HTTP on port (\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String QUESTION = "How is my child doing at school this week?";
    private static final long MENU_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Menus run this long before a wave's questions go out, so the first questions meet a steady menu load. */
    private static final Duration MENU_LEAD = Duration.ofSeconds(1);
    /** Between phases: the relay's last sends and the sweep settle, and the next phase starts from a quiet bot. */
    private static final Duration PAUSE = Duration.ofSeconds(5);
    private static final int STATEMENTS_SHOWN = 25;

    private final AssistantBenchmarkSettings settings;
    private final PrintStream progress;
    private final Path workDir;
    private final CpuClock cpu = CpuClock.system();
    private final Machine machine = new Machine();

    private AssistantBenchmark(AssistantBenchmarkSettings settings, PrintStream progress, Path workDir) {
        this.settings = settings;
        this.progress = progress;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws Exception {
        // The JDK's HTTP server closes connections beyond 200 idle ones; both stand-ins must keep thousands. Read once,
        // when the first server of this JVM is made: the Bot API stand-in comes first.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        }
        if (List.of(args).contains("--help")) {
            System.out.println(AssistantBenchmarkSettings.USAGE);
            return;
        }
        AssistantBenchmarkSettings settings;
        try {
            settings = AssistantBenchmarkSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + AssistantBenchmarkSettings.USAGE);
            System.exit(2);
            return;
        }
        Path workDir = Path.of(System.getProperty("benchmark.dir", "target/benchmark")).toAbsolutePath()
                .resolve("assistant");
        BotUnderTest.reportAndExit(() -> new AssistantBenchmark(settings, System.err, workDir).run());
    }

    private String run() throws Exception {
        Path botJar = botJar();
        Files.createDirectories(workDir);
        List<Chat> askers = Chat.numbered(FIRST_ASKER, settings.askers());
        List<Chat> menuUsers = Chat.numbered(FIRST_MENU_USER, settings.menuUsers());
        progress.println("ulimit -n of this JVM (inherited by the bot): " + openFileLimit());
        try (BotApiStandIn telegram = BotApiStandIn.startOnPlatformThreads();
             OpenAiStandIn model = OpenAiStandIn.start(OpenAiStandIn.API_KEY, OpenAiStandIn.Pacing.REALISTIC,
                     settings.modelTransport())) {
            // Only counted here (requestCount), never read back; their arrivals are timed.
            model.keepRequests(false);
            WaveTimeline timeline = new WaveTimeline();
            model.respondWith(request -> {
                timeline.arrived(request);
                return OpenAiStandIn.defaultBehaviour(request, OpenAiStandIn.Pacing.REALISTIC);
            });
            progress.println("Stand-ins: Bot API " + telegram.baseUri() + ", model " + model.baseUri()
                    + " (40 chunks over 3 s); sun.net.httpserver.maxIdleConnections="
                    + System.getProperty("sun.net.httpserver.maxIdleConnections"));
            progress.println("PostgreSQL: initialising a fresh server in " + workDir.resolve("postgres"));
            try (PostgresServer postgres = PostgresServer.startFresh(workDir.resolve("postgres"))) {
                Map<String, String> durability = postgres.durability();
                if (!"on".equals(durability.get("fsync")) || !"on".equals(durability.get("synchronous_commit"))) {
                    throw new IllegalStateException("PostgreSQL is not durable: " + durability);
                }
                progress.println("PostgreSQL: " + durability);
                Map<String, String> environment = botEnvironment(telegram, model, postgres);
                Path gcLog = workDir.resolve("bot-gc.log");
                Files.deleteIfExists(gcLog);
                List<String> java = new ArrayList<>(List.of(ChildProcess.javaCommand()));
                java.addAll(BotLauncher.jvmOptions());
                java.addAll(CHILD_HEAP);
                // Over TLS the bot trusts the stand-in's certificate alone, through the JVM's own trust store settings.
                java.addAll(model.trustStoreOptions(workDir));
                java.addAll(List.of("-jar", botJar.toString()));
                progress.println("Bot: mentorium-bot migrate --demo");
                ChildProcess.runToCompletion("mentorium-bot migrate --demo", concat(java, "migrate", "--demo"),
                        environment, workDir.resolve("bot-migrate.log"), START_TIMEOUT);
                List<AssistantPhase> phases = new ArrayList<>();
                boolean alive;
                List<String> run = new ArrayList<>(java);
                // The run's own GC log (the migration above has none), read phase by phase for the heap after GC.
                // The wall-clock time on each line lines the pauses up with the slowest menus.
                run.add(run.indexOf("-jar"), "-Xlog:gc:file=" + gcLog + ":utctime,uptime,level,tags");
                run.addAll(run.indexOf("-jar"), settings.botJvmOptions());
                if (settings.jfr()) {
                    run.add(run.indexOf("-jar"), "-XX:StartFlightRecording=filename=" + workDir.resolve("bot.jfr")
                            + ",settings=profile");
                }
                run.add("run");
                try (ChildProcess bot = ChildProcess.start("mentorium-bot", run, environment,
                        workDir.resolve("bot.log"), BOT_READY);
                     HttpClient http = HttpClient.newHttpClient();
                     OperatorProbes probes = OperatorProbes.start(http,
                             Integer.parseInt(bot.awaitReady(START_TIMEOUT).group(1)))) {
                    int httpPort = probes.port();
                    URI metrics = URI.create("http://127.0.0.1:" + httpPort + "/metrics");
                    progress.printf(Locale.ROOT, "Bot: running (pid %d, HTTP port %d); registering %,d askers (each"
                            + " linking a child) and %,d menu users through it%n", bot.pid(), httpPort, askers.size(),
                            menuUsers.size());
                    long started = System.nanoTime();
                    new ParentSeeder(telegram, settings.timeout(), 1).register(askers);
                    new ParentSeeder(telegram, settings.timeout()).register(menuUsers);
                    postgres.grantYear(ids(askers));
                    progress.printf(Locale.ROOT, "Bot: registered in %.1f s; every asker has a paid year%n",
                            (System.nanoTime() - started) / 1e9);
                    telegram.clearCalls();
                    telegram.clearSentMessages();
                    Thread.sleep(PAUSE.toMillis());

                    AssistantWatch watch = new AssistantWatch(ids(askers), ids(menuUsers));
                    telegram.observe(watch);
                    Probe probe = new Probe(telegram, model, timeline, bot, metrics, http, gcLog, askers,
                            menuUsers, postgres);
                    try {
                        if (!settings.baseline().isZero()) {
                            phases.add(probe.phase(watch, "menus alone", 0, false));
                        }
                        List<Wave> waves = new ArrayList<>();
                        for (int warmup = 1; settings.warmup() > 0
                                && warmup <= AssistantBenchmarkSettings.MAX_WARMUP_WAVES; warmup++) {
                            waves.add(new Wave(String.format(Locale.ROOT, "warm-up %d (%,d at once)", warmup,
                                    settings.warmup()), settings.warmup(), true));
                        }
                        settings.waves().forEach(wave -> waves.add(new Wave(String.format(Locale.ROOT, "%,d at once",
                                wave), wave, false)));
                        for (Wave wave : waves) {
                            boolean settled = phases.stream().anyMatch(p -> p.warmup()
                                    && p.compilerShare() <= CpuClock.JIT_SETTLED);
                            if (wave.warmup() && settled) {
                                continue;
                            }
                            if (!bot.alive()) {
                                break;
                            }
                            Thread.sleep(PAUSE.toMillis());
                            AssistantPhase phase = probe.phase(watch, wave.name(), wave.questions(), wave.warmup());
                            phases.add(phase);
                            if (!phase.completed() || !bot.alive()) {
                                progress.println("  the wave did not complete; later waves would meet its leftovers,"
                                        + " so the run stops here");
                                break;
                            }
                        }
                    } finally {
                        telegram.observe(BotApiStandIn.Observer.NONE);
                        probe.close();
                    }
                    alive = bot.alive();
                    progress.println("Bot: " + probes.summary());
                    if (watch.unmatched() > 0) {
                        progress.println("Note: " + watch.unmatched() + " messages to watched chats answered nothing"
                                + " the benchmark sent in that phase");
                    }
                }
                machine.sampleLoad();
                String botCommand = "java " + String.join(" ", BotLauncher.jvmOptions()) + " " + String.join(" ", CHILD_HEAP)
                        + " -Xlog:gc:file=bot-gc.log:utctime,uptime,level,tags" + settings.botJvmOptions().stream()
                        .map(option -> " " + option).collect(Collectors.joining()) + " -jar"
                        + " mentorium-bot.jar run (TELEGRAM_MAX_SENDS_PER_SECOND=" + SENDS_PER_SECOND
                        + ", AI_MAX_CONCURRENT_ANSWERS " + (settings.maxConcurrentAnswers().isPresent()
                        ? "=" + settings.maxConcurrentAnswers().getAsInt() : "default") + ", LOG_LEVEL=WARN,"
                        + " OPENAI_BASE_URL on the stand-in, other settings default)";
                String durable = durability.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
                String machineLine = String.format(Locale.ROOT, "%d cores (%s), %s; %s; %s", Machine.cores(),
                        Machine.cpuModel(), Machine.memory(), Machine.jdk(), Machine.os());
                return AssistantReport.render(new AssistantReport.Setting(settings, machineLine, machine.loadRange(),
                        postgres.version(), durable, botCommand, transport(model)
                        + "; 40 chunks over 3 s (Pacing.REALISTIC)"), phases, alive, Machine.cores());
            }
        }
    }

    /** A wave to run: warm-up waves come first and are not held against the aims. */
    private record Wave(String name, int questions, boolean warmup) {
    }

    /** Runs phases against one bot: the samplers and readers a phase needs. */
    private final class Probe implements AutoCloseable {

        private final BotApiStandIn telegram;
        private final OpenAiStandIn model;
        private final WaveTimeline timeline;
        private final ChildProcess bot;
        private final URI metrics;
        private final HttpClient http;
        private final Path gcLog;
        private final List<Chat> askers;
        private final ArrayDeque<ObjectNode> pendingMenus = new ArrayDeque<>();
        private final LoadMix menuMix;
        private final AtomicInteger maxStreams = new AtomicInteger();
        private final AtomicLong maxRss = new AtomicLong();
        private final Thread sampler;
        private final PostgresServer postgres;
        private final long postmaster;
        private volatile boolean closed;

        Probe(BotApiStandIn telegram, OpenAiStandIn model, WaveTimeline timeline, ChildProcess bot, URI metrics,
              HttpClient http, Path gcLog, List<Chat> askers, List<Chat> menuUsers, PostgresServer postgres) {
            this.timeline = timeline;
            this.postgres = postgres;
            this.postmaster = postgres.postmasterPid();
            this.telegram = telegram;
            this.model = model;
            this.bot = bot;
            this.metrics = metrics;
            this.http = http;
            this.gcLog = gcLog;
            this.askers = askers;
            this.menuMix = new LoadMix(menuUsers, 0, 0);
            this.sampler = Thread.ofPlatform().daemon(true).name("assistant-benchmark-sampler").start(this::sample);
        }

        private void sample() {
            long tick = 0;
            while (!closed) {
                maxStreams.accumulateAndGet(model.openStreams(), Math::max);
                if (tick++ % 20 == 0) {
                    residentBytes(bot.pid()).ifPresent(rss -> maxRss.accumulateAndGet(rss, Math::max));
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }

        AssistantPhase phase(AssistantWatch watch, String name, int questions, boolean warmup) throws Exception {
            machine.sampleLoad();
            double load = loadAverage();
            progress.printf(Locale.ROOT, "Phase %s: %s (load average %.2f)%n", name, questions == 0
                    ? "menus alone for " + settings.baseline().toSeconds() + " s"
                    : String.format(Locale.ROOT, "%,d questions from distinct parents at once", questions), load);
            telegram.clearCalls();
            telegram.clearSentMessages();
            String metricsBefore = scrape();
            HarnessGc harnessGcBefore = HarnessGc.now();
            long cpuBefore = cpu.processNanos(bot.pid());
            Map<String, Long> threadsBefore = cpu.threadNanos(bot.pid());
            long compilerBefore = CpuClock.compilerNanos(threadsBefore);
            Map<String, Long> waitsBefore = cpu.threadWaits(bot.pid());
            long harnessBefore = cpu.processNanos(ProcessHandle.current().pid());
            long postgresBefore = cpu.treeNanos(postmaster);
            long commitsBefore = postgres.commits();
            long walSyncsBefore = postgres.walSyncs();
            postgres.resetStatements();
            int gcLinesBefore = lines(gcLog).size();
            int logLinesBefore = lines(bot.log()).size();
            int requestsBefore = model.requestCount();
            timeline.clear();
            AssistantWatch.Phase phase = watch.begin(questions);
            maxStreams.set(0);
            maxRss.set(0);
            long startedAt = System.nanoTime();
            MenuLoad menus = new MenuLoad();
            Thread menuThread = Thread.ofPlatform().name("assistant-benchmark-menus").start(menus);
            boolean completed = true;
            long questionsAt = 0;
            long lastAnswerAt = 0;
            try {
                if (questions == 0) {
                    Thread.sleep(settings.baseline().toMillis());
                } else {
                    Thread.sleep(MENU_LEAD.toMillis());
                    List<ObjectNode> wave = askers.subList(0, questions).stream()
                            .map(chat -> chat.person().text(QUESTION)).toList();
                    questionsAt = System.nanoTime();
                    telegram.enqueueUpdates(wave);
                    Thread progressLine = Thread.ofVirtual().start(() -> report(phase, questions, name));
                    Thread deathWatch = Thread.ofVirtual().start(() -> abortIfDead(phase));
                    try {
                        phase.awaitAnswers(settings.timeout());
                    } catch (IllegalStateException timedOut) {
                        completed = false;
                        progress.println("  " + timedOut.getMessage());
                    } finally {
                        progressLine.interrupt();
                        deathWatch.interrupt();
                    }
                    lastAnswerAt = System.nanoTime();
                }
            } finally {
                menus.stop();
                menuThread.join();
            }
            try {
                phase.awaitMenuReplies(menus.enqueued(), bot.alive() ? Duration.ofSeconds(60) : Duration.ofMillis(1));
            } catch (IllegalStateException late) {
                progress.println("  " + late.getMessage());
            }
            long endedAt = System.nanoTime();
            long cpuAfter = bot.alive() ? cpu.processNanos(bot.pid()) : cpuBefore;
            Map<String, Long> threadsAfter = bot.alive() ? cpu.threadNanos(bot.pid()) : threadsBefore;
            long compilerAfter = CpuClock.compilerNanos(threadsAfter);
            if (bot.alive()) {
                long units = Math.max(1, questions);
                String per = questions == 0 ? "in all" : "per question";
                // Threads that ended during the phase (an HTTP/2 connection's reader, an idle pool thread) are in the
                // process's figure but in no thread's.
                progress.printf(Locale.ROOT, "  the bot's CPU by thread, ms %s: %s; threads that ended meanwhile"
                                + " %.3f%n", per, CpuClock.perUnit(threadsBefore, threadsAfter, units, 1e6),
                        CpuClock.endedMeanwhile(cpuAfter - cpuBefore, threadsBefore, threadsAfter) / 1e6 / units);
                progress.println("  the bot's waits (voluntary context switches) by thread, " + per + ": "
                        + CpuClock.perUnit(waitsBefore, cpu.threadWaits(bot.pid()), units, 1));
            }
            long harnessAfter = cpu.processNanos(ProcessHandle.current().pid());
            long postgresAfter = cpu.treeNanos(postmaster);
            printStatements(questions, postgres.statements(), postgres.commits() - commitsBefore,
                    postgres.walSyncs() - walSyncsBefore);
            String metricsAfter = scrape();
            List<String> allGc = lines(gcLog);
            List<String> gc = allGc.subList(Math.min(gcLinesBefore, allGc.size()), allGc.size());
            List<String> log = lines(bot.log());
            for (String urgency : List.of("urgent", "ordinary")) {
                String label = "urgency=\"" + urgency + "\"";
                PromHistogram.between(metricsBefore, metricsAfter, PromHistogram.NAME, label)
                        .ifPresent(h -> progress.printf(Locale.ROOT, "  the bot's own handling (inbox → replies"
                                        + " committed), %s updates (%s): %,.0f, p50 %.1f ms, p99 %.1f ms%n", urgency,
                                urgency.equals("urgent") ? "the menus" : "the questions", h.count(),
                                h.quantile(0.5) * 1e3, h.quantile(0.99) * 1e3));
            }
            for (String lane : List.of("reply", "background")) {
                String label = "lane=\"" + lane + "\"";
                PromHistogram.between(metricsBefore, metricsAfter, "mentorium_outbox_send_delay_seconds", label)
                        .ifPresent(h -> progress.printf(Locale.ROOT, "  the bot's sends, %s lane (%s), from the"
                                        + " relay's hand-over to Telegram's answer: %,.0f, p50 %.1f ms, p99 %.1f ms, over 100 ms: %,.0f,"
                                        + " over 250 ms: %,.0f%n", lane, lane.equals("reply") ? "the menus"
                                        : "the final answers", h.count(), h.quantile(0.5) * 1e3,
                                h.quantile(0.99) * 1e3, h.above(0.1), h.above(0.25)));
                PromHistogram.between(metricsBefore, metricsAfter, "mentorium_outbox_send_call_seconds", label)
                        .ifPresent(h -> progress.printf(Locale.ROOT, "    of which the Telegram call: p50 %.1f ms,"
                                        + " p99 %.1f ms, over 100 ms: %,.0f%n", h.quantile(0.5) * 1e3,
                                h.quantile(0.99) * 1e3, h.above(0.1)));
            }
            printPoolWaits(metricsBefore, metricsAfter);
            long[] answerLatencies = phase.answerLatencies();
            long[] menuLatencies = phase.menuLatencies();
            if (questions > 0 && menuLatencies.length > 0) {
                Instant questionsWallClock = Instant.now().minusNanos(System.nanoTime() - questionsAt);
                progress.println("  slowest menus (time after the questions went out at " + questionsWallClock
                        + ": latency): " + String.join(", ", phase.slowestMenus(15, questionsAt)));
                List<String> pauses = GcLog.pauses(gc).stream()
                        .map(pause -> String.format(Locale.ROOT, "+%.1f s: %.0f ms",
                                Duration.between(questionsWallClock, pause.endedAt()).toNanos() / 1e9, pause.millis()))
                        .toList();
                progress.println("  the bot's pauses (time after the questions at their end: length): "
                        + String.join(", ", pauses));
                progress.println("  the wave's steps, after the questions went out (first / p50 / p99 / last):"
                        + " questions handed out " + WaveTimeline.spread(phase.handedOut(), questionsAt)
                        + "; tool rounds asked of the model " + WaveTimeline.spread(timeline.toolRounds(), questionsAt)
                        + "; answer rounds asked " + WaveTimeline.spread(timeline.answerRounds(), questionsAt)
                        + "; final answers received " + WaveTimeline.spread(phase.answeredTimes(), questionsAt));
            }
            AssistantPhase result = new AssistantPhase(name, questions, phase.answers(), phase.grounded(),
                    phase.otherSamples(), completed,
                    answerLatencies.length == 0 ? Optional.empty() : Optional.of(LatencySummary.of(answerLatencies)),
                    maxStreams.get(), phase.maxOverlap(), model.requestCount() - requestsBefore, phase.draftPace(),
                    phase.draftsPerChatSecond(), phase.chatsWithDrafts(), phase.edits(),
                    menuLatencies.length == 0 ? Optional.empty() : Optional.of(LatencySummary.of(menuLatencies)),
                    (endedAt - startedAt) / 1e9, (lastAnswerAt - questionsAt) / 1e9, (cpuAfter - cpuBefore) / 1e9,
                    GcLog.parse(gc), maxRss.get(),
                    bot.peakResidentBytes().orElse(0L),
                    PromCounters.difference(
                            PromCounters.byLabel(metricsBefore, "mentorium_assistant_questions_total", "outcome"),
                            PromCounters.byLabel(metricsAfter, "mentorium_assistant_questions_total", "outcome")),
                    PromCounters.difference(PromCounters.byLabel(metricsBefore, "ai_requests_total", "outcome"),
                            PromCounters.byLabel(metricsAfter, "ai_requests_total", "outcome")),
                    LogTally.of(log.subList(Math.min(logLinesBefore, log.size()), log.size()), 5), load, warmup,
                    CpuClock.share(compilerAfter - compilerBefore, cpuAfter - cpuBefore),
                    (harnessAfter - harnessBefore) / 1e9, (postgresAfter - postgresBefore) / 1e9,
                    HarnessGc.now().since(harnessGcBefore));
            print(result);
            return result;
        }

        /**
         * How long the bot's borrowers waited for a connection during the phase, by pool: a menu whose transaction
         * waits for a read-write connection behind the answers' waits for the pool, not for the cores; an answer whose
         * tool waits for a platform connection starts its stream later; a reply with no send permit at hand waits for
         * the send budget's draw, and so for its connection.
         */
        private void printPoolWaits(String before, String after) {
            String name = "mentorium_db_connection_wait_seconds";
            for (String pool : List.of("mentorium-bot", "mentorium-platform", "mentorium-bot-send-budget")) {
                String label = "pool=\"" + pool + "\"";
                PromHistogram.between(before, after, name, label)
                        .ifPresent(waits -> progress.printf(Locale.ROOT, "  the bot's pool %s: %,.0f borrows, p50"
                                        + " wait %.2f ms, p99 %.2f ms, waited over 10 ms: %,.0f, over 50 ms: %,.0f, over"
                                        + " 100 ms: %,.0f%n", pool, waits.count(), waits.quantile(0.5) * 1e3,
                                waits.quantile(0.99) * 1e3, waits.above(0.01), waits.above(0.05), waits.above(0.1)));
            }
        }

        /** The phase's statements per question (or in all, for menus alone): where the database work goes. */
        private void printStatements(int questions, List<PostgresServer.StatementCount> statements, long commits,
                                     long walSyncs) {
            double per = Math.max(1, questions);
            String unit = questions > 0 ? "per question" : "in all";
            progress.printf(Locale.ROOT, "  PostgreSQL %s: %.2f statements, %.2f commits, %.2f WAL flushes%n", unit,
                    statements.stream().mapToLong(PostgresServer.StatementCount::calls).sum() / per, commits / per,
                    walSyncs / per);
            for (PostgresServer.StatementCount statement : statements.subList(0,
                    Math.min(STATEMENTS_SHOWN, statements.size()))) {
                String query = statement.query().replaceAll("\\s+", " ");
                progress.printf(Locale.ROOT, "    %8.2f × %6.2f ms  %s%n", statement.calls() / per,
                        statement.totalMillis() / Math.max(1, statement.calls()),
                        query.substring(0, Math.min(150, query.length())));
            }
        }

        private void abortIfDead(AssistantWatch.Phase phase) {
            try {
                while (bot.alive()) {
                    Thread.sleep(500);
                }
                phase.abort("the bot process died; see " + bot.log());
            } catch (InterruptedException done) {
                // the wave is over
            }
        }

        private void report(AssistantWatch.Phase phase, int questions, String name) {
            try {
                for (int tick = 1; ; tick++) {
                    Thread.sleep(2_000);
                    progress.printf(Locale.ROOT, "  … %,d of %,d answered, %,d model streams open%n", phase.answers(),
                            questions, model.openStreams());
                    if (settings.threadDumps() && tick <= 3) {
                        threadDump(bot.pid(), workDir.resolve("threads-" + name.replaceAll("\\W+", "") + "-"
                                + 2 * tick + "s.txt"));
                    }
                }
            } catch (InterruptedException done) {
                // the wave is over
            }
        }

        private void print(AssistantPhase p) {
            progress.printf(Locale.ROOT, "  %s: answered %,d/%,d (%,d grounded), streams max %,d, in flight max %,d,"
                            + " answer p50 %s p99 %s; drafts %,d (max %d per chat-second); menus %,d p50 %s p99 %s;"
                            + " bot CPU %.1f s over %.1f s (JIT %.0f %%; benchmark JVM %.1f s and %d collections,"
                            + " %d full, %d ms; PostgreSQL %.1f s); heap after GC max %.0f MB (%d GCs, %d full);"
                            + " RSS max %.0f MB;"
                            + " questions %s; model requests %s; log %d WARN %d ERROR%n",
                    p.name(), p.answers(), p.questions(), p.grounded(), p.maxOpenStreams(), p.maxOverlap(),
                    p.answerLatency().map(l -> String.format(Locale.ROOT, "%.2f s", l.p50Millis() / 1e3)).orElse("—"),
                    p.answerLatency().map(l -> String.format(Locale.ROOT, "%.2f s", l.p99Millis() / 1e3)).orElse("—"),
                    p.drafts().drafts(), p.drafts().maxPerSecond(),
                    p.menuLatency().map(LatencySummary::count).orElse(0),
                    p.menuLatency().map(l -> String.format(Locale.ROOT, "%.1f ms", l.p50Millis())).orElse("—"),
                    p.menuLatency().map(l -> String.format(Locale.ROOT, "%.1f ms", l.p99Millis())).orElse("—"),
                    p.botCpuSeconds(), p.wallSeconds(), 100 * p.compilerShare(), p.harnessCpuSeconds(),
                    p.harnessGc().collections(), p.harnessGc().full(), p.harnessGc().millis(), p.postgresCpuSeconds(),
                    p.gc().peakAfterMb(), p.gc().collections(), p.gc().fullGcs(),
                    p.peakRssBytes() / 1048576.0, p.questionsByOutcome(), p.requestsByOutcome(), p.log().warnings(),
                    p.log().errors());
            p.log().top().forEach((message, count) -> progress.printf(Locale.ROOT, "    %,d × %s%n", count, message));
            p.otherSamples().forEach(text -> progress.println("    other final message: " + text));
        }

        private String scrape() {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).GET()
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return response.statusCode() == 200 ? response.body() : "";
            } catch (IOException e) {
                progress.println("  could not read " + metrics + ": " + e);
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        /** Menu updates at the configured rate, a batch every 20 ms whatever the bot does, until stopped. */
        private final class MenuLoad implements Runnable {

            private volatile boolean stopped;
            private final AtomicInteger enqueued = new AtomicInteger();

            @Override
            public void run() {
                int batch = Math.max(1, Math.round(settings.menuRate() * MENU_TICK_NANOS / 1e9f));
                long next = System.nanoTime();
                while (!stopped) {
                    for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    List<ObjectNode> updates = new ArrayList<>(batch);
                    for (int i = 0; i < batch; i++) {
                        if (pendingMenus.isEmpty()) {
                            pendingMenus.addAll(menuMix.nextWave());
                        }
                        updates.add(pendingMenus.poll());
                    }
                    telegram.enqueueUpdates(updates);
                    enqueued.addAndGet(batch);
                    next += MENU_TICK_NANOS;
                }
            }

            void stop() {
                stopped = true;
            }

            int enqueued() {
                return enqueued.get();
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** How the model was reached, as the stand-in saw it. */
    private static String transport(OpenAiStandIn model) {
        String requests = model.requestsByProtocol().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%,d requests on %s", e.getValue(), e.getKey()))
                .collect(Collectors.joining(", "));
        return switch (model.transport()) {
            case TLS_HTTP_2 -> String.format(Locale.ROOT, "over TLS, HTTP/2 offered by ALPN (%s; %,d connections"
                    + " opened, at most 128 streams each)", requests, model.connectionsOpened());
            case PLAIN_HTTP_1_1 -> "over cleartext HTTP/1.1 (" + requests + ")";
        };
    }

    private Map<String, String> botEnvironment(BotApiStandIn telegram, OpenAiStandIn model, PostgresServer postgres) {
        Map<String, String> env = BotUnderTest.environment(telegram, postgres, workDir);
        env.putAll(model.environment());
        settings.maxConcurrentAnswers().ifPresent(max -> env.put("AI_MAX_CONCURRENT_ANSWERS", Integer.toString(max)));
        return env;
    }

    private Path botJar() {
        return BotUnderTest.jar(settings.botJar(), progress);
    }

    private static java.util.Set<Long> ids(List<Chat> chats) {
        return chats.stream().map(Chat::id).collect(Collectors.toSet());
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static Optional<Long> residentBytes(long pid) {
        try (var lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code jcmd <pid> Thread.dump_to_file} (virtual threads included), for finding where a wave's threads wait. */
    private void threadDump(long pid, Path file) {
        Path jcmd = Path.of(ChildProcess.javaCommand()).resolveSibling("jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.dump_to_file",
                    "-overwrite", file.toString()).redirectErrorStream(true).redirectOutput(
                    ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor(30, TimeUnit.SECONDS)) {
                progress.println("  thread dump: " + file);
            }
        } catch (IOException e) {
            progress.println("  no thread dump: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String openFileLimit() {
        try (var lines = Files.lines(Path.of("/proc/self/limits"))) {
            return lines.filter(line -> line.startsWith("Max open files")).findFirst()
                    .map(line -> line.replaceAll("\\s+", " ").strip()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
