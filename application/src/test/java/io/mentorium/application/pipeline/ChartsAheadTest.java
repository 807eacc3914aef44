package io.mentorium.application.pipeline;

import static io.mentorium.application.pipeline.Chats.chat;
import static io.mentorium.application.pipeline.Chats.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.pipeline.TimedMessenger.Attempt;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendChart;
import io.mentorium.application.port.out.Messenger.SendResult;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.service.RecordUnreachableChatService;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.RecordingMessenger;
import io.mentorium.domain.report.ReportChart;
import io.mentorium.domain.shared.ChatId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Charts drawn ahead of their send: bounded, in queue order, off the sending threads, each once. */
class ChartsAheadTest {

    private static final ReportChart WEEK = new ReportChart("Aziza: minutes of study per day", "minutes",
            List.of("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"), "this week", List.of(0, 15, 40, 0, 25, 120, 15),
            "last week", List.of(15, 0, 0, 30, 30, 0, 45));

    private final Clock clock = Clock.systemUTC();
    private final DrawingMessenger drawing = new DrawingMessenger();
    private ChartsAhead ahead;
    private OutboxRelay relay;

    @AfterEach
    void stop() {
        if (ahead != null) {
            ahead.stop();
        }
        if (relay != null) {
            relay.stop();
            assertThat(relay.terminated()).isTrue();
        }
    }

    private static SendChart chart(long chat) {
        return new SendChart(chat(chat), WEEK, "📊 <b>report</b> " + chat);
    }

    private static QueuedMessage queued(long id, Outgoing message) {
        return new QueuedMessage(id, message, 0, Instant.EPOCH);
    }

    @Test
    void noMoreThanTheBoundAreDrawnAheadAndTakingOneStartsTheNextInQueueOrder() throws Exception {
        CountDownLatch pens = drawing.holdDrawing();
        ahead = new ChartsAhead(drawing, 2, 3);

        for (long id = 1; id <= 10; id++) {
            ahead.queued(queued(id, id == 2 ? message(2, "a text needs no drawing") : chart(id)));
        }

        Poll.until("two drawings under way", () -> drawing.begun() == 2);
        assertThat(ahead.held()).as("charts 1, 3 and 4 begun or waiting for a thread").isEqualTo(3);
        Optional<?> first = ahead.take(1);
        assertThat(first).isPresent();
        assertThat(ahead.held()).as("chart 5 took chart 1's place").isEqualTo(3);
        assertThat(ahead.take(2)).as("a text is not drawn").isEmpty();
        ahead.forget(3);
        pens.countDown();
        // Chart 3's drawing was under way when it was forgotten: it finishes, unused.
        Poll.until("the held charts drawn", () -> drawing.drawnChats().size() == 5);
        assertThat(ahead.take(9)).as("beyond the bound: left to its send").isEmpty();
        assertThat(drawing.drawnChats()).containsExactlyInAnyOrder(chat(1), chat(3), chat(4), chat(5), chat(6));
    }

    @Test
    void theRelayDrawsChartsBeforeTheirSendOffTheSendingThreadsAndSendsEachAsDrawn() throws Exception {
        TimedMessenger timed = new TimedMessenger(new RecordingMessenger(), clock);
        InMemoryOutbox outbox = new InMemoryOutbox();
        var unreachable = new RecordUnreachableChatService(new InMemoryParentRepository(), outbox,
                new DirectTransactionRunner(), clock);
        relay = new OutboxRelay(outbox, new Forwarding(timed, drawing), unreachable, new CountingMetrics(), clock,
                OutboxRelayTest.unhurried());
        relay.start();
        CountDownLatch sends = timed.holdSends();

        List<QueuedMessage> charts = outbox.enqueue(IntStream.rangeClosed(1, 12).<Outgoing>mapToObj(n -> n % 3 == 0
                ? message(n, "report " + n) : chart(n)).toList(), clock.instant());
        relay.offerBackground(charts);

        Poll.until("every chart drawn while no send could finish", () -> drawing.drawnChats().size() == 8);
        assertThat(drawing.drawingThreads()).allSatisfy(thread -> assertThat(thread).startsWith("chart-ahead-"));
        sends.countDown();
        assertThat(relay.flush(Duration.ofSeconds(20))).isTrue();

        assertThat(timed.attempts()).hasSize(12);
        assertThat(drawing.sentAsDrawn()).as("each chart went with the picture drawn ahead").hasValue(8);
        assertThat(drawing.drawnChats()).as("and was drawn once").hasSize(8).doesNotHaveDuplicates();
        assertThat(timed.attempts().stream().map(Attempt::result)).allMatch(SendResult.Sent.class::isInstance);
    }

    /** Draws a "chart" by remembering it, optionally after a latch opens; tells whether a send got what it drew. */
    private static final class DrawingMessenger implements Messenger {

        private final RecordingMessenger telegram = new RecordingMessenger();
        private final Map<Outgoing, Drawn> drawn = new ConcurrentHashMap<>();
        private final List<ChatId> drawnChats = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<String> drawingThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final AtomicInteger begun = new AtomicInteger();
        private final AtomicInteger sentAsDrawn = new AtomicInteger();
        private volatile CountDownLatch pens = new CountDownLatch(0);

        private record Drawn(Outgoing message) implements Prepared {
        }

        CountDownLatch holdDrawing() {
            CountDownLatch held = new CountDownLatch(1);
            pens = held;
            return held;
        }

        @Override
        public Prepared prepare(Outgoing message) {
            if (!(message instanceof SendChart)) {
                return new Unprepared(message);
            }
            begun.incrementAndGet();
            try {
                pens.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Drawn picture = new Drawn(message);
            drawn.put(message, picture);
            drawnChats.add(message.chatId());
            drawingThreads.add(Thread.currentThread().getName());
            return picture;
        }

        @Override
        public SendResult send(Prepared prepared, boolean scheduled) {
            noteSent(prepared);
            return send(prepared.message());
        }

        void noteSent(Prepared prepared) {
            if (prepared instanceof Drawn picture && drawn.get(picture.message()) == picture) {
                sentAsDrawn.incrementAndGet();
            }
        }

        @Override
        public SendResult send(Outgoing message) {
            return telegram.send(message);
        }

        @Override
        public void showTyping(ChatId chatId) {
        }

        @Override
        public SendResult draft(ChatId chatId, int draftId, String text) {
            return telegram.draft(chatId, draftId, text);
        }

        int begun() {
            return begun.get();
        }

        List<ChatId> drawnChats() {
            return List.copyOf(drawnChats);
        }

        List<String> drawingThreads() {
            return List.copyOf(drawingThreads);
        }

        AtomicInteger sentAsDrawn() {
            return sentAsDrawn;
        }
    }

    /** The timed messenger for the sends, the drawing messenger for preparing: what the relay sees as one. */
    private record Forwarding(TimedMessenger timed, DrawingMessenger drawing) implements Messenger {

        @Override
        public Prepared prepare(Outgoing message) {
            return drawing.prepare(message);
        }

        @Override
        public SendResult send(Prepared prepared, boolean scheduled) {
            drawing.noteSent(prepared);
            return timed.send(prepared.message());
        }

        @Override
        public SendResult send(Outgoing message) {
            return timed.send(message);
        }

        @Override
        public void showTyping(ChatId chatId) {
        }

        @Override
        public SendResult draft(ChatId chatId, int draftId, String text) {
            return timed.draft(chatId, draftId, text);
        }
    }
}
