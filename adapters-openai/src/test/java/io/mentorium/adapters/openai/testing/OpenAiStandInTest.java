package io.mentorium.adapters.openai.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mentorium.adapters.openai.ChatMessage;
import io.mentorium.adapters.openai.JtokkitTokenCounter;
import io.mentorium.adapters.openai.ModelReliability;
import io.mentorium.adapters.openai.OpenAiAssistant;
import io.mentorium.application.port.out.AiAssistant.Prompt;
import io.mentorium.application.port.out.AiAssistant.Reply;
import io.mentorium.application.port.out.AiAssistant.Tool;
import io.mentorium.application.port.out.AiAssistant.ToolBox;
import io.mentorium.application.port.out.AiAssistant.ToolCall;
import io.mentorium.application.port.out.AiAssistant.ToolResult;
import io.mentorium.application.port.out.AssistantMetrics;
import io.mentorium.domain.shared.Language;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenAiStandInTest {

    private static final Prompt PROMPT = new Prompt(Language.EN, "Be brief.", "", List.of(), "How many children?");
    private static final Tool LIST_CHILDREN = new Tool("list_children", "Lists the parent's children.", List.of());

    /** Answers list_children with a count, as the application's tool would. */
    private static final class Children implements ToolBox {

        @Override
        public List<Tool> tools() {
            return List.of(LIST_CHILDREN);
        }

        @Override
        public ToolResult call(ToolCall call) {
            return new ToolResult(true, Map.of("children", List.of("Anna", "Timur"), "count", 2));
        }
    }

    @Test
    void theDefaultModelCallsListChildrenThenQuotesTheResultsFirstNumber() {
        try (OpenAiStandIn standIn = OpenAiStandIn.start();
             OpenAiAssistant assistant = new OpenAiAssistant(standIn.settings(6000), ModelReliability.DEFAULTS,
                     new JtokkitTokenCounter(), AssistantMetrics.NONE)) {
            Reply reply = assistant.answer(PROMPT, new Children(), text -> {
            });

            assertThat(reply).isInstanceOf(Reply.Answered.class);
            assertThat(((Reply.Answered) reply).text()).startsWith("According to the school's records: 2.");
            assertThat(standIn.requests()).hasSize(2);
            assertThat(standIn.requests().getFirst().body().path("tools").get(0).path("function").path("name")
                    .asText()).isEqualTo("list_children");
        }
    }

    @Test
    void countsRememberedAreTheCountersOwnWhateverTheCallIds() {
        JtokkitTokenCounter counter = new JtokkitTokenCounter();
        try (OpenAiStandIn standIn = OpenAiStandIn.start()) {
            for (String id : List.of("call_1", "call_2")) {
                List<ChatMessage> messages = List.of(
                        ChatMessage.of(ChatMessage.SYSTEM, "Be brief. Числа — только из инструментов."),
                        ChatMessage.of(ChatMessage.USER, "How many children?"),
                        ChatMessage.calling(List.of(new ChatMessage.FunctionCall(id, "list_children", "{}"))),
                        ChatMessage.toolResult(id, "{\"children\":[\"Anna\",\"Timur\"],\"count\":2}"));
                List<ChatMessage.FunctionCall> calls = List.of(new ChatMessage.FunctionCall(id, "get_progress",
                        "{\"child\":\"child_1\"}"));

                assertThat(standIn.promptTokens(messages, List.of(LIST_CHILDREN)))
                        .isEqualTo(counter.countRequest(messages, List.of(LIST_CHILDREN)));
                assertThat(standIn.completionTokens("Two: Anna and Timur.", List.of()))
                        .isEqualTo(counter.countCompletion("Two: Anna and Timur.", List.of()));
                assertThat(standIn.completionTokens("", calls)).isEqualTo(counter.countCompletion("", calls));
            }
            assertThat(standIn.promptTokens(List.of(ChatMessage.of(ChatMessage.USER, "How many children?")), List.of()))
                    .as("another request of a message counted before")
                    .isEqualTo(counter.countRequest(List.of(ChatMessage.of(ChatMessage.USER, "How many children?")),
                            List.of()));
        }
    }

    @Test
    void clearingTheKeptRequestsKeepsTheirCount() {
        try (OpenAiStandIn standIn = OpenAiStandIn.start();
             OpenAiAssistant assistant = new OpenAiAssistant(standIn.settings(6000), ModelReliability.DEFAULTS,
                     new JtokkitTokenCounter(), AssistantMetrics.NONE)) {
            assistant.answer(PROMPT, new Children(), text -> {
            });
            standIn.clearRequests();
            assistant.answer(PROMPT, new Children(), text -> {
            });

            assertThat(standIn.requests()).extracting(OpenAiStandIn.Request::number).containsExactly(3, 4);
            assertThat(standIn.requestCount()).isEqualTo(4);
        }
    }

    @Test
    void requestsNotKeptAreStillCounted() {
        try (OpenAiStandIn standIn = OpenAiStandIn.start();
             OpenAiAssistant assistant = new OpenAiAssistant(standIn.settings(6000), ModelReliability.DEFAULTS,
                     new JtokkitTokenCounter(), AssistantMetrics.NONE)) {
            standIn.keepRequests(false);
            Reply reply = assistant.answer(PROMPT, new Children(), text -> {
            });

            assertThat(reply).isInstanceOf(Reply.Answered.class);
            assertThat(standIn.requests()).isEmpty();
            assertThat(standIn.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void withoutToolsTheDefaultModelAnswersText() {
        try (OpenAiStandIn standIn = OpenAiStandIn.start();
             OpenAiAssistant assistant = new OpenAiAssistant(standIn.settings(6000), ModelReliability.DEFAULTS,
                     new JtokkitTokenCounter(), AssistantMetrics.NONE)) {
            ToolBox none = new ToolBox() {
                @Override
                public List<Tool> tools() {
                    return List.of();
                }

                @Override
                public ToolResult call(ToolCall call) {
                    return ToolResult.error("no tools");
                }
            };
            Reply reply = assistant.answer(PROMPT, none, text -> {
            });

            assertThat(((Reply.Answered) reply).text()).startsWith("This is the stand-in model's answer.");
        }
    }

    @Test
    void itsEventsAreChatCompletionChunksWhateverTheTextHolds() throws Exception {
        String text = "Quotes \" and \\ back-slashes,\nline breaks, \u0000 controls, Дилноза, O‘zbek, 🎓 and </script>.";
        try (OpenAiStandIn standIn = OpenAiStandIn.start(); HttpClient http = HttpClient.newHttpClient()) {
            standIn.enqueue(OpenAiStandIn.Behaviour.text(text, new OpenAiStandIn.Pacing(7, Duration.ZERO)));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(standIn.baseUri() + "/chat/completions"))
                    .header("Authorization", "Bearer " + OpenAiStandIn.API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},
                             "messages":[{"role":"user","content":"Hi"}]}""")).build(),
                    HttpResponse.BodyHandlers.ofString());

            ObjectMapper json = new ObjectMapper();
            List<JsonNode> chunks = new ArrayList<>();
            for (String event : response.body().split("\n\n")) {
                assertThat(event).startsWith("data: ");
                String data = event.substring("data: ".length());
                if (!data.equals("[DONE]")) {
                    chunks.add(json.readTree(data));
                }
            }
            StringBuilder streamed = new StringBuilder();
            for (JsonNode chunk : chunks) {
                assertThat(chunk.path("id").asText()).startsWith("chatcmpl-standin-");
                assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
                assertThat(chunk.path("model").asText()).isEqualTo(OpenAiStandIn.MODEL);
                chunk.path("choices").forEach(choice -> streamed.append(choice.path("delta").path("content").asText()));
            }
            assertThat(streamed.toString()).isEqualTo(text);
            assertThat(chunks).hasSize(7 + 2);
            assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
            assertThat(chunks.get(1).at("/choices/0/delta").has("role")).isFalse();
            assertThat(chunks.get(1).at("/choices/0/finish_reason").isNull()).isTrue();
            assertThat(chunks.get(7).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
            assertThat(chunks.get(8).path("choices")).isEmpty();
            assertThat(chunks.get(8).at("/usage/completion_tokens").asInt()).isPositive();
            assertThat(response.body()).endsWith("data: [DONE]\n\n");
        }
    }

    @Test
    void itRefusesAWrongKeyAndAnUnknownPath() throws Exception {
        try (OpenAiStandIn standIn = OpenAiStandIn.start(); HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> wrongKey = http.send(HttpRequest.newBuilder(
                            URI.create(standIn.baseUri() + "/chat/completions"))
                    .header("Authorization", "Bearer sk-other")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(standIn.baseUri() + "/models"))
                    .header("Authorization", "Bearer " + OpenAiStandIn.API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(wrongKey.statusCode()).isEqualTo(401);
            assertThat(wrongKey.body()).contains("invalid_api_key");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(standIn.requestCount()).isZero();
        }
    }

    @Test
    void overTlsAChildProcessGivenItsTrustStoreReachesItOverHttp2AndNoOtherClientDoes(@TempDir Path dir)
            throws Exception {
        try (OpenAiStandIn standIn = OpenAiStandIn.start(OpenAiStandIn.API_KEY, OpenAiStandIn.Pacing.FAST,
                OpenAiStandIn.Transport.TLS_HTTP_2)) {
            List<String> options = standIn.trustStoreOptions(dir);
            Map<String, String> properties = options.stream().map(option -> option.substring(2).split("=", 2))
                    .collect(java.util.stream.Collectors.toMap(pair -> pair[0], pair -> pair[1]));
            assertThat(properties).containsOnlyKeys("javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType",
                    "javax.net.ssl.trustStorePassword");
            KeyStore store = KeyStore.getInstance(properties.get("javax.net.ssl.trustStoreType"));
            try (InputStream in = Files.newInputStream(Path.of(properties.get("javax.net.ssl.trustStore")))) {
                store.load(in, properties.get("javax.net.ssl.trustStorePassword").toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            HttpRequest wrongKey = HttpRequest.newBuilder(URI.create(standIn.baseUri() + "/chat/completions"))
                    .header("Authorization", "Bearer sk-other").POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build();

            try (HttpClient trusting = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_2)
                    .build()) {
                HttpResponse<String> response = trusting.send(wrongKey, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            }
            try (HttpClient untrusting = HttpClient.newHttpClient()) {
                assertThatThrownBy(() -> untrusting.send(wrongKey, HttpResponse.BodyHandlers.ofString()))
                        .isInstanceOf(SSLHandshakeException.class);
            }
            assertThat(standIn.baseUri().getScheme()).isEqualTo("https");
            assertThat(standIn.requestsByProtocol()).isEqualTo(Map.of("HTTP/2.0", 1));
        }
    }

    @Test
    void itHoldsHundredsOfPacedStreamsAtOnce() throws Exception {
        holdsHundredsOfPacedStreamsAtOnce(OpenAiStandIn.Transport.PLAIN_HTTP_1_1);
    }

    @Test
    void overHttp2ItHoldsHundredsOfPacedStreamsAtOnceOnAFewConnections() throws Exception {
        OpenAiStandIn standIn = holdsHundredsOfPacedStreamsAtOnce(OpenAiStandIn.Transport.TLS_HTTP_2);

        assertThat(standIn.requestsByProtocol()).containsOnlyKeys("HTTP/2.0");
        // 300 streams at once need at least three connections of 128 streams. The burst meets refused streams (OkHttp
        // puts calls on a new connection before its settings arrive), which must be retried, not counted as failures.
        assertThat(standIn.connectionsOpened()).isBetween(3, 299);
    }

    /** Returns the closed stand-in, for what it counted. */
    private static OpenAiStandIn holdsHundredsOfPacedStreamsAtOnce(OpenAiStandIn.Transport transport)
            throws Exception {
        int answers = 300;
        OpenAiStandIn.Pacing pacing = new OpenAiStandIn.Pacing(10, Duration.ofMillis(1500));
        CountDownLatch allOpen = new CountDownLatch(1);
        try (OpenAiStandIn standIn = OpenAiStandIn.start(OpenAiStandIn.API_KEY, pacing, transport);
             OpenAiAssistant assistant = new OpenAiAssistant(standIn.settings(6000), ModelReliability.DEFAULTS,
                     new JtokkitTokenCounter(), AssistantMetrics.NONE, standIn.trustManager());
             ExecutorService askers = Executors.newVirtualThreadPerTaskExecutor()) {
            // Each answer's text is held after its first chunk until every answer's is open, then goes on at its
            // pace. Streams that were merely paced overlapped only as far as the answers ramped up within one
            // stream's 1.5 s, which a loaded machine need not do; held, all of them must be open at once whatever its
            // pace, and a stand-in that serialised them, or ran them on a bounded pool, never gets there.
            standIn.respondWith(request -> {
                OpenAiStandIn.Behaviour behaviour = OpenAiStandIn.defaultBehaviour(request, pacing);
                return behaviour.kind() == OpenAiStandIn.Kind.TEXT ? behaviour.heldAfterFirstChunk(allOpen)
                        : behaviour;
            });
            List<Future<Reply>> replies = new ArrayList<>();
            try {
                for (int i = 0; i < answers; i++) {
                    replies.add(askers.submit(() -> assistant.answer(PROMPT, new Children(), text -> {
                    })));
                }
                // Short of the client's silence limit, which the first streams held must not reach.
                until("every answer's text streams", () -> standIn.openStreams() == answers,
                        ModelReliability.DEFAULTS.readTimeout().minusSeconds(5));
            } finally {
                allOpen.countDown();
            }
            for (Future<Reply> reply : replies) {
                assertThat(reply.get(30, TimeUnit.SECONDS)).isInstanceOf(Reply.Answered.class);
            }
            assertThat(standIn.requestCount()).isEqualTo(2 * answers);
            // One stream per answer at a time: none given up and asked again while held.
            assertThat(standIn.maxOpenStreams()).isEqualTo(answers);
            assertThat(standIn.openStreams()).isZero();
            return standIn;
        }
    }

    /** Polls a condition until it holds or the deadline passes. */
    private static void until(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
