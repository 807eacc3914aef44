package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import io.mentorium.adapters.telegram.testing.TelegramUpdates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The crash test of ADR 0008 for conversations that change state. Parents register, link a child, change a setting
 * and look around the menu while {@code mentorium-bot run} (a child JVM) is SIGKILLed again and again at seeded random
 * moments: while updates are handed out or handled, while sends hang in flight, while Telegram answers normally, and
 * in the instant between Telegram accepting a message and the bot reading that answer. No reply may be lost; a reply
 * may be repeated only when Telegram accepted its first copy just before a kill (Telegram has no idempotency key); and
 * every flow must end in the state it asked for, applied once.
 *
 * <p>The seed is printed first; {@code -Dcrash.seed=<seed>} replays the same plan (kill modes, moments, scripts). The
 * moments are counted in traffic (the n-th accepted reply, the n-th delivered update) rather than in time wherever
 * possible, so that a replay on a slower machine kills at the same point of the conversation.
 */
@ExtendWith(BotLogsKeptOnFailure.class)
@Execution(ExecutionMode.CONCURRENT)
class CrashMidFlowTest {

    private static final int CHATS = 40;
    /** Replies every chat's script expects (see {@link ChatDriver#step}); each is a separate outbox row. */
    private static final int REPLIES_PER_CHAT = 20;
    private static final int UPDATES_PER_CHAT = 13;
    private static final Set<String> REPLY_METHODS = Set.of("sendMessage", "editMessageText", "answerCallbackQuery");
    /**
     * How long before a kill Telegram may have accepted a message that is then sent again: a sanity bound only, past
     * which a mark was not slow but lost. The exact condition is that the outbox still held the message as unsent when
     * the bot died (checked for every repeat); how long that lasts is the time the mark waits for a database
     * connection: well over a second on a loaded 2-core machine right after a restart, when resumed updates and resumed
     * sends all want one, with pauses on top. A tighter bound measures the machine, not the bot.
     */
    private static final Duration REPEAT_WINDOW = Duration.ofSeconds(30);
    /** No traffic for this long while work is outstanding means the bot is stuck (or lost something). */
    private static final Duration STALL = Duration.ofSeconds(40);
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    /** For the last replies to be marked sent once they have all arrived. */
    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** While sends are held, no further held call for this long means no chat has anything else to send. */
    private static final Duration HELD_QUIET = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum KillMode {
        /** Inside the stand-in, after Telegram accepted a reply and before the answer is written back. */
        AT_ACCEPT,
        /** As soon as the test sees the n-th accepted reply, Telegram answering normally. */
        AFTER_ACCEPT,
        /** Sends of some kinds hang unanswered; killed once a few of them are in flight. */
        WHILE_HELD,
        /** Inside the stand-in, while {@code getUpdates} hands out a batch. */
        ON_DELIVERY,
        /**
         * As soon as the test sees the n-th delivered update: the batch is being stored or handled. (A long poll the
         * previous, dead process left open also hands out updates: then the kill falls in the start-up instead.)
         */
        AFTER_DELIVERY,
        /** A seeded delay after the start: may land in start-up, in resuming, or anywhere in the traffic. */
        AFTER_DELAY
    }

    private record Family(String email, String code, String child, String learnerId) {

        String firstName() {
            return child.substring(0, child.indexOf(' '));
        }
    }

    private static final List<Family> FAMILIES = List.of(
            new Family("aziza.karimova@example.com", "481516", "Jasur Karimov", "demo-jasur"),
            new Family("rustam.karimov@example.com", "230411", "Malika Karimova", "demo-malika"),
            new Family("dilnoza.yusupova@example.com", "735102", "Timur Yusupov", "demo-timur"),
            new Family("dilnoza.yusupova@example.com", "640927", "Sevara Yusupova", "demo-sevara"),
            new Family("olga.petrova@example.com", "512384", "Anna Petrova", "demo-anna"),
            new Family("bekzod.toshmatov@example.com", "357246", "Nodira Toshmatova", "demo-nodira"));

    /** The preferences as stored: sorted kind names, sorted report names, quiet hours ("-" when off). */
    private record Preferences(String notifications, String reports, String quietStart, String quietEnd) {

        static final Preferences DEFAULTS = new Preferences("ACHIEVEMENT,MISSED_DAYS,RECOMMENDATION,REMINDER,SYSTEM",
                "MONTHLY,WEEKLY", "22:00:00", "08:00:00");

        String stored() {
            return notifications + "|" + reports + "|" + quietStart + "|" + quietEnd;
        }
    }

    /**
     * One settings change through the inline screens: open {@code section}, press {@code button} (which sets a wanted
     * state, so a press handled twice would still be visible as a second outbox row), and what the screens then show.
     */
    private record Change(String section, String screen, String button, String changedScreen, String changedMarkup,
                          String homeLine, Preferences after) {

        static Change of(Random random) {
            return switch (random.nextInt(3)) {
                case 0 -> {
                    String[][] kinds = {{"ACHIEVEMENT", "Achievements"}, {"MISSED_DAYS", "Missed study days"},
                            {"RECOMMENDATION", "Recommendations"}, {"REMINDER", "Reminders"}};
                    String[] kind = kinds[random.nextInt(kinds.length)];
                    String left = new TreeSet<>(List.of(Preferences.DEFAULTS.notifications().split(","))).stream()
                            .filter(name -> !name.equals(kind[0])).collect(Collectors.joining(","));
                    yield new Change("Notifications", "<b>Notifications</b>", kind[1], "<b>Notifications</b>",
                            "⬜ " + kind[1], "<b>Settings</b>", new Preferences(left, Preferences.DEFAULTS.reports(),
                            Preferences.DEFAULTS.quietStart(), Preferences.DEFAULTS.quietEnd()));
                }
                case 1 -> {
                    String[][] presets = {{"21:00–07:00", "21:00:00", "07:00:00"},
                            {"23:00–07:00", "23:00:00", "07:00:00"}, {"No quiet hours", "-", "-"}};
                    String[] preset = presets[random.nextInt(presets.length)];
                    String shown = preset[1].equals("-") ? "off" : preset[0];
                    yield new Change("Quiet hours", "<b>Quiet hours</b>: 22:00–08:00", preset[0],
                            "<b>Quiet hours</b>: " + shown, "✅ " + preset[0], "Quiet hours: " + shown,
                            new Preferences(Preferences.DEFAULTS.notifications(), Preferences.DEFAULTS.reports(),
                                    preset[1], preset[2]));
                }
                default -> {
                    boolean weekly = random.nextBoolean();
                    String label = weekly ? "Weekly report" : "Monthly report";
                    yield new Change("Reports", "<b>Reports</b>", label, "<b>Reports</b>", "⬜ " + label,
                            "Reports: " + (weekly ? "monthly" : "weekly"), new Preferences(
                            Preferences.DEFAULTS.notifications(), weekly ? "MONTHLY" : "WEEKLY",
                            Preferences.DEFAULTS.quietStart(), Preferences.DEFAULTS.quietEnd()));
                }
            };
        }
    }

    /** A reply Telegram accepted, in the order the stand-in accepted them. */
    private record Delivery(long chatId, String key, BotApiCall call) {
    }

    /** A reply a step expects. */
    private record Expect(String description, Predicate<BotApiCall> matches) {
    }

    /** What a chat sends next and what the bot must answer, in order. */
    private record Step(ObjectNode update, List<Expect> replies) {
    }

    private record Pressed(ObjectNode update) {

        Step expect(Expect... replies) {
            return new Step(update, List.of(replies));
        }
    }

    private interface AcceptedHook {
        void accepted(int count, BotApiCall call);
    }

    /** A kill, when the child was gone, and the replies the outbox still held as unsent at that point. */
    private record Kill(KillMode mode, String detail, Instant at, Set<String> unsent) {
    }

    @TempDir
    Path workDir;

    private BotApiStandIn telegram;
    private final Map<Long, ChatDriver> chats = new LinkedHashMap<>();
    private final Map<String, ChatDriver> chatOfCallback = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicLong lastTraffic = new AtomicLong(System.nanoTime());
    private final AtomicInteger enqueuedUpdates = new AtomicInteger();
    /** A kill placed inside the stand-in: it runs on the thread that saw the n-th accepted reply or delivery. */
    private volatile AcceptedHook acceptedHook = (n, call) -> { };
    private volatile IntConsumer deliveredHook = n -> { };
    /** The reply during whose acceptance the current cycle's AT_ACCEPT kill fell. */
    private volatile BotApiCall killedAtAccept;
    private final List<Instant> starts = Collections.synchronizedList(new ArrayList<>());
    private final List<Kill> kills = new ArrayList<>();
    private Starter starter;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    @Test
    void statefulFlowsSurviveRepeatedSigkillsWithoutLosingOrWronglyRepeatingAReply() throws Exception {
        long seed = Long.getLong("crash.seed", ThreadLocalRandom.current().nextLong());
        System.out.println("CrashMidFlowTest seed " + seed + " (replay with -Dcrash.seed=" + seed + ")");
        try {
            crashRepeatedly(new Random(seed));
        } catch (AssertionError | RuntimeException failure) {
            // The printed seed sits in a file nobody opens first; the failure is what gets read.
            throw new AssertionError("with -Dcrash.seed=" + seed + ": " + failure.getMessage(), failure);
        }
    }

    private void crashRepeatedly(Random random) throws Exception {
        int killCount = 6 + random.nextInt(5);

        TestDatabase.Database database = TestDatabase.freshDatabase();
        try (BotApiStandIn stand = BotApiStandIn.start()) {
            telegram = stand;
            Map<String, String> env = BotRunEndToEndTest.environment(telegram, database, workDir);
            // The global limit out of the way; the per-chat pace stays Telegram's, so replies also wait in the outbox.
            env.put("TELEGRAM_MAX_SENDS_PER_SECOND", "1000");
            BotRunEndToEndTest.migrateWithDemoData(env);

            for (int i = 0; i < CHATS; i++) {
                TelegramUpdates.Person person = TelegramUpdates.person(910_000 + i, "en");
                chats.put(person.chatId(), new ChatDriver(person, FAMILIES.get(random.nextInt(FAMILIES.size())),
                        Change.of(random)));
            }
            // Chats join over the first half of the traffic, so that kills find them at every step of their script.
            starter = new Starter(random);
            telegram.observe(new Traffic());
            starter.startDue(0);

            // Every mode at least once (there are at least as many kills as modes), in a seeded order, then any.
            List<KillMode> modes = new ArrayList<>(List.of(KillMode.values()));
            Collections.shuffle(modes, random);
            while (modes.size() < killCount) {
                modes.add(KillMode.values()[random.nextInt(KillMode.values().length)]);
            }
            for (int cycle = 0; cycle < killCount && !stalled(); cycle++) {
                KillMode mode = modes.get(cycle);
                // Kill c lands somewhere in the c-th slice of the traffic: every stage of the flows gets its turn.
                double progress = (cycle + random.nextDouble()) / (killCount + 1);
                try (RestartExactlyOnceTest.Child child = start(env, cycle)) {
                    String detail = killAt(child, mode, progress, random);
                    Instant at = Instant.now();
                    Kill kill = new Kill(mode, detail, at, unsent(database));
                    kills.add(kill);
                    System.out.printf("kill %d: %s %s%n", cycle + 1, mode, detail);
                    BotApiCall inWindow = killedAtAccept;
                    killedAtAccept = null;
                    if (inWindow != null) {
                        // The test's own premise: a kill placed there leaves a reply Telegram has and the bot does
                        // not know it sent, so the next run must send it again.
                        long chat = inWindow.has("chat_id") ? inWindow.longParam("chat_id")
                                : chatOfCallback.get(inWindow.string("callback_query_id")).chatId();
                        assertThat(kill.unsent()).as("outbox rows unsent after a kill inside the stand-in's answer")
                                .contains(rowKey(chat, inWindow));
                    }
                } finally {
                    acceptedHook = (n, call) -> { };
                    deliveredHook = n -> { };
                    telegram.dropHeld();
                }
            }

            if (stalled()) {
                // More kills would only wait out the same silence: let one last run resume what it can.
                System.out.println("traffic stopped with work outstanding; no further kills");
            }
            try (RestartExactlyOnceTest.Child last = start(env, kills.size())) {
                awaitQuietly("every script finished", this::allDone, last, false);
                // Every reply has arrived; what may be left is the bot recording the last ones. Should rows stay
                // pending, the outbox and inbox verdicts below say which.
                try {
                    Eventually.until("nothing pending", () -> pending(database) == 0, SETTLE);
                } catch (AssertionError stillPending) {
                    System.out.println(stillPending.getMessage());
                }
                last.stop();
            }

            report();
            assertThat(problems).as("failures while driving the chats").isEmpty();
            assertConversations();
            assertRepeatsOnlyAfterKills();
            assertDatabase(database);
            assertThat(telegram.unconfirmedUpdateIds()).isEmpty();
        }
    }

    // --- the child process and its kills ------------------------------------------------------------------------

    private RestartExactlyOnceTest.Child start(Map<String, String> env, int run) throws Exception {
        // Recorded before the process exists: every request of this run arrives after it.
        starts.add(Instant.now());
        lastTraffic.set(System.nanoTime());
        return RestartExactlyOnceTest.Child.start(env, workDir.resolve("run-" + run + ".log"));
    }

    /** Waits for the mode's moment and kills; returns what the moment was. */
    private String killAt(RestartExactlyOnceTest.Child child, KillMode mode, double progress, Random random)
            throws Exception {
        int acceptedTarget = Math.max(accepted.get() + 1, (int) (progress * CHATS * REPLIES_PER_CHAT));
        int deliveredTarget = Math.max(delivered.get() + 1, (int) (progress * CHATS * UPDATES_PER_CHAT));
        String detail;
        boolean reached;
        switch (mode) {
            case AT_ACCEPT -> {
                AtomicBoolean killed = new AtomicBoolean();
                acceptedHook = (n, call) -> {
                    if (n >= acceptedTarget && killed.compareAndSet(false, true)) {
                        killedAtAccept = call;
                        // Blocks this stand-in thread until the bot is gone: it never reads Telegram's answer.
                        kill(child);
                    }
                };
                reached = awaitQuietly("reply " + acceptedTarget + " accepted", killed::get, child);
                detail = "inside the stand-in at accepted reply " + acceptedTarget;
            }
            case ON_DELIVERY -> {
                AtomicBoolean killed = new AtomicBoolean();
                deliveredHook = n -> {
                    if (n >= deliveredTarget && killed.compareAndSet(false, true)) {
                        // Only the signal: this runs under the stand-in's update lock.
                        child.process().destroyForcibly();
                    }
                };
                reached = awaitQuietly("update " + deliveredTarget + " delivered", killed::get, child);
                detail = "inside getUpdates at delivered update " + deliveredTarget;
            }
            case AFTER_ACCEPT -> {
                reached = awaitQuietly("reply " + acceptedTarget + " accepted",
                        () -> accepted.get() >= acceptedTarget, child);
                detail = "after accepted reply " + acceptedTarget;
            }
            case AFTER_DELIVERY -> {
                reached = awaitQuietly("update " + deliveredTarget + " delivered",
                        () -> delivered.get() >= deliveredTarget, child);
                detail = "after delivered update " + deliveredTarget;
            }
            case WHILE_HELD -> {
                reached = awaitQuietly("reply " + acceptedTarget + " accepted", () -> accepted.get() >= acceptedTarget,
                        child);
                List<String> held = new ArrayList<>(REPLY_METHODS.stream().sorted().filter(m -> random.nextBoolean())
                        .toList());
                if (held.isEmpty()) {
                    held.add("sendMessage");
                }
                int before = calls(held);
                held.forEach(telegram::hold);
                int inFlight = 1 + random.nextInt(4);
                // Fewer may come (every chat left is waiting on a held reply): then the kill falls once none has
                // come for a while.
                long[] last = {before, System.nanoTime()};
                awaitQuietly(inFlight + " held calls", () -> {
                    int now = calls(held);
                    if (now != last[0]) {
                        last[0] = now;
                        last[1] = System.nanoTime();
                    }
                    return now - before >= inFlight || System.nanoTime() - last[1] > HELD_QUIET.toNanos();
                }, child);
                detail = "after accepted reply " + acceptedTarget + " with " + (calls(held) - before) + " "
                        + held + " in flight";
            }
            case AFTER_DELAY -> {
                long delayMillis = random.nextInt(3000);
                long due = System.nanoTime() + Duration.ofMillis(delayMillis).toNanos();
                reached = awaitQuietly(delayMillis + " ms", () -> System.nanoTime() >= due, child);
                detail = delayMillis + " ms after the start, at accepted reply " + accepted.get();
            }
            default -> throw new IllegalStateException(mode.name());
        }
        kill(child);
        return reached ? detail : detail + ", not reached: killed when " + (allDone() ? "all scripts were done"
                : "traffic stopped");
    }

    private static void kill(RestartExactlyOnceTest.Child child) {
        try {
            child.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int calls(List<String> methods) {
        return methods.stream().mapToInt(method -> telegram.callsTo(method).size()).sum();
    }

    /**
     * Waits for {@code condition}, or until every script is done, or until traffic has stopped for {@link #STALL}
     * (what is stuck is reported by the assertions that follow). Fails at once if the bot exits by itself.
     */
    private boolean awaitQuietly(String what, BooleanSupplier condition, RestartExactlyOnceTest.Child child)
            throws Exception {
        return awaitQuietly(what, condition, child, true);
    }

    /** @return whether {@code condition} holds (rather than the scripts being done or the traffic stalled) */
    private boolean awaitQuietly(String what, BooleanSupplier condition, RestartExactlyOnceTest.Child child,
                                 boolean orAllDone) throws Exception {
        boolean[] exited = new boolean[1];
        Eventually.until(what, () -> {
            if (!child.process().isAlive()) {
                exited[0] = true;
                return true;
            }
            return condition.getAsBoolean() || orAllDone && allDone() || stalled();
        }, DEADLINE);
        boolean held = condition.getAsBoolean();
        if (exited[0] && !held) {
            throw new AssertionError("mentorium-bot exited by itself while waiting for " + what + "; its log:\n"
                    + Files.readString(child.log()));
        }
        return held;
    }

    // --- traffic ------------------------------------------------------------------------------------------------

    /** Sees every accepted reply and every delivered batch; drives the chats forward and places in-stand-in kills. */
    private final class Traffic implements BotApiStandIn.Observer {

        @Override
        public void delivering(List<ObjectNode> updates) {
            lastTraffic.set(System.nanoTime());
            deliveredHook.accept(delivered.addAndGet(updates.size()));
        }

        @Override
        public void accepted(BotApiCall call) {
            if (!REPLY_METHODS.contains(call.method())) {
                return;
            }
            lastTraffic.set(System.nanoTime());
            try {
                ChatDriver chat = call.has("chat_id") ? chats.get(call.longParam("chat_id"))
                        : chatOfCallback.get(call.string("callback_query_id"));
                if (chat == null) {
                    throw new IllegalStateException("a reply to nobody: " + call);
                }
                chat.accepted(call);
            } catch (RuntimeException e) {
                // Thrown here it would only end the stand-in's exchange: keep it for the verdict.
                problems.add(e.toString());
            }
            int n = accepted.incrementAndGet();
            starter.startDue(n);
            acceptedHook.accepted(n, call);
        }
    }

    /** Starts chats when the traffic reaches their (seeded) starting point. */
    private final class Starter {

        private final TreeMap<Integer, List<ChatDriver>> due = new TreeMap<>();

        Starter(Random random) {
            int i = 0;
            for (ChatDriver chat : chats.values()) {
                int at = i++ < CHATS / 3 ? 0 : random.nextInt(CHATS * REPLIES_PER_CHAT / 2);
                due.computeIfAbsent(at, key -> new ArrayList<>()).add(chat);
            }
        }

        synchronized void startDue(int acceptedSoFar) {
            while (!due.isEmpty() && due.firstKey() <= acceptedSoFar) {
                due.pollFirstEntry().getValue().forEach(ChatDriver::begin);
            }
        }
    }

    private boolean stalled() {
        return !allDone() && System.nanoTime() - lastTraffic.get() > STALL.toNanos();
    }

    private boolean allDone() {
        return chats.values().stream().allMatch(ChatDriver::done);
    }

    /**
     * One parent working through the script: each update is enqueued once the bot's replies to the previous one have
     * all been accepted (a button needs the message it sits on), whichever run of the bot sent them.
     */
    private final class ChatDriver {

        private final TelegramUpdates.Person person;
        private final Family family;
        private final Change change;
        private int step = -1;
        private final List<Expect> outstanding = new ArrayList<>();
        private String pressedCallback;
        private long pressedMessage;
        private final Set<String> seen = new HashSet<>();
        private final List<String> matched = new ArrayList<>();
        private final List<String> unexpected = new ArrayList<>();
        /** The latest message showing inline buttons, and those buttons. */
        private long inlineMessage;
        private Map<?, ?> inlineMarkup = Map.of();
        /** The latest reply keyboard. */
        private Map<?, ?> replyKeyboard = Map.of();

        ChatDriver(TelegramUpdates.Person person, Family family, Change change) {
            this.person = person;
            this.family = family;
            this.change = change;
        }

        long chatId() {
            return person.chatId();
        }

        synchronized boolean done() {
            return step == UPDATES_PER_CHAT;
        }

        synchronized void begin() {
            if (step < 0) {
                advance();
            }
        }

        synchronized void accepted(BotApiCall call) {
            String key = key(call);
            deliveries.add(new Delivery(chatId(), key, call));
            if (!seen.add(key)) {
                // A repeat: judged against the kills at the end.
                return;
            }
            if (outstanding.isEmpty() || !outstanding.getFirst().matches().test(call)) {
                unexpected.add("step " + step + ", expecting " + (outstanding.isEmpty() ? "nothing"
                        : outstanding.getFirst().description()) + ": " + call.method() + " " + call.params());
                return;
            }
            matched.add(outstanding.removeFirst().description());
            markup(call).ifPresent(markup -> {
                if (markup.containsKey("inline_keyboard")) {
                    inlineMessage = call.method().equals("editMessageText") ? call.longParam("message_id")
                            : messageIdOf(call);
                    inlineMarkup = markup;
                } else if (markup.containsKey("keyboard")) {
                    replyKeyboard = markup;
                }
            });
            if (outstanding.isEmpty()) {
                advance();
            }
        }

        private void advance() {
            step++;
            if (step == UPDATES_PER_CHAT) {
                return;
            }
            Step next = step(step);
            outstanding.addAll(next.replies());
            if (next.update().has("callback_query")) {
                chatOfCallback.put(pressedCallback, this);
            }
            enqueuedUpdates.incrementAndGet();
            telegram.enqueueUpdates(next.update());
        }

        /** The script; replies come in the order the bot composes them (a press is answered first). */
        private Step step(int index) {
            Family f = family;
            return switch (index) {
                case 0 -> new Step(person.command("start"), List.of(send("Please choose your language")));
                case 1 -> press("English").expect(answer(false), edit("Language: <b>English</b>"),
                        send("guardian e-mail"));
                case 2 -> new Step(person.text(f.email()), List.of(send("Now send the link code")));
                case 3 -> new Step(person.text(f.code()), List.of(send("Is this your child?", f.child())));
                case 4 -> press("Yes").expect(answer(false), edit("Is this your child?", f.child()),
                        send("your child is linked", f.child()));
                case 5 -> new Step(person.text(menuKey("Settings")), List.of(send("<b>Settings</b>")));
                case 6 -> press(change.section()).expect(answer(false), edit(change.screen()));
                case 7 -> press(change.button()).expect(answer(true),
                        edit(change.changedScreen(), change.changedMarkup()));
                case 8 -> press("Back").expect(answer(false), edit("<b>Settings</b>", change.homeLine()));
                case 9 -> new Step(person.text(menuKey("My children")), List.of(send("Your children", f.child())));
                case 10 -> new Step(person.text(menuKey("Progress report")), List.of(report()));
                case 11 -> new Step(person.text(menuKey("Help")), List.of(send("What I can do")));
                case 12 -> new Step(person.command("menu"), List.of(send("Main menu")));
                default -> throw new IllegalStateException("no step " + index);
            };
        }

        /** Presses a button on the latest message showing one; the expectations built after it refer to the press. */
        private Pressed press(String label) {
            String data = buttonData(label);
            pressedMessage = inlineMessage;
            ObjectNode update = person.pressed(pressedMessage, data);
            pressedCallback = update.get("callback_query").get("id").asText();
            return new Pressed(update);
        }

        private Expect send(String... fragments) {
            return new Expect("sendMessage " + List.of(fragments), call -> call.method().equals("sendMessage")
                    && containsAll(call, fragments));
        }

        private Expect edit(String... fragments) {
            long message = pressedMessage;
            return new Expect("editMessageText of " + message + " " + List.of(fragments),
                    call -> call.method().equals("editMessageText") && call.longParam("message_id") == message
                            && containsAll(call, fragments));
        }

        private Expect answer(boolean saved) {
            String id = pressedCallback;
            return new Expect("answerCallbackQuery " + id + (saved ? " Saved" : ""),
                    call -> call.method().equals("answerCallbackQuery") && call.string("callback_query_id").equals(id)
                            && (!saved || call.has("text") && call.string("text").equals("Saved")));
        }

        /** This week's report, or one of the notices the platform's calendar or state may call for instead. */
        private Expect report() {
            return new Expect("sendMessage report on " + family.firstName(), call -> call.method().equals("sendMessage")
                    && (call.string("text").contains(family.firstName())
                    || call.string("text").contains("report will appear soon")
                    || call.string("text").contains("not available on the platform")));
        }

        private boolean containsAll(BotApiCall call, String... fragments) {
            // The buttons count as shown text: a toggled setting shows only in its button's label.
            String shown = call.string("text") + markup(call).map(Object::toString).orElse("");
            for (String fragment : fragments) {
                if (!shown.contains(fragment)) {
                    return false;
                }
            }
            return true;
        }

        private String buttonData(String label) {
            if (inlineMarkup.get("inline_keyboard") instanceof List<?> rows) {
                for (Object row : rows) {
                    for (Object key : (List<?>) row) {
                        Map<?, ?> button = (Map<?, ?>) key;
                        if (String.valueOf(button.get("text")).contains(label)) {
                            return String.valueOf(button.get("callback_data"));
                        }
                    }
                }
            }
            throw new IllegalStateException("no button \"" + label + "\" in chat " + chatId() + ": " + inlineMarkup);
        }

        private String menuKey(String label) {
            if (replyKeyboard.get("keyboard") instanceof List<?> rows) {
                for (Object row : rows) {
                    for (Object key : (List<?>) row) {
                        String text = key instanceof Map<?, ?> map ? String.valueOf(map.get("text"))
                                : String.valueOf(key);
                        if (text.contains(label)) {
                            return text;
                        }
                    }
                }
            }
            throw new IllegalStateException("no menu key \"" + label + "\" in chat " + chatId() + ": " + replyKeyboard);
        }

        private long messageIdOf(BotApiCall call) {
            // Accepted means the stand-in already holds the message.
            return telegram.sentMessages(chatId()).stream().filter(message -> message.call().equals(call))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no message for " + call)).messageId();
        }

        synchronized String status() {
            return "chat " + chatId() + " (" + family.child() + ", " + change.section() + "/" + change.button()
                    + ") at step " + step + " waiting for " + outstanding.stream().map(Expect::description).toList()
                    + (unexpected.isEmpty() ? "" : "; unexpected: " + unexpected);
        }
    }

    /** What makes two deliveries the same reply: a repeat sends the very same outbox row again. */
    private static String key(BotApiCall call) {
        String markup = markup(call).map(CrashMidFlowTest::json).orElse("");
        return switch (call.method()) {
            case "answerCallbackQuery" -> "answer " + call.string("callback_query_id");
            case "editMessageText" -> "edit " + call.longParam("message_id") + " " + call.string("text") + " " + markup;
            default -> "send " + call.string("text") + " " + markup;
        };
    }

    private static Optional<Map<?, ?>> markup(BotApiCall call) {
        Object markup = call.param("reply_markup").orElse(null);
        if (markup instanceof String text) {
            try {
                markup = JSON.readValue(text, Map.class);
            } catch (Exception e) {
                throw new IllegalStateException("unreadable reply_markup " + text, e);
            }
        }
        return markup instanceof Map<?, ?> map ? Optional.of(map) : Optional.empty();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- verdicts -----------------------------------------------------------------------------------------------

    /** The run of the bot that sent a request: the last one started before it arrived. */
    private int runOf(BotApiCall call) {
        int run = -1;
        synchronized (starts) {
            for (Instant start : starts) {
                if (!start.isAfter(call.at())) {
                    run++;
                }
            }
        }
        return run;
    }

    private void report() {
        Map<Integer, Integer> repeatsByRun = new TreeMap<>();
        Map<String, Integer> copies = new HashMap<>();
        List<Delivery> all;
        synchronized (deliveries) {
            all = List.copyOf(deliveries);
        }
        for (Delivery delivery : all) {
            if (copies.merge(delivery.chatId() + " " + delivery.key(), 1, Integer::sum) > 1) {
                repeatsByRun.merge(runOf(delivery.call()), 1, Integer::sum);
            }
        }
        System.out.printf("%d chats, %d kills, %d replies accepted (%d expected), %d updates enqueued%n", CHATS,
                kills.size(), all.size(), CHATS * REPLIES_PER_CHAT, enqueuedUpdates.get());
        List<BotApiCall> polls = telegram.callsTo("getUpdates");
        for (int run = 0; run <= kills.size(); run++) {
            Instant start = starts.get(run);
            Instant killed = run < kills.size() ? kills.get(run).at() : Instant.MAX;
            // From the start of the process to its first long poll: what a restart costs before anything moves.
            String polling = polls.stream().map(BotApiCall::at)
                    .filter(at -> at.isAfter(start) && at.isBefore(killed)).findFirst()
                    .map(at -> Duration.between(start, at).toMillis() + " ms").orElse("never");
            String end = run < kills.size() ? "killed after " + Duration.between(start, kills.get(run).at()).toMillis()
                    + " ms (kill " + (run + 1) + ", " + kills.get(run).mode() + " " + kills.get(run).detail() + ")"
                    : "ran to the end";
            System.out.printf("run %d: polling after %s, sent %d replies again, %s%n", run, polling,
                    repeatsByRun.getOrDefault(run, 0), end);
        }
    }

    private void assertConversations() {
        List<String> stuck = chats.values().stream().filter(chat -> !chat.done() || !chat.unexpected.isEmpty())
                .map(ChatDriver::status).toList();
        assertThat(stuck).as("chats that did not get exactly their script's replies").isEmpty();
        for (ChatDriver chat : chats.values()) {
            assertThat(chat.matched).as("chat %d", chat.chatId()).hasSize(REPLIES_PER_CHAT);
        }
    }

    /**
     * Every repeated reply: its previous copy was accepted in an earlier run, shortly before that run was killed, and
     * still unsent in the outbox when it was (the run never learned of it); never twice within one run.
     */
    private void assertRepeatsOnlyAfterKills() {
        record Gap(long millis, String what) {
        }
        List<Gap> gaps = new ArrayList<>();
        Map<String, List<Delivery>> copies = new LinkedHashMap<>();
        synchronized (deliveries) {
            deliveries.forEach(delivery -> copies.computeIfAbsent(delivery.chatId() + " " + delivery.key(),
                    key -> new ArrayList<>()).add(delivery));
        }
        List<String> wrong = new ArrayList<>();
        copies.values().stream().filter(list -> list.size() > 1).forEach(list -> {
            for (int i = 1; i < list.size(); i++) {
                Delivery previous = list.get(i - 1);
                Delivery repeat = list.get(i);
                int previousRun = runOf(previous.call());
                int repeatRun = runOf(repeat.call());
                String what = "chat " + repeat.chatId() + " got " + repeat.call().method() + " "
                        + repeat.call().params() + " in run " + repeatRun + ", already accepted in run " + previousRun
                        + " at " + previous.call().at();
                if (repeatRun <= previousRun) {
                    wrong.add(what + ": repeated within one run");
                } else if (previousRun >= kills.size()) {
                    wrong.add(what + ": that run was never killed");
                } else {
                    Kill kill = kills.get(previousRun);
                    Duration beforeKill = Duration.between(previous.call().at(), kill.at());
                    gaps.add(new Gap(beforeKill.toMillis(), previous.call().method() + " before kill "
                            + (previousRun + 1)));
                    if (beforeKill.compareTo(REPEAT_WINDOW) > 0) {
                        wrong.add(what + ": " + beforeKill.toMillis() + " ms before kill " + (previousRun + 1) + " ("
                                + kill.mode() + "), long after it must have been marked sent");
                    }
                    // The exact form of "Telegram accepted it just before the kill": the bot had not recorded it.
                    if (!kill.unsent().contains(rowKey(repeat.chatId(), previous.call()))) {
                        wrong.add(what + ": already marked sent when kill " + (previousRun + 1) + " (" + kill.mode()
                                + ") fell");
                    }
                }
            }
        });
        System.out.println("longest times from Telegram accepting a reply to the kill, among repeated replies: "
                + gaps.stream().sorted(Comparator.comparingLong(Gap::millis).reversed()).limit(5)
                .map(gap -> gap.millis() + " ms " + gap.what()).toList());
        assertThat(wrong).as("replies repeated without a kill just after Telegram accepted them").isEmpty();
    }

    private void assertDatabase(TestDatabase.Database database) {
        Map<Long, String> preferences = new TreeMap<>();
        Map<Long, String> children = new TreeMap<>();
        Map<Long, String> attempts = new TreeMap<>();
        Map<Long, String> linkedEvents = new TreeMap<>();
        Map<Long, String> outbox = new TreeMap<>();
        for (ChatDriver chat : chats.values()) {
            preferences.put(chat.chatId(), "en|" + chat.change.after().stored());
            children.put(chat.chatId(), chat.family.learnerId());
            attempts.put(chat.chatId(), "LINKED");
            linkedEvents.put(chat.chatId(), "1");
            outbox.put(chat.chatId(), REPLIES_PER_CHAT + " sent");
        }
        assertThat(rows(database, "SELECT telegram_user_id, language || '|'"
                + " || (SELECT string_agg(k, ',' ORDER BY k) FROM unnest(enabled_notifications) k) || '|'"
                + " || (SELECT string_agg(k, ',' ORDER BY k) FROM unnest(report_kinds) k) || '|'"
                + " || coalesce(quiet_start::text, '-') || '|' || coalesce(quiet_end::text, '-') FROM bot.parents"))
                .as("language and settings of every parent, each change applied once").isEqualTo(preferences);
        assertThat(rows(database, "SELECT parent_id, string_agg(learner_id, ',') FROM bot.parent_learners"
                + " GROUP BY parent_id")).as("linked children").isEqualTo(children);
        assertThat(rows(database, "SELECT parent_id, string_agg(outcome, ',' ORDER BY id) FROM bot.link_attempts"
                + " GROUP BY parent_id")).as("link attempts: one link each, nothing rejected").isEqualTo(attempts);
        assertThat(rows(database, "SELECT actor_id, count(*)::text FROM bot.event_log WHERE type = 'learner.linked'"
                + " GROUP BY actor_id")).as("learner.linked events").isEqualTo(linkedEvents);
        assertThat(rows(database, "SELECT chat_id, step FROM bot.conversations"))
                .as("flows left unfinished").isEmpty();
        assertThat(rows(database, "SELECT chat_id, count(*) || ' ' || CASE WHEN bool_and(state = 1) THEN 'sent'"
                + " ELSE 'NOT ALL SENT' END FROM bot.outbox_messages GROUP BY chat_id"))
                .as("replies queued per chat: each update handled once, every reply sent").isEqualTo(outbox);
        assertThat(rows(database, "SELECT state, count(*)::text FROM bot.inbox_updates GROUP BY state"))
                .as("stored updates by state").isEqualTo(Map.of(1L, String.valueOf(enqueuedUpdates.get())));
        // Where the schema has a place for updates set aside, none of these ordinary ones may end up there.
        if (rows(database, "SELECT 0, to_regclass('bot.dead_letters')::text").get(0L) != null) {
            assertThat(rows(database, "SELECT update_id, stage || ': ' || reason FROM bot.dead_letters"))
                    .as("updates set aside").isEmpty();
        }
    }

    /** Replies in the outbox not marked sent, keyed as {@link #rowKey}. */
    private static Set<String> unsent(TestDatabase.Database database) {
        Set<String> keys = new HashSet<>();
        // The cast reads the payload whether the column is jsonb or JSON text with escaped non-ASCII characters.
        query(database, "SELECT chat_id || ' ' || CASE kind"
                + " WHEN 'answer_callback' THEN 'answer ' || (payload::jsonb->>'callbackQueryId')"
                + " WHEN 'edit_text' THEN 'edit ' || (payload::jsonb->>'messageId') || ' ' || (payload::jsonb->>'text')"
                + " ELSE 'send ' || (payload::jsonb->>'text') END FROM bot.outbox_messages WHERE state = 0",
                result -> keys.add(result.getString(1)));
        return keys;
    }

    /** An outbox row as a delivery shows it (the keyboard left out: the row stores it in its own shape). */
    private static String rowKey(long chatId, BotApiCall call) {
        return chatId + " " + switch (call.method()) {
            case "answerCallbackQuery" -> "answer " + call.string("callback_query_id");
            case "editMessageText" -> "edit " + call.longParam("message_id") + " " + call.string("text");
            default -> "send " + call.string("text");
        };
    }

    private static long pending(TestDatabase.Database database) {
        Map<Long, String> count = rows(database, "SELECT 0, ((SELECT count(*) FROM bot.inbox_updates WHERE state = 0)"
                + " + (SELECT count(*) FROM bot.outbox_messages WHERE state = 0))::text");
        return Long.parseLong(count.get(0L));
    }

    /** The first column (a number) to the second (as text). */
    private static Map<Long, String> rows(TestDatabase.Database database, String sql) {
        Map<Long, String> rows = new TreeMap<>();
        query(database, sql, result -> rows.put(result.getLong(1), result.getString(2)));
        return rows;
    }

    private interface Row {
        void read(ResultSet result) throws SQLException;
    }

    private static void query(TestDatabase.Database database, String sql, Row row) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password()); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                row.read(result);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
