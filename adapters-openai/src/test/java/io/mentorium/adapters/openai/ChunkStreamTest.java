package io.mentorium.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chunk reader on event streams the stand-in does not send: other choices, odd framing, error events. */
class ChunkStreamTest {

    private final List<String> grown = new ArrayList<>();

    @Test
    void onlyTheFirstChoiceIsReadAndTextGrowsOncePerChunkThatAddsToIt() {
        ChunkStream.Reply reply = read("""
                : a comment line
                data: {"id":"c","choices":[{"delta":{"role":"assistant","content":"Да"},"index":0}]}

                data:{"choices":[{"index":1,"delta":{"content":"ignored"}},{"index":0,"delta":{"content":"лет"}}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}

                data: {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}

                data: [DONE]

                """);

        assertThat(reply.text()).isEqualTo("Далет");
        assertThat(grown).containsExactly("Да", "Далет");
        assertThat(reply.finishReason()).isEqualTo("stop");
        assertThat(reply.promptTokens()).isEqualTo(12);
        assertThat(reply.completionTokens()).isEqualTo(3);
    }

    @Test
    void anEventLineManyTimesLongerThanTheLineBufferIsReadWhole() {
        String text = "Ёж и ".repeat(ChunkStream.LINE_BUFFER_BYTES);
        ChunkStream.Reply reply = read("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text
                + "\"},\"finish_reason\":\"stop\"}]}\n\n");

        assertThat(reply.text()).isEqualTo(text).hasSizeGreaterThan(4 * ChunkStream.LINE_BUFFER_BYTES);
        assertThat(reply.finishReason()).isEqualTo("stop");
    }

    @Test
    void linesEndedByCrLfOrCrAloneReadAsLinesEndedByLf() {
        String lf = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Salom\"}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\", dunyo\"}}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: [DONE]\n\n";

        for (String ending : List.of("\r\n", "\r")) {
            grown.clear();
            ChunkStream.Reply reply = read(lf.replace("\n", ending));

            assertThat(reply.text()).as("lines ended by %s", ending.replace("\r", "CR").replace("\n", "LF"))
                    .isEqualTo("Salom, dunyo");
            assertThat(grown).containsExactly("Salom", "Salom, dunyo");
            assertThat(reply.finishReason()).isEqualTo("stop");
        }
    }

    @Test
    void anEventArrivingOneByteAtATimeIsReadWholeWithItsMultibyteLettersAndCrLfSplitAcrossReads() {
        byte[] events = ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Ёжик \"}}]}\r\n\r\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"в тумане\"},"
                + "\"finish_reason\":\"stop\"}]}\r\n\r\ndata: [DONE]\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(events) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(length, 1));
            }
        };

        ChunkStream.Reply reply = ChunkStream.read(trickle, grown::add);

        assertThat(reply.text()).isEqualTo("Ёжик в тумане");
        assertThat(grown).containsExactly("Ёжик ", "Ёжик в тумане");
    }

    @Test
    void anEventOfSeveralDataLinesIsTheirJoinAndALastLineWithoutItsEndStillCounts() {
        ChunkStream.Reply reply = read("data: {\"choices\":[{\"index\":0,\n"
                + "data: \"delta\":{\"content\":\"two lines\"},\"finish_reason\":\"stop\"}]}");

        assertThat(reply.text()).isEqualTo("two lines");
        assertThat(reply.finishReason()).isEqualTo("stop");
    }

    @Test
    void aLineLongerThanAnyChunkEndsTheReadAsFailedInsteadOfGrowingWithoutBound() {
        String endless = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                + "x".repeat(ChunkStream.MAX_EVENT_BYTES);

        assertThatThrownBy(() -> read(endless + "\"}}]}\n\n"))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("longer than " + ChunkStream.MAX_EVENT_BYTES);
        assertThat(grown).isEmpty();
    }

    @Test
    void toolCallsAreJoinedFromTheirFragmentsInIndexOrder() {
        ChunkStream.Reply reply = read("""
                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"b","type":"function","function":{"name":"get_report","arguments":""}}]}}]}

                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"a","function":{"name":"list_children","arguments":"{"}}]}}]}

                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{\\"child\\":"}},{"index":0,"function":{"arguments":"}"}}]}}]}

                data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\\"child_1\\"}"}}]}}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

                """);

        assertThat(reply.calls()).containsExactly(new ChatMessage.FunctionCall("a", "list_children", "{}"),
                new ChatMessage.FunctionCall("b", "get_report", "{\"child\":\"child_1\"}"));
        assertThat(reply.hasUsage()).isFalse();
        assertThat(grown).isEmpty();
    }

    @Test
    void aStreamWithoutAFinishReasonIsIncomplete() {
        assertThatThrownBy(() -> read("""
                data: {"choices":[{"index":0,"delta":{"content":"half an ans"}}]}

                """)).isInstanceOf(ModelFailure.IncompleteStream.class);
    }

    @Test
    void anErrorEventFailsTheRequestRetryablyWithItsCodeButNotItsMessage() {
        assertThatThrownBy(() -> read("""
                data: {"choices":[{"index":0,"delta":{"content":"Hel"}}]}

                data: {"error":{"message":"overloaded, key sk-abc","type":"server_error","code":"overloaded"}}

                """)).isInstanceOfSatisfying(ModelFailure.StreamError.class, error -> {
            ModelFailure failure = ModelFailure.of(error);
            assertThat(failure.retryable()).isTrue();
            assertThat(failure.detail()).isEqualTo("error event in stream overloaded").doesNotContain("sk-abc");
        });
    }

    @Test
    void aStreamingTextIsReadAFewChunksAtATimeOnceItHasBegun() {
        Feed feed = Feed.of(textEvents(40));

        ChunkStream.Reply reply = readGathering(feed, 4);

        assertThat(reply.text()).isEqualTo("word ".repeat(40));
        assertThat(reply.finishReason()).isEqualTo("stop");
        // The read before the text began waited for its chunk; then every read found the chunks that had gathered
        // during a pause, four at a time, up to the one that finished the reply (the 41st); its usage and [DONE] were
        // read as they came.
        assertThat(feed.pauses).isEqualTo(10);
        assertThat(feed.waits).isEqualTo(3);
        assertThat(grown).hasSize(40).last().isEqualTo("word ".repeat(40));
    }

    @Test
    void aReplyThatHasFinishedIsNotPausedForItsEnd() {
        Feed feed = Feed.of(textEvents(40));

        ChunkStream.Reply reply = readGathering(feed, 1);

        assertThat(reply.completionTokens()).isEqualTo(40);
        // One pause for each event from the second chunk to the finish; none after it.
        assertThat(feed.pauses).isEqualTo(40);
        assertThat(feed.waits).isEqualTo(3);
    }

    @Test
    void withoutGatheringEveryChunkIsWaitedFor() {
        Feed feed = Feed.of(textEvents(40));

        ChunkStream.Reply reply = ChunkStream.read(feed, grown::add, ChunkStream.Gathering.NONE);

        assertThat(reply.text()).isEqualTo("word ".repeat(40));
        assertThat(feed.waits).isEqualTo(43);
    }

    @Test
    void aReplyThatCallsToolsIsNeverPausedForItHasNoText() {
        Feed feed = Feed.of(List.of(
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\","
                        + "\"function\":{\"name\":\"list_children\",\"arguments\":\"{\"}}]}}]}\n\n",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                        + "\"function\":{\"arguments\":\"}\"}}]}}]}\n\n",
                "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n",
                "data: [DONE]\n\n"));

        ChunkStream.Reply reply = ChunkStream.read(feed, grown::add, () -> {
            throw new AssertionError("paused while reading a tool call");
        });

        assertThat(reply.calls()).containsExactly(new ChatMessage.FunctionCall("a", "list_children", "{}"));
        assertThat(feed.waits).isEqualTo(4);
    }

    /** Reads {@code feed}, as many events arriving during each pause as {@code arriving}. */
    private ChunkStream.Reply readGathering(Feed feed, int arriving) {
        return ChunkStream.read(feed, grown::add, () -> {
            feed.pauses++;
            feed.arrive(arriving);
        });
    }

    private static List<String> textEvents(int chunks) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            events.add("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word \"}}]}\n\n");
        }
        events.add("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        events.add("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":40}}\n\n");
        events.add("data: [DONE]\n\n");
        return events;
    }

    /**
     * A response body whose events arrive when the test says, as on a socket: a read finds only what has arrived, and a
     * read that finds nothing counts as a wait (a blocked thread woken by the next event, which then arrives).
     */
    private static final class Feed extends InputStream {

        private final Deque<byte[]> coming = new ArrayDeque<>();
        private final Deque<byte[]> arrived = new ArrayDeque<>();
        private int position;
        private int waits;
        private int pauses;

        static Feed of(List<String> events) {
            Feed feed = new Feed();
            events.forEach(event -> feed.coming.add(event.getBytes(StandardCharsets.UTF_8)));
            return feed;
        }

        void arrive(int events) {
            for (int i = 0; i < events && !coming.isEmpty(); i++) {
                arrived.add(coming.poll());
            }
        }

        @Override
        public int available() {
            int bytes = -position;
            for (byte[] event : arrived) {
                bytes += event.length;
            }
            return Math.max(0, bytes);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (arrived.isEmpty()) {
                if (coming.isEmpty()) {
                    return -1;
                }
                waits++;
                arrive(1);
            }
            int copied = 0;
            while (copied < length && !arrived.isEmpty()) {
                byte[] event = arrived.peek();
                int n = Math.min(length - copied, event.length - position);
                System.arraycopy(event, position, buffer, offset + copied, n);
                copied += n;
                position += n;
                if (position == event.length) {
                    arrived.poll();
                    position = 0;
                }
            }
            return copied;
        }
    }

    private ChunkStream.Reply read(String events) {
        return ChunkStream.read(new ByteArrayInputStream(events.getBytes(StandardCharsets.UTF_8)), grown::add);
    }
}
