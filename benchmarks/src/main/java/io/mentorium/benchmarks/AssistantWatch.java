package io.mentorium.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the Bot API stand-in during the assistant benchmark's phases. For the menu users, as {@link ReplyClock}: each
 * reply is timed from the {@code getUpdates} answer that handed out the oldest unanswered update of its chat. For the
 * askers: the question's hand-out, each draft ({@code sendMessageDraft}) and edit, and the first message after the
 * question — the final answer, told apart by {@link #ANSWER_MARK} from a fallback or an apology.
 *
 * <p>Install it only once the bot is idle; the sets of chats are fixed.
 */
final class AssistantWatch implements BotApiStandIn.Observer {

    /** How every answer of the stand-in model that used a tool result begins. */
    static final String ANSWER_MARK = "According to the school's records";

    private final Set<Long> askers;
    private final Set<Long> menuUsers;
    private final Map<Long, Deque<Long>> menuDelivered = new ConcurrentHashMap<>();
    private final Set<Long> deliveredIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong unmatched = new AtomicLong();
    private volatile Phase phase;

    AssistantWatch(Set<Long> askers, Set<Long> menuUsers) {
        // HashSets: Set.copyOf's open addressing probes long runs for consecutive chat ids, a hot spot of the host.
        this.askers = new HashSet<>(askers);
        this.menuUsers = new HashSet<>(menuUsers);
    }

    /** Starts a phase that expects {@code questions} answers; the previous phase ends. */
    Phase begin(int questions) {
        Phase next = new Phase(questions);
        phase = next;
        return next;
    }

    /** Messages to a watched chat that no update or question explains. */
    long unmatched() {
        return unmatched.get();
    }

    @Override
    public void delivering(List<ObjectNode> updates) {
        long now = System.nanoTime();
        Phase current = phase;
        for (ObjectNode update : updates) {
            if (!deliveredIds.add(update.path("update_id").asLong())) {
                continue;
            }
            long chat = chatOf(update);
            if (menuUsers.contains(chat)) {
                Deque<Long> line = menuDelivered.computeIfAbsent(chat, id -> new ArrayDeque<>());
                synchronized (line) {
                    line.addLast(now);
                }
            } else if (askers.contains(chat) && current != null) {
                current.asked(chat, now);
            }
        }
    }

    @Override
    public void called(BotApiCall call) {
        if (!call.has("chat_id")) {
            return;
        }
        long now = System.nanoTime();
        long chat;
        try {
            chat = call.longParam("chat_id");
        } catch (RuntimeException e) {
            return;
        }
        Phase current = phase;
        switch (call.method()) {
            case "sendMessage" -> {
                if (menuUsers.contains(chat)) {
                    Deque<Long> line = menuDelivered.get(chat);
                    Long deliveredAt = null;
                    if (line != null) {
                        synchronized (line) {
                            deliveredAt = line.pollFirst();
                        }
                    }
                    if (deliveredAt == null || current == null) {
                        unmatched.incrementAndGet();
                    } else {
                        current.menuReply(now - deliveredAt, now);
                    }
                } else if (askers.contains(chat)) {
                    if (current == null || !current.answered(chat, now, call.string("text"))) {
                        unmatched.incrementAndGet();
                    }
                }
            }
            case "sendMessageDraft" -> {
                if (askers.contains(chat) && current != null) {
                    current.draft(chat, now);
                }
            }
            case "editMessageText" -> {
                if (askers.contains(chat) && current != null) {
                    current.edited();
                }
            }
            default -> {
            }
        }
    }

    private static long chatOf(ObjectNode update) {
        JsonNode message = update.has("callback_query") ? update.path("callback_query").path("message")
                : update.path("message");
        return message.path("chat").path("id").asLong();
    }

    /** One phase: the baseline (no questions) or a wave. */
    static final class Phase {

        private final int questions;
        private final Map<Long, Long> askedAt = new HashMap<>();
        private final Map<Long, Long> answeredAt = new HashMap<>();
        private final Map<Long, List<Long>> drafts = new HashMap<>();
        private final List<Long> answerLatencies = new ArrayList<>();
        private final List<Long> menuLatencies = new ArrayList<>();
        /** When each menu reply arrived (System.nanoTime), in the order of {@link #menuLatencies}. */
        private final List<Long> menuReplyTimes = new ArrayList<>();
        private int grounded;
        private int otherAnswers;
        private int edits;
        private final List<String> otherSamples = new ArrayList<>();
        private String aborted;
        /** The menu replies {@link #awaitMenuReplies} waits for: only reaching it wakes the waiter. */
        private int menuRepliesAwaited = Integer.MAX_VALUE;

        private Phase(int questions) {
            this.questions = questions;
        }

        private synchronized void asked(long chat, long at) {
            askedAt.putIfAbsent(chat, at);
        }

        private synchronized boolean answered(long chat, long at, String text) {
            Long asked = askedAt.get(chat);
            if (asked == null || answeredAt.containsKey(chat)) {
                return false;
            }
            answeredAt.put(chat, at);
            answerLatencies.add(at - asked);
            if (text.contains(ANSWER_MARK)) {
                grounded++;
            } else {
                otherAnswers++;
                if (otherSamples.size() < 3) {
                    otherSamples.add(text.length() <= 160 ? text : text.substring(0, 160) + "…");
                }
            }
            // The waiter is woken when the last answer comes, not at each: every wake-up contended for this monitor
            // with the stand-in's threads recording drafts and replies.
            if (answeredAt.size() >= questions) {
                notifyAll();
            }
            return true;
        }

        private synchronized void draft(long chat, long at) {
            drafts.computeIfAbsent(chat, id -> new ArrayList<>()).add(at);
        }

        private synchronized void edited() {
            edits++;
        }

        private synchronized void menuReply(long latency, long at) {
            menuReplyTimes.add(at);
            menuLatencies.add(latency);
            if (menuLatencies.size() >= menuRepliesAwaited) {
                notifyAll();
            }
        }

        /** Ends {@link #awaitAnswers} early: the answers will not come. */
        synchronized void abort(String reason) {
            aborted = reason;
            notifyAll();
        }

        /**
         * Waits until every question of the phase has had its final message.
         *
         * @throws IllegalStateException on timeout or {@link #abort}
         */
        synchronized void awaitAnswers(Duration timeout) throws InterruptedException {
            MonitorWait.until(this, () -> answeredAt.size() >= questions || aborted != null, timeout,
                    () -> questions + " answers; " + answeredAt.size() + " arrived (" + askedAt.size()
                            + " questions handed out)");
            if (aborted != null) {
                throw new IllegalStateException(aborted + "; " + answeredAt.size() + " of " + questions + " answered");
            }
        }

        /** Waits until {@code replies} menu replies have arrived in this phase. */
        synchronized void awaitMenuReplies(int replies, Duration timeout) throws InterruptedException {
            menuRepliesAwaited = replies;
            MonitorWait.until(this, () -> menuLatencies.size() >= replies, timeout,
                    () -> replies + " menu replies; " + menuLatencies.size() + " arrived");
        }

        synchronized int answers() {
            return answeredAt.size();
        }

        synchronized int grounded() {
            return grounded;
        }

        synchronized int otherAnswers() {
            return otherAnswers;
        }

        synchronized List<String> otherSamples() {
            return List.copyOf(otherSamples);
        }

        synchronized int edits() {
            return edits;
        }

        synchronized long[] answerLatencies() {
            return answerLatencies.stream().mapToLong(Long::longValue).toArray();
        }

        /** When each question of the phase was handed out (System.nanoTime). */
        synchronized long[] handedOut() {
            return askedAt.values().stream().mapToLong(Long::longValue).toArray();
        }

        /** When each answer of the phase arrived (System.nanoTime). */
        synchronized long[] answeredTimes() {
            return answeredAt.values().stream().mapToLong(Long::longValue).toArray();
        }

        synchronized long[] menuLatencies() {
            return menuLatencies.stream().mapToLong(Long::longValue).toArray();
        }

        /**
         * The {@code count} slowest menu replies as "+seconds after {@code origin}: milliseconds", slowest first: when in
         * a wave the menus wait (its start, while questions are taken; its streaming; its end) says what they wait for.
         */
        synchronized List<String> slowestMenus(int count, long origin) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < menuLatencies.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Long.compare(menuLatencies.get(b), menuLatencies.get(a)));
            return order.stream().limit(count).map(i -> String.format(java.util.Locale.ROOT, "+%.1f s: %.0f ms",
                    (menuReplyTimes.get(i) - origin) / 1e9, menuLatencies.get(i) / 1e6)).toList();
        }

        /** Answers being worked on at once, seen from outside: the most [question handed out, answer) overlapping. */
        synchronized int maxOverlap() {
            long[] starts = answeredAt.keySet().stream().mapToLong(askedAt::get).toArray();
            long[] ends = answeredAt.values().stream().mapToLong(Long::longValue).toArray();
            return DraftPace.maxOverlap(starts, ends);
        }

        /** Drafts per chat, the worst chat's pace; and the drafts counted in all. */
        synchronized DraftPace draftPace() {
            List<DraftPace> chats = drafts.values().stream()
                    .map(times -> DraftPace.of(times.stream().mapToLong(Long::longValue).toArray())).toList();
            return DraftPace.worst(chats);
        }

        /** Drafts per chat per second of answering, over all answered chats (question handed out → answer). */
        synchronized double draftsPerChatSecond() {
            double seconds = 0;
            long count = 0;
            for (Map.Entry<Long, Long> answer : answeredAt.entrySet()) {
                seconds += (answer.getValue() - askedAt.get(answer.getKey())) / 1e9;
                count += drafts.getOrDefault(answer.getKey(), List.of()).size();
            }
            return seconds == 0 ? 0 : count / seconds;
        }

        synchronized int chatsWithDrafts() {
            return drafts.size();
        }
    }
}
