package io.mentorium.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        String text = "Ёж и ".repeat(ChunkStream.LINE_BUFFER_CHARS);
        ChunkStream.Reply reply = read("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text
                + "\"},\"finish_reason\":\"stop\"}]}\n\n");

        assertThat(reply.text()).isEqualTo(text).hasSizeGreaterThan(4 * ChunkStream.LINE_BUFFER_CHARS);
        assertThat(reply.finishReason()).isEqualTo("stop");
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

    private ChunkStream.Reply read(String events) {
        return ChunkStream.read(new ByteArrayInputStream(events.getBytes(StandardCharsets.UTF_8)), grown::add);
    }
}
