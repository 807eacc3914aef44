package io.mentorium.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.AiAssistant.Reply;
import io.mentorium.application.port.out.AssistantMetrics.BreakerState;
import io.mentorium.application.port.out.AssistantMetrics.RequestOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A request the server cuts off while its body is still going out was never processed: it goes again without the
 * circuit breaker counting it (over HTTP/2 that is a stream reset while the body waits for the flow-control window,
 * which OkHttp reports as a plain "stream closed"; a server that closes the connection mid-body shows the same here
 * over HTTP/1.1). A request that failed once the server had all of it still counts. A request whose body the server
 * stops taking is ended for silence and goes again.
 *
 * <p>The server is a raw socket, so that it can stop reading a request halfway, which no HTTP server library does on
 * request. It receives little (a small receive buffer) and the request is large, so the client is still writing when
 * the connection is reset.
 */
class ModelRequestCutShortTest {

    /**
     * A breaker that opens at the first failure it counts; one attempt per request, so nothing hides a failure. Its
     * timeouts are far beyond the second or so a cold JVM takes to send the long question, so that on a loaded machine
     * only the server's cut ends a request.
     */
    private static final ModelReliability TOUCHY = new ModelReliability(Duration.ofSeconds(30), Duration.ofSeconds(30),
            1, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3), 1, 1, Duration.ofSeconds(30), 1,
            8, Duration.ofMillis(100));
    /**
     * About 9.5 MB: more than the sockets can buffer (a loopback send buffer grows up to {@code tcp_wmem}'s maximum,
     * 4 MB by default), so the body is still going out when the server resets the connection.
     */
    private static final String LONG_QUESTION = "How is Anna doing? ".repeat(500_000);

    private final OpenAiAssistantTest.RecordingMetrics metrics = new OpenAiAssistantTest.RecordingMetrics();
    private CuttingServer server;
    private OpenAiAssistant assistant;

    @AfterEach
    void stop() throws IOException {
        if (assistant != null) {
            assistant.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRequestCutOffWhileItsBodyWasGoingOutGoesAgainUncounted() throws IOException {
        server = new CuttingServer(First.RESET_MID_BODY);
        assistant = assistant(server);

        Reply reply = assistant.answer(OpenAiAssistantTest.prompt(LONG_QUESTION),
                new OpenAiAssistantTest.RecordingToolBox(List.of()), text -> {
                });

        assertThat(reply).isInstanceOf(Reply.Answered.class);
        assertThat(((Reply.Answered) reply).text()).isEqualTo("Anna is doing well.");
        assertThat(server.connections.get()).isEqualTo(2);
        assertThat(metrics.requests).containsExactly(RequestOutcome.RETRIED, RequestOutcome.OK);
        assertThat(metrics.breakerStates).isEmpty();
        assertThat(assistant.available()).isTrue();
    }

    @Test
    void aRequestThatFailedOnceTheServerHadAllOfItCounts() throws IOException {
        server = new CuttingServer(First.RESET_AFTER_BODY);
        assistant = assistant(server);

        Reply reply = assistant.answer(OpenAiAssistantTest.prompt(LONG_QUESTION),
                new OpenAiAssistantTest.RecordingToolBox(List.of()), text -> {
                });

        assertThat(reply).isInstanceOf(Reply.Unavailable.class);
        assertThat(server.connections.get()).isEqualTo(1);
        assertThat(metrics.requests).containsExactly(RequestOutcome.FAILED);
        assertThat(metrics.breakerStates).containsExactly(BreakerState.OPEN);
        assertThat(assistant.available()).isFalse();
    }

    /**
     * The client has no write timeout of its own (ADR 0011): a request whose body the server stops taking is ended by
     * the silence watch, armed before the request goes out, and tried again. Without it only the two-minute timeout
     * would end the write, and the test's own limit would fail it first.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRequestWhoseBodyTheServerStopsTakingIsEndedBySilenceAndGoesAgain() throws IOException {
        server = new CuttingServer(First.STALL);
        ModelReliability patient = new ModelReliability(Duration.ofMinutes(2), Duration.ofSeconds(5), 2,
                Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3), 100, 10, Duration.ofSeconds(30), 1,
                8, Duration.ofMillis(100));
        assistant = assistant(server, patient);

        Reply reply = assistant.answer(OpenAiAssistantTest.prompt(LONG_QUESTION),
                new OpenAiAssistantTest.RecordingToolBox(List.of()), text -> {
                });

        assertThat(reply).isInstanceOf(Reply.Answered.class);
        assertThat(server.connections.get()).isEqualTo(2);
        assertThat(metrics.requests).containsExactly(RequestOutcome.RETRIED, RequestOutcome.OK);
    }

    private OpenAiAssistant assistant(CuttingServer model) {
        return assistant(model, TOUCHY);
    }

    private OpenAiAssistant assistant(CuttingServer model, ModelReliability reliability) {
        OpenAiSettings settings = new OpenAiSettings(Optional.of("sk-test"), model.baseUri(), "gpt-test", 10_000_000);
        return new OpenAiAssistant(settings, reliability, new JtokkitTokenCounter(), metrics);
    }

    /** What happens to the first connection. */
    private enum First { RESET_MID_BODY, RESET_AFTER_BODY, STALL }

    /**
     * Its first connection is reset after the request's headers or after the whole request, or held open unread after
     * the headers ({@link First}). Every later connection gets a short streamed answer.
     */
    private static final class CuttingServer implements AutoCloseable {

        private final ServerSocket socket;
        private final First first;
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor;
        /** The first connection when it stalls: open, never read again, closed with the server. */
        private volatile Socket stalled;

        CuttingServer(First first) throws IOException {
            this.first = first;
            socket = new ServerSocket();
            // Accepted sockets inherit it: the server's side holds little of a request it does not read.
            socket.setReceiveBufferSize(4096);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            acceptor = Thread.ofPlatform().daemon().name("cutting-server").start(this::serve);
        }

        URI baseUri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
        }

        private void serve() {
            while (!socket.isClosed()) {
                Socket accepted;
                try {
                    accepted = socket.accept();
                } catch (IOException e) {
                    continue; // closed: the loop ends
                }
                boolean firstOne = connections.incrementAndGet() == 1;
                if (firstOne && first == First.STALL) {
                    try {
                        headers(accepted.getInputStream());
                    } catch (IOException e) {
                        // The client went away already: nothing to hold.
                    }
                    stalled = accepted;
                    continue;
                }
                try (Socket connection = accepted) {
                    InputStream in = connection.getInputStream();
                    long length = contentLength(headers(in));
                    if (firstOne && first == First.RESET_MID_BODY) {
                        reset(connection);
                        continue;
                    }
                    in.readNBytes((int) length);
                    if (firstOne) {
                        reset(connection);
                        continue;
                    }
                    answer(connection.getOutputStream());
                } catch (IOException e) {
                    // Closed, or the client went away: the next connection is served as usual.
                }
            }
        }

        private static void reset(Socket connection) throws IOException {
            // Closing with a zero linger sends a reset: the client's pending writes fail at once.
            connection.setSoLinger(true, 0);
            connection.close();
        }

        private static String headers(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed in the headers");
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        private static long contentLength(String headers) {
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    return Long.parseLong(line.substring("content-length:".length()).strip());
                }
            }
            return 0;
        }

        private static void answer(OutputStream out) throws IOException {
            String chunk = "{\"id\":\"c-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Anna is doing well.\"},"
                    + "\"finish_reason\":null}]}";
            String finish = "{\"id\":\"c-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";
            String body = "data: " + chunk + "\n\ndata: " + finish + "\n\ndata: [DONE]\n\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            acceptor.interrupt();
            Socket held = stalled;
            if (held != null) {
                held.close();
            }
        }
    }
}
