package io.mentorium.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.openai.testing.OpenAiStandIn;
import io.mentorium.adapters.openai.testing.OpenAiStandIn.Behaviour;
import io.mentorium.application.port.out.AiAssistant.Reply;
import io.mentorium.application.port.out.AssistantMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every test of {@link OpenAiAssistantTest} again, over TLS with HTTP/2 negotiated by ALPN, as the client reaches
 * api.openai.com; and what only HTTP/2 has: answers multiplexed on one connection, a stream given up without the
 * connection.
 */
class OpenAiAssistantOverHttp2Test extends OpenAiAssistantTest {

    @Override
    OpenAiStandIn.Transport transport() {
        return OpenAiStandIn.Transport.TLS_HTTP_2;
    }

    @Test
    void theClientNegotiatesHttp2() {
        standIn.enqueue(Behaviour.text("Over HTTP/2."));

        Reply reply = assistant().answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
        });

        assertThat(((Reply.Answered) reply).text()).isEqualTo("Over HTTP/2.");
        assertThat(standIn.requestsByProtocol()).isEqualTo(Map.of("HTTP/2.0", 1));
    }

    @Test
    void answersInFlightShareOneConnection() throws Exception {
        OpenAiAssistant assistant = assistant();
        standIn.enqueue(Behaviour.text("The first."));
        assertThat(assistant.answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
        })).isInstanceOf(Reply.Answered.class);
        int answers = 20;
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < answers; i++) {
            standIn.enqueue(Behaviour.stall("Answer " + i, release));
        }
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < answers; i++) {
                CompletableFuture<Reply> reply = new CompletableFuture<>();
                Thread.ofVirtual().start(() -> reply.complete(assistant.answer(prompt("Hi"),
                        new RecordingToolBox(List.of()), t -> {
                        })));
                replies.add(reply);
            }
            until("every answer streams", () -> standIn.openStreams() == answers, Duration.ofSeconds(10));
        } finally {
            release.countDown();
        }

        for (CompletableFuture<Reply> reply : replies) {
            assertThat(reply.get(10, TimeUnit.SECONDS)).isInstanceOf(Reply.Answered.class);
        }
        assertThat(standIn.connectionsOpened()).isEqualTo(1);
        assertThat(standIn.requestsByProtocol()).isEqualTo(Map.of("HTTP/2.0", answers + 1));
    }

    @Test
    void aStreamGivenUpForSilenceLeavesItsConnectionToTheRetry() {
        // Silence for 2 s gives the first attempt up: long enough for a loaded machine's pauses between the retry's
        // reads, which the same limit watches.
        ModelReliability impatient = new ModelReliability(Duration.ofSeconds(120), Duration.ofSeconds(2), 3,
                Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3), 50, 10, Duration.ofMillis(300), 2,
                50, Duration.ofMillis(100));
        CountDownLatch release = new CountDownLatch(1);
        standIn.enqueue(Behaviour.stall("Thinking about it", release), Behaviour.text("Quick answer."));
        try {
            Reply reply = assistant(6000, impatient).answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
            });

            assertThat(((Reply.Answered) reply).text()).isEqualTo("Quick answer.");
            assertThat(metrics.requests).containsExactly(AssistantMetrics.RequestOutcome.RETRIED,
                    AssistantMetrics.RequestOutcome.OK);
            // Cancelling the call reset its stream only: the retry went out on the same connection.
            assertThat(standIn.connectionsOpened()).isEqualTo(1);
        } finally {
            release.countDown();
        }
    }
}
