package io.mentorium.benchmarks;

import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Issue 9's benchmark: the Sunday report run at platform scale, as operators run it. A PostgreSQL server with
 * production durability holds generated platform data ({@link ReportsDataSet}: 100,000 learners, 60,000 parents, eight
 * weeks of activity by default) and the bot's tables. Then, each as its own process on the same JDK:
 * <ol>
 *   <li>{@code mentorium-scheduler trigger weekly-reports --queue-only} composes and queues every weekly report — timed from start
 *       to exit, with its CPU time and its peak heap (from its GC log);</li>
 *   <li>{@code mentorium-bot run} drains the queue to the Bot API stand-in (in this JVM) at
 *       {@code TELEGRAM_MAX_SENDS_PER_SECOND}: the sends per second over a measured window, as a fraction of that rate.</li>
 * </ol>
 * Run: {@code ./mvnw -q -pl benchmarks -am verify -DskipTests -Preports-benchmark} (see {@link #USAGE}).
 */
public final class ReportsBenchmark {

    static final String USAGE = """
            Usage: ReportsBenchmark [--learners N] [--parents N] [--rate N] [--window-seconds N] [--jfr]
              --learners        learners on the platform (default 100000)
              --parents         parents in the bot, each with one or two children (default 60000)
              --rate            TELEGRAM_MAX_SENDS_PER_SECOND of the bot that delivers (default 1000)
              --window-seconds  how long delivery is measured once it runs (default 300)
              --jfr             record the delivering bot with Java Flight Recorder (bot.jfr beside the logs)""";
    private static final List<String> CHILD_HEAP = List.of("-Xms512m", "-Xmx512m");
    private static final Pattern BOT_READY = Pattern.compile("running; HTTP on port (\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration QUEUE_TIMEOUT = Duration.ofMinutes(30);
    private static final double QUEUE_AIM_SECONDS = 60;
    private static final double DELIVERY_AIM = 0.95;

    private final int learners;
    private final int parents;
    private final int rate;
    private final Duration window;
    private final PrintStream progress;
    private final Path workDir;
    private final boolean flightRecording;

    private ReportsBenchmark(int learners, int parents, int rate, Duration window, PrintStream progress,
                             Path workDir, boolean flightRecording) {
        this.learners = learners;
        this.parents = parents;
        this.rate = rate;
        this.window = window;
        this.progress = progress;
        this.workDir = workDir;
        this.flightRecording = flightRecording;
    }

    public static void main(String[] args) {
        Map<String, Integer> options = new HashMap<>(Map.of("--learners", 100_000, "--parents", 60_000, "--rate",
                1_000, "--window-seconds", 300));
        boolean flightRecording = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help")) {
                System.out.println(USAGE);
                return;
            }
            if (args[i].equals("--jfr")) {
                flightRecording = true;
                continue;
            }
            if (!options.containsKey(args[i]) || i + 1 >= args.length || !args[i + 1].matches("[1-9][0-9]{0,8}")) {
                System.err.println("not understood: " + String.join(" ", args) + "\n" + USAGE);
                System.exit(2);
            }
            options.put(args[i], Integer.parseInt(args[++i]));
        }
        Path workDir = Path.of(System.getProperty("benchmark.dir", "target/benchmark")).toAbsolutePath()
                .resolve("reports");
        boolean recorded = flightRecording;
        BotUnderTest.reportAndExit(() -> new ReportsBenchmark(options.get("--learners"), options.get("--parents"),
                options.get("--rate"), Duration.ofSeconds(options.get("--window-seconds")), System.err, workDir,
                recorded).run());
    }

    private String run() throws Exception {
        Path botJar = BotUnderTest.jar(Optional.empty(), progress);
        Path schedulerJar = schedulerJar();
        Files.createDirectories(workDir);
        ReportsDataSet data = new ReportsDataSet(learners, parents);
        try (BotApiStandIn telegram = BotApiStandIn.start();
             PostgresServer postgres = PostgresServer.startFresh(workDir.resolve("postgres"))) {
            Map<String, String> durability = postgres.durability();
            if (!"on".equals(durability.get("fsync")) || !"on".equals(durability.get("synchronous_commit"))) {
                throw new IllegalStateException("PostgreSQL is not durable: " + durability);
            }
            Map<String, String> environment = BotUnderTest.environment(telegram, postgres, workDir);
            environment.put("TELEGRAM_MAX_SENDS_PER_SECOND", Integer.toString(rate));
            environment.put("SCHEDULER_HTTP_PORT", "0");
            List<String> bot = java(botJar);
            progress.println("Bot: mentorium-bot migrate --demo (the bot's tables and the platform's, demo rows)");
            ChildProcess.runToCompletion("migrate", concat(bot, "migrate", "--demo"), environment,
                    workDir.resolve("migrate.log"), START_TIMEOUT);
            Duration generated;
            try (Connection connection = connect(postgres)) {
                progress.printf(Locale.ROOT, "Data: generating %,d learners and %,d parents…%n", learners, parents);
                generated = data.generate(connection, "platform");
            }
            Counts counts = counts(postgres);
            progress.printf(Locale.ROOT, "Data: %,d learners, %,d activities, %,d parents, %,d links in %.1f s%n",
                    counts.learners(), counts.activities(), counts.parents(), counts.links(), seconds(generated));

            Path gcLog = workDir.resolve("scheduler-gc.log");
            Files.deleteIfExists(gcLog);
            List<String> trigger = java(schedulerJar);
            trigger.add(trigger.indexOf("-jar"), "-Xlog:gc:file=" + gcLog);
            trigger.addAll(List.of("trigger", "weekly-reports", "--queue-only"));
            progress.println("Scheduler: mentorium-scheduler trigger weekly-reports --queue-only (it composes and"
                    + " queues; the bot delivers)");
            CpuClock cpu = CpuClock.system();
            long childCpuBefore = cpu.reapedChildrenNanos();
            long started = System.nanoTime();
            ChildProcess.runToCompletion("trigger weekly-reports", trigger, environment,
                    workDir.resolve("scheduler.log"), QUEUE_TIMEOUT);
            double queueSeconds = (System.nanoTime() - started) / 1e9;
            double queueCpuSeconds = (cpu.reapedChildrenNanos() - childCpuBefore) / 1e9;
            GcLog schedulerGc = GcLog.parse(Files.readAllLines(gcLog));
            long queued = single(postgres, "SELECT count(*) FROM bot.outbox_messages WHERE state = 0");
            long reports = single(postgres, "SELECT count(*) FROM bot.report_history");
            progress.printf(Locale.ROOT, "Scheduler: %,d reports, %,d messages queued in %.1f s (CPU %.1f s), heap "
                    + "peak %.0f MB before GC, %.0f MB after%n", reports, queued, queueSeconds, queueCpuSeconds,
                    schedulerGc.peakBeforeMb(), schedulerGc.peakAfterMb());

            Delivery delivery = deliver(telegram, bot, environment, queued);
            progress.printf(Locale.ROOT, "Delivery: %,d messages in %.1f s = %.0f/s (%.1f %% of %d/s)%n",
                    delivery.messages(), delivery.seconds(), delivery.perSecond(), 100 * delivery.perSecond() / rate,
                    rate);
            progress.println("Delivery each second: " + delivery.eachSecond());
            return report(durability, postgres.version(), counts, generated, reports, queued, queueSeconds,
                    queueCpuSeconds, schedulerGc, delivery);
        }
    }

    private record Counts(long learners, long activities, long parents, long links) {
    }

    /**
     * The seconds at the start of delivery in which the bot's JIT compiles the drawing and sending paths (the bot then
     * uses up to 1.7 cores and delivers about half the rate): reported apart, never left out of the aim.
     */
    static final int WARM_UP_SECONDS = 15;

    /** {@code eachSecond}: messages accepted in each whole second from the first send. */
    private record Delivery(long messages, double seconds, double cpuSeconds, long photos, List<Long> eachSecond) {

        double perSecond() {
            return seconds == 0 ? 0 : messages / seconds;
        }

        /** The rate over the whole seconds after the first {@link #WARM_UP_SECONDS}, or 0 when there are none. */
        double steadyPerSecond() {
            List<Long> steady = eachSecond.subList(Math.min(WARM_UP_SECONDS, eachSecond.size()), eachSecond.size());
            return steady.isEmpty() ? 0 : steady.stream().mapToLong(Long::longValue).sum() / (double) steady.size();
        }
    }

    /**
     * Starts the bot on the queued backlog and counts what reaches the stand-in. The clock starts at the first send
     * (the bot's start-up is not delivery) and stops after {@link #window} or when the backlog is gone.
     */
    private Delivery deliver(BotApiStandIn telegram, List<String> bot, Map<String, String> environment, long queued)
            throws Exception {
        DeliveryCounter counter = new DeliveryCounter();
        telegram.observe(counter);
        List<String> run = new ArrayList<>(bot);
        if (flightRecording) {
            Path recording = workDir.resolve("bot.jfr");
            Files.deleteIfExists(recording);
            run.add(run.indexOf("-jar"), "-XX:StartFlightRecording=filename=" + recording + ",settings=profile");
        }
        run.add("run");
        progress.printf(Locale.ROOT, "Bot: mentorium-bot run at %d sends/s; measuring for up to %d s%n", rate,
                window.toSeconds());
        try (ChildProcess process = ChildProcess.start("mentorium-bot", run, environment, workDir.resolve("bot.log"),
                BOT_READY)) {
            process.awaitReady(START_TIMEOUT);
            CpuClock cpu = CpuClock.system();
            long firstSend = counter.awaitFirst(START_TIMEOUT);
            long cpuAtFirst = cpu.processNanos(process.pid());
            long deadline = firstSend + window.toNanos();
            long target = queued;
            while (System.nanoTime() < deadline && counter.sends() < target && process.alive()) {
                counter.awaitAtLeast(Math.min(target, counter.sends() + rate), Duration.ofMillis(
                        Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
                telegram.clearCalls();
                telegram.clearSentMessages();
            }
            long end = System.nanoTime();
            long sent = counter.sends();
            double cpuSeconds = (cpu.processNanos(process.pid()) - cpuAtFirst) / 1e9;
            telegram.observe(BotApiStandIn.Observer.NONE);
            return new Delivery(sent, (end - firstSend) / 1e9, cpuSeconds, counter.photos(),
                    counter.perSecond((end - firstSend) / 1_000_000_000L));
        }
    }

    /** Counts the messages the bot delivers (text and photos), remembering when the first arrived. */
    private static final class DeliveryCounter implements BotApiStandIn.Observer {

        private long sends;
        private long photos;
        private long first = -1;
        private final List<Long> seconds = new ArrayList<>();

        @Override
        public synchronized void accepted(BotApiCall call) {
            String method = call.method();
            if (method.equals("sendMessage") || method.equals("sendPhoto") || method.equals("sendDocument")) {
                if (first < 0) {
                    first = System.nanoTime();
                }
                sends++;
                int second = (int) ((System.nanoTime() - first) / 1_000_000_000L);
                while (seconds.size() <= second) {
                    seconds.add(0L);
                }
                seconds.set(second, seconds.get(second) + 1);
                if (method.equals("sendPhoto")) {
                    photos++;
                }
                notifyAll();
            }
        }

        synchronized long awaitFirst(Duration timeout) throws InterruptedException {
            MonitorWait.until(this, () -> first >= 0, timeout, () -> "a first report; none was sent");
            return first;
        }

        /** Waits until {@code total} were sent or {@code timeout} passed, whichever comes first. */
        synchronized void awaitAtLeast(long total, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (sends < total) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized long sends() {
            return sends;
        }

        synchronized long photos() {
            return photos;
        }

        /** The counts of the first {@code whole} seconds. */
        synchronized List<Long> perSecond(long whole) {
            return List.copyOf(seconds.subList(0, (int) Math.min(whole, seconds.size())));
        }
    }

    private String report(Map<String, String> durability, String postgresVersion, Counts counts, Duration generated,
                          long reports, long queued, double queueSeconds, double queueCpuSeconds, GcLog gc,
                          Delivery delivery) {
        double fraction = delivery.perSecond() / rate;
        String durable = durability.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        StringBuilder out = new StringBuilder();
        out.append("## Weekly reports at platform scale\n\n");
        out.append(String.format(Locale.ROOT, "- Machine: %d cores (%s), %s; %s; %s%n", Machine.cores(),
                Machine.cpuModel(), Machine.memory(), Machine.jdk(), Machine.os()));
        out.append("- PostgreSQL ").append(postgresVersion).append(" (").append(durable).append(")\n");
        out.append(String.format(Locale.ROOT, "- Data: %,d learners, %,d activities over %d weeks, %,d parents, %,d "
                + "links (generated in %.1f s)%n", counts.learners(), counts.activities(), ReportsDataSet.WEEKS,
                counts.parents(), counts.links(), seconds(generated)));
        out.append("- Processes: `java ").append(String.join(" ", CHILD_HEAP))
                .append(" -jar mentorium-scheduler.jar trigger weekly-reports --queue-only`, then `mentorium-bot run` with ")
                .append("TELEGRAM_MAX_SENDS_PER_SECOND=").append(rate).append("; the Bot API stand-in in the ")
                .append("benchmark's JVM\n\n");
        out.append("| figure | value | aim | |\n|---|---|---|---|\n");
        out.append(String.format(Locale.ROOT, "| compose and queue all weekly reports | %.1f s (%,d reports, %,d "
                + "messages) | ≤ %.0f s | %s |%n", queueSeconds, reports, queued, QUEUE_AIM_SECONDS,
                queueSeconds <= QUEUE_AIM_SECONDS ? "met" : "missed"));
        out.append(String.format(Locale.ROOT, "| scheduler CPU time | %.1f s (%.2f ms per report) | | |%n",
                queueCpuSeconds, reports == 0 ? 0 : 1000 * queueCpuSeconds / reports));
        out.append(String.format(Locale.ROOT, "| scheduler heap | peak %.0f MB before GC, %.0f MB live after GC, of "
                + "512 MB | | |%n", gc.peakBeforeMb(), gc.peakAfterMb()));
        out.append(String.format(Locale.ROOT, "| delivery | %.0f messages/s over %.1f s (%,d sent, %,d photos) | ≥ "
                + "%.0f %% of %d/s | %s (%.1f %%) |%n", delivery.perSecond(), delivery.seconds(), delivery.messages(),
                delivery.photos(), 100 * DELIVERY_AIM, rate, fraction >= DELIVERY_AIM ? "met" : "missed",
                100 * fraction));
        out.append(String.format(Locale.ROOT, "| delivery after the first %d s (the JIT's warm-up) | %.0f messages/s "
                + "(%.1f %%) | | |%n", WARM_UP_SECONDS, delivery.steadyPerSecond(),
                100 * delivery.steadyPerSecond() / rate));
        out.append(String.format(Locale.ROOT, "| bot CPU while delivering | %.1f s (%.2f ms per message) | | |%n",
                delivery.cpuSeconds(), delivery.messages() == 0 ? 0 : 1000 * delivery.cpuSeconds()
                        / delivery.messages()));
        out.append("\nMessages accepted in each second from the first send: ").append(delivery.eachSecond().stream()
                .map(String::valueOf).collect(Collectors.joining(" "))).append('\n');
        return out.toString();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private List<String> java(Path jar) {
        List<String> java = new ArrayList<>(List.of(ChildProcess.javaCommand()));
        java.addAll(CHILD_HEAP);
        java.addAll(List.of("-jar", jar.toString()));
        return java;
    }

    private static List<String> concat(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    private Path schedulerJar() {
        Path jar = Optional.ofNullable(System.getProperty("benchmark.schedulerJar")).map(Path::of)
                .orElse(Path.of("runner-scheduler/target/mentorium-scheduler.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the scheduler's shaded jar was not found at " + jar
                    + "; build it with ./mvnw -pl runner-scheduler -am package -DskipTests");
        }
        progress.println("Scheduler jar: " + jar.toAbsolutePath().normalize());
        return jar.toAbsolutePath().normalize();
    }

    private static Connection connect(PostgresServer postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
    }

    private static Counts counts(PostgresServer postgres) throws SQLException {
        return new Counts(single(postgres, "SELECT count(*) FROM platform.learners"),
                single(postgres, "SELECT count(*) FROM platform.activities"),
                single(postgres, "SELECT count(*) FROM bot.parents"),
                single(postgres, "SELECT count(*) FROM bot.parent_learners"));
    }

    private static long single(PostgresServer postgres, String sql) throws SQLException {
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
