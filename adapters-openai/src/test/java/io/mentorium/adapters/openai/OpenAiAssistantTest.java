package io.mentorium.adapters.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorium.adapters.openai.testing.OpenAiStandIn;
import io.mentorium.adapters.openai.testing.OpenAiStandIn.Behaviour;
import io.mentorium.adapters.openai.testing.OpenAiStandIn.Call;
import io.mentorium.adapters.openai.testing.OpenAiStandIn.Request;
import io.mentorium.application.port.out.AiAssistant.Cause;
import io.mentorium.application.port.out.AiAssistant.Parameter;
import io.mentorium.application.port.out.AiAssistant.Prompt;
import io.mentorium.application.port.out.AiAssistant.Reply;
import io.mentorium.application.port.out.AiAssistant.Tool;
import io.mentorium.application.port.out.AiAssistant.ToolBox;
import io.mentorium.application.port.out.AiAssistant.ToolCall;
import io.mentorium.application.port.out.AiAssistant.ToolResult;
import io.mentorium.application.port.out.AiAssistant.Usage;
import io.mentorium.application.port.out.AssistantMetrics;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.DialogRole;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The assistant over real HTTP, through the real openai-java client, against the stand-in. */
class OpenAiAssistantTest {

    private static final ModelReliability QUICK = new ModelReliability(Duration.ofSeconds(10), Duration.ofSeconds(10),
            3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3), 50, 10, Duration.ofMillis(300), 2,
            50, Duration.ofMillis(100));
    private static final TelegramUserId PARENT = new TelegramUserId(42);

    private static final Tool GRADES = new Tool("grades", "Returns a child's recent grades.", List.of(
            new Parameter("child", Parameter.Type.STRING, "The child's first name.", true, List.of(),
                    Optional.empty(), Optional.empty()),
            new Parameter("subjects", Parameter.Type.STRING_ARRAY, "Only these subjects.", false,
                    List.of("math", "art"), Optional.empty(), Optional.empty()),
            new Parameter("limit", Parameter.Type.INTEGER, "How many grades.", false, List.of(), Optional.of(1),
                    Optional.of(10))));

    private final JtokkitTokenCounter counter = new JtokkitTokenCounter();
    final RecordingMetrics metrics = new RecordingMetrics();
    OpenAiStandIn standIn;
    private final List<OpenAiAssistant> assistants = new ArrayList<>();

    @BeforeEach
    void start() {
        standIn = OpenAiStandIn.start(OpenAiStandIn.API_KEY, OpenAiStandIn.Pacing.FAST, transport());
    }

    /** Every test here runs over this transport; a subclass runs them all over another. */
    OpenAiStandIn.Transport transport() {
        return OpenAiStandIn.Transport.PLAIN_HTTP_1_1;
    }

    @AfterEach
    void stop() {
        assistants.forEach(OpenAiAssistant::close);
        standIn.close();
    }

    OpenAiAssistant assistant(int budget, ModelReliability reliability) {
        OpenAiAssistant assistant = new OpenAiAssistant(standIn.settings(budget), reliability, counter, metrics,
                standIn.trustManager());
        assistants.add(assistant);
        return assistant;
    }

    OpenAiAssistant assistant() {
        return assistant(6000, QUICK);
    }

    private static Prompt prompt(String question, List<DialogMessage> history) {
        return new Prompt(Language.EN, "You answer a parent's questions.", "Children: Anna (grade 5).", history,
                question);
    }

    static Prompt prompt(String question) {
        return prompt(question, List.of());
    }

    @Test
    void streamsTheTextGrowingAndAnswersItWhole() {
        standIn.enqueue(Behaviour.text("Anna did well in maths this week."));
        List<String> partials = new CopyOnWriteArrayList<>();

        Reply reply = assistant().answer(prompt("How is Anna doing?"), new RecordingToolBox(List.of()), partials::add);

        assertThat(reply).isInstanceOf(Reply.Answered.class);
        Reply.Answered answered = (Reply.Answered) reply;
        assertThat(answered.text()).isEqualTo("Anna did well in maths this week.");
        assertThat(partials).hasSizeGreaterThan(1).last().isEqualTo(answered.text());
        for (int i = 1; i < partials.size(); i++) {
            assertThat(partials.get(i)).startsWith(partials.get(i - 1)).hasSizeGreaterThan(partials.get(i - 1).length());
        }
        Request request = standIn.lastRequest();
        assertThat(request.body().path("stream").asBoolean()).isTrue();
        assertThat(request.body().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(request.body().path("model").asText()).isEqualTo(OpenAiStandIn.MODEL);
        assertThat(request.body().has("tools")).isFalse();
        assertThat(request.messages()).extracting(ChatMessage::role).containsExactly("system", "user");
        assertThat(request.messages().getFirst().content())
                .isEqualTo("You answer a parent's questions.\n\nChildren: Anna (grade 5).");
        Usage usage = answered.usage();
        assertThat(usage.requests()).isEqualTo(1);
        assertThat(usage.promptCounted()).isEqualTo(request.promptTokens()).isEqualTo(usage.promptReported())
                .isEqualTo(usage.largestPromptCounted());
        assertThat(usage.completionCounted()).isEqualTo(usage.completionReported()).isPositive();
        assertThat(metrics.requests).containsExactly(AssistantMetrics.RequestOutcome.OK);
        assertThat(metrics.promptTokens()).isEqualTo(usage.promptReported());
    }

    @Test
    void theClientsTelemetryHeadersDescribingTheMachineAreNotSent() {
        standIn.enqueue(Behaviour.text("Anna did well."));

        Reply reply = assistant().answer(prompt("How is Anna doing?"), new RecordingToolBox(List.of()), t -> {
        });

        assertThat(reply).isInstanceOf(Reply.Answered.class);
        assertThat(standIn.headerNamesSeen()).contains("authorization", "content-type")
                .noneMatch(name -> name.startsWith(OpenAiAssistant.CLIENT_TELEMETRY_PREFIX));
        // What the client would have sent: the filter has something to remove.
        okhttp3.Headers described = okhttp3.Headers.of("Authorization", "Bearer k", "X-Stainless-OS", "Linux",
                "x-stainless-arch", "x64", "Content-Type", "application/json");
        assertThat(OpenAiAssistant.withoutClientTelemetry(described).names())
                .containsExactlyInAnyOrder("Authorization", "Content-Type");
    }

    @Test
    void historySkipsToolMessagesAndKeepsItsOrder() {
        List<DialogMessage> history = List.of(message(DialogRole.USER, "first question"),
                message(DialogRole.ASSISTANT, "first answer"), message(DialogRole.TOOL, "{\"grades\":[5]}"),
                message(DialogRole.USER, "second question"), message(DialogRole.ASSISTANT, "second answer"));
        standIn.enqueue(Behaviour.text("third answer"));

        Reply reply = assistant().answer(prompt("third question", history), new RecordingToolBox(List.of()), t -> {
        });

        assertThat(standIn.lastRequest().messages()).extracting(ChatMessage::role, ChatMessage::content)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("system",
                                "You answer a parent's questions.\n\nChildren: Anna (grade 5)."),
                        org.assertj.core.groups.Tuple.tuple("user", "first question"),
                        org.assertj.core.groups.Tuple.tuple("assistant", "first answer"),
                        org.assertj.core.groups.Tuple.tuple("user", "second question"),
                        org.assertj.core.groups.Tuple.tuple("assistant", "second answer"),
                        org.assertj.core.groups.Tuple.tuple("user", "third question"));
        assertThat(((Reply.Answered) reply).usage().historyKept()).isEqualTo(4);
    }

    @Test
    void aToolRoundWithFragmentedArgumentsReachesTheToolBoxAndGoesBackAsAToolMessage() {
        String arguments = "{\"child\":\"Anna\",\"limit\":3,\"subjects\":[\"math\"]}";
        standIn.enqueue(Behaviour.toolCalls(new Call("grades", arguments)));
        RecordingToolBox tools = new RecordingToolBox(List.of(GRADES),
                call -> new ToolResult(true, Map.of("average", 4.5)));

        Reply reply = assistant().answer(prompt("Anna's maths grades?"), tools, t -> {
        });

        assertThat(tools.calls).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("grades");
            assertThat(call.malformed()).isEmpty();
            assertThat(call.arguments()).isEqualTo(Map.of("child", "Anna", "limit", 3, "subjects", List.of("math")));
        });
        List<Request> requests = standIn.requests();
        assertThat(requests).hasSize(2);
        JsonNode tool = requests.getFirst().body().path("tools").get(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        JsonNode function = tool.path("function");
        assertThat(function.path("name").asText()).isEqualTo("grades");
        assertThat(function.path("strict").asBoolean()).isFalse();
        JsonNode properties = function.path("parameters").path("properties");
        assertThat(properties.path("subjects").path("type").asText()).isEqualTo("array");
        assertThat(properties.path("subjects").path("items").path("enum").toString()).isEqualTo("[\"math\",\"art\"]");
        assertThat(properties.path("limit").path("minimum").asInt()).isEqualTo(1);
        assertThat(properties.path("limit").path("maximum").asInt()).isEqualTo(10);
        assertThat(function.path("parameters").path("required").toString()).isEqualTo("[\"child\"]");

        List<ChatMessage> second = requests.get(1).messages();
        ChatMessage calling = second.get(second.size() - 2);
        ChatMessage result = second.getLast();
        assertThat(calling.role()).isEqualTo("assistant");
        assertThat(calling.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("grades");
            assertThat(call.arguments()).isEqualTo(arguments);
        });
        assertThat(result.role()).isEqualTo("tool");
        assertThat(result.toolCallId()).contains(calling.toolCalls().getFirst().id());
        assertThat(result.content()).isEqualTo("{\"average\":4.5}");

        assertThat(reply).isInstanceOf(Reply.Answered.class);
        Reply.Answered answered = (Reply.Answered) reply;
        assertThat(answered.text()).contains("4.5");
        assertThat(answered.usage().requests()).isEqualTo(2);
        assertThat(answered.usage().promptCounted()).isEqualTo(answered.usage().promptReported())
                .isEqualTo(requests.get(0).promptTokens() + requests.get(1).promptTokens());
        assertThat(answered.usage().largestPromptCounted()).isEqualTo(requests.get(1).promptTokens());
        assertThat(answered.usage().completionCounted()).isEqualTo(answered.usage().completionReported());
    }

    @Test
    void malformedArgumentsReachTheToolBoxAsMalformedAndTheLoopGoesOn() {
        standIn.enqueue(Behaviour.toolCalls(new Call("grades", "{\"child\": Anna")),
                Behaviour.toolCalls(new Call("grades", "[1, 2]")));
        RecordingToolBox tools = new RecordingToolBox(List.of(GRADES),
                call -> call.malformed().isPresent() ? ToolResult.error("bad arguments") : new ToolResult(true,
                        Map.of("average", 5)));

        Reply reply = assistant().answer(prompt("Grades?"), tools, t -> {
        });

        assertThat(tools.calls).hasSize(2).allSatisfy(call -> {
            assertThat(call.malformed()).isPresent();
            assertThat(call.arguments()).isEmpty();
        });
        assertThat(tools.calls.get(0).malformed().orElseThrow()).startsWith("arguments are not valid JSON");
        assertThat(tools.calls.get(1).malformed()).contains("arguments are not a JSON object");
        assertThat(standIn.requests()).hasSize(3);
        assertThat(standIn.requests().get(1).messages().getLast().content()).isEqualTo("{\"error\":\"bad arguments\"}");
        assertThat(reply).isInstanceOf(Reply.Answered.class);
    }

    @Test
    void argumentsParseIntoPlainJavaValues() {
        ToolCall empty = OpenAiAssistant.toolCall(new ChatMessage.FunctionCall("c", "f", "  "));
        ToolCall nested = OpenAiAssistant.toolCall(new ChatMessage.FunctionCall("c", "f",
                "{\"a\":null,\"b\":true,\"c\":[1,\"x\"],\"d\":{\"e\":2.5}}"));
        ToolCall trailing = OpenAiAssistant.toolCall(new ChatMessage.FunctionCall("c", "f", "{} {}"));

        assertThat(empty.arguments()).isEmpty();
        assertThat(empty.malformed()).isEmpty();
        assertThat(nested.arguments()).containsEntry("a", null).containsEntry("b", true)
                .containsEntry("c", List.of(1, "x")).containsEntry("d", Map.of("e", 2.5));
        assertThat(trailing.malformed()).isPresent();
    }

    @Test
    void afterFourToolRoundsTheLastRequestMayNotCallTools() {
        standIn.respondWith(request -> request.mayCallTools()
                ? Behaviour.toolCalls(new Call("grades", "{\"child\":\"Anna\"}")) : Behaviour.text("Done."));
        RecordingToolBox tools = new RecordingToolBox(List.of(GRADES));

        Reply reply = assistant().answer(prompt("Grades?"), tools, t -> {
        });

        assertThat(tools.calls).hasSize(OpenAiAssistant.MAX_TOOL_ROUNDS);
        List<Request> requests = standIn.requests();
        assertThat(requests).hasSize(OpenAiAssistant.MAX_TOOL_ROUNDS + 1);
        assertThat(requests.subList(0, OpenAiAssistant.MAX_TOOL_ROUNDS)).allSatisfy(r ->
                assertThat(r.toolChoice()).isEmpty());
        assertThat(requests.getLast().toolChoice()).contains("none");
        assertThat(requests.getLast().tools()).hasSize(1);
        assertThat(reply).isEqualTo(new Reply.Answered("Done.", ((Reply.Answered) reply).usage()));
        assertThat(((Reply.Answered) reply).usage().requests()).isEqualTo(5);
    }

    @Test
    void aLongHistoryIsTrimmedOldestFirstToTheBudget() {
        List<DialogMessage> history = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            history.add(message(i % 2 == 0 ? DialogRole.USER : DialogRole.ASSISTANT,
                    "Message " + i + ": " + "the weather was fine and the lessons went on as planned. ".repeat(4)));
        }
        int budget = 1200;
        RecordingToolBox tools = new RecordingToolBox(List.of(GRADES),
                call -> new ToolResult(true, Map.of("average", 4)));

        Reply reply = assistant(budget, QUICK).answer(prompt("How is Anna doing?", history), tools, t -> {
        });

        assertThat(reply).isInstanceOf(Reply.Answered.class);
        Usage usage = ((Reply.Answered) reply).usage();
        assertThat(usage.requests()).isEqualTo(2);
        assertThat(usage.largestPromptCounted()).isLessThanOrEqualTo(budget);
        assertThat(usage.promptReported()).isEqualTo(usage.promptCounted());
        assertThat(standIn.requests()).allSatisfy(r -> assertThat(r.promptTokens()).isLessThanOrEqualTo(budget));
        assertThat(usage.historyKept()).isBetween(1, 39);

        List<String> firstRequestHistory = standIn.requests().getFirst().messages().stream()
                .filter(m -> m.content().startsWith("Message ")).map(ChatMessage::content).toList();
        assertThat(firstRequestHistory).isEqualTo(history.subList(history.size() - firstRequestHistory.size(),
                history.size()).stream().map(DialogMessage::content).toList());
        // The second request also carries the tool round, so it keeps no more history than the first.
        assertThat(usage.historyKept()).isLessThanOrEqualTo(firstRequestHistory.size());
        // Nothing that would have fitted was dropped: one more message would have burst the budget.
        DialogMessage nextOldest = history.get(history.size() - firstRequestHistory.size() - 1);
        assertThat(standIn.requests().getFirst().promptTokens()
                + counter.countMessage("user", nextOldest.content())).isGreaterThan(budget);
    }

    @Test
    void aHistoryCountedWhenStoredIsTakenAsCountedAndMatchesWhatTheApiBills() {
        String asked = "How did Anna do in maths this week?";
        String answered = "Anna finished 3 lessons and scored 92 on the fractions quiz.";
        List<DialogMessage> stored = List.of(
                new DialogMessage(PARENT, DialogRole.USER, asked, counter.countMessage("user", asked), Instant.EPOCH),
                new DialogMessage(PARENT, DialogRole.ASSISTANT, answered, counter.countMessage("assistant", answered),
                        Instant.EPOCH));
        standIn.enqueue(Behaviour.text("Good."));

        Reply reply = assistant(6000, QUICK).answer(prompt("And reading?", stored), new RecordingToolBox(List.of()),
                t -> {
                });

        Usage usage = ((Reply.Answered) reply).usage();
        assertThat(usage.promptCounted()).isEqualTo(usage.promptReported()).isEqualTo(standIn.lastRequest()
                .promptTokens());

        // The count given is the one used: the same history with its first count off by 5 is counted 5 more.
        List<DialogMessage> miscounted = List.of(new DialogMessage(PARENT, DialogRole.USER, asked,
                stored.getFirst().tokenCount() + 5, Instant.EPOCH), stored.get(1));
        standIn.enqueue(Behaviour.text("Good."));
        Reply again = assistant(6000, QUICK).answer(prompt("And reading?", miscounted),
                new RecordingToolBox(List.of()), t -> {
                });
        assertThat(((Reply.Answered) again).usage().promptCounted()).isEqualTo(usage.promptCounted() + 5);
    }

    @Test
    void aContextTooBigForTheBudgetIsCutFromTheEndAndTheQuestionKept() {
        String context = "Anna: grade 5, likes maths and reading. ".repeat(200);
        Prompt prompt = new Prompt(Language.EN, "Be brief.", context, List.of(message(DialogRole.USER, "old")),
                "What did Anna do today?");
        standIn.enqueue(Behaviour.text("She read."));

        Reply reply = assistant(500, QUICK).answer(prompt, new RecordingToolBox(List.of()), t -> {
        });

        Request request = standIn.lastRequest();
        assertThat(request.promptTokens()).isLessThanOrEqualTo(500).isGreaterThan(450);
        assertThat(request.messages()).extracting(ChatMessage::role).containsExactly("system", "user");
        String system = request.messages().getFirst().content();
        assertThat(system).startsWith("Be brief.\n\nAnna: grade 5").hasSizeLessThan(context.length());
        assertThat(("Be brief.\n\n" + context)).startsWith(system);
        assertThat(request.messages().getLast().content()).isEqualTo("What did Anna do today?");
        assertThat(((Reply.Answered) reply).usage().historyKept()).isZero();
    }

    @Test
    void aRateLimitIsRetriedAfterItsRetryAfter() {
        standIn.enqueue(Behaviour.rateLimited(1), Behaviour.text("ok"));

        Reply reply = assistant().answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
        });

        assertThat(reply).isInstanceOf(Reply.Answered.class);
        assertThat(((Reply.Answered) reply).text()).isEqualTo("ok");
        assertThat(((Reply.Answered) reply).usage().requests()).isEqualTo(1);
        List<Request> requests = standIn.requests();
        assertThat(requests).hasSize(2);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThan(Duration.ofMillis(900));
        assertThat(metrics.requests).containsExactly(AssistantMetrics.RequestOutcome.RETRIED,
                AssistantMetrics.RequestOutcome.OK);
    }

    @Test
    void aRetryAfterBeyondTheBoundFailsAtOnce() {
        standIn.enqueue(Behaviour.rateLimited(60));

        Reply reply = assistant().answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
        });

        assertThat(reply).isInstanceOf(Reply.Unavailable.class);
        assertThat(((Reply.Unavailable) reply).cause()).isEqualTo(Cause.FAILED);
        assertThat(((Reply.Unavailable) reply).detail()).contains("429").contains("Retry-After 60 s");
        assertThat(standIn.requestCount()).isEqualTo(1);
        assertThat(metrics.requests).containsExactly(AssistantMetrics.RequestOutcome.FAILED);
    }

    @Test
    void serverErrorsAreRetriedUpToThreeAttempts() {
        standIn.enqueue(Behaviour.serverError(), Behaviour.serverError(), Behaviour.text("third time lucky"));

        Reply reply = assistant().answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
        });

        assertThat(((Reply.Answered) reply).text()).isEqualTo("third time lucky");
        assertThat(standIn.requestCount()).isEqualTo(3);

        standIn.enqueue(Behaviour.serverError(), Behaviour.serverError(), Behaviour.serverError());
        Reply failed = assistant().answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
        });

        assertThat(failed).isEqualTo(new Reply.Unavailable(Cause.FAILED, "HTTP 500 stand_in_500"));
        assertThat(standIn.requestCount()).isEqualTo(6);
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        standIn.enqueue(Behaviour.status(400));

        Reply reply = assistant().answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
        });

        assertThat(reply).isEqualTo(new Reply.Unavailable(Cause.REJECTED, "HTTP 400 stand_in_400"));
        assertThat(standIn.requestCount()).isEqualTo(1);
        assertThat(metrics.requests).containsExactly(AssistantMetrics.RequestOutcome.REJECTED);
    }

    @Test
    void aWrongKeyIsRejectedAndNeverLogged() {
        OpenAiAssistant wrongKey = new OpenAiAssistant(new OpenAiSettings(Optional.of("sk-wrong-key-123456789"),
                standIn.baseUri(), OpenAiStandIn.MODEL, 6000), QUICK, counter, metrics, standIn.trustManager());
        assistants.add(wrongKey);

        Reply reply = wrongKey.answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
        });

        assertThat(reply).isInstanceOf(Reply.Unavailable.class);
        assertThat(((Reply.Unavailable) reply).cause()).isEqualTo(Cause.REJECTED);
        assertThat(((Reply.Unavailable) reply).detail()).contains("401").doesNotContain("sk-wrong");
        assertThat(metrics.requests).containsExactly(AssistantMetrics.RequestOutcome.REJECTED);
    }

    @Test
    void aStreamThatEndsEarlyIsRetriedAndOnlyTheSuccessfulTextIsAnswered() {
        standIn.enqueue(Behaviour.truncated("Half of an ans"), Behaviour.text("A whole answer."));
        List<String> partials = new CopyOnWriteArrayList<>();

        Reply reply = assistant().answer(prompt("Hi"), new RecordingToolBox(List.of()), partials::add);

        assertThat(((Reply.Answered) reply).text()).isEqualTo("A whole answer.");
        assertThat(partials).contains("Half of an ans").last().isEqualTo("A whole answer.");
        assertThat(standIn.requestCount()).isEqualTo(2);
    }

    @Test
    void aStreamWithoutItsUsageChunkIsStillAnAnswer() {
        standIn.enqueue(Behaviour.text("Fine.").withoutUsage());

        Reply reply = assistant().answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
        });

        Usage usage = ((Reply.Answered) reply).usage();
        assertThat(usage.promptReported()).isZero();
        assertThat(usage.completionReported()).isZero();
        assertThat(usage.promptCounted()).isEqualTo(standIn.lastRequest().promptTokens());
        assertThat(metrics.promptTokens()).isEqualTo(usage.promptCounted());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aStalledStreamTimesOutAndIsRetried() {
        // The silence limit is beyond the test's own: only the whole-request limit can end the first attempt in time.
        // That limit also bounds the retry, so it is long enough for a loaded machine's pauses (a collection, a
        // descheduled thread) during the retry; the first attempt stalls until it passes, which is what it costs.
        assertAStalledStreamIsRetried(new ModelReliability(Duration.ofSeconds(3), Duration.ofSeconds(120), 3,
                Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3), 50, 10, Duration.ofMillis(300), 2,
                50, Duration.ofMillis(100)));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aStreamSilentForTheReadTimeoutIsGivenUpAndRetried() {
        // The whole-request limit is beyond the test's own: only the silence between two reads can end the first
        // attempt in time. The retry is watched for silence too, so the limit is long enough for a loaded machine's
        // pauses between its reads; the first attempt is silent until it passes, which is what it costs.
        assertAStalledStreamIsRetried(new ModelReliability(Duration.ofSeconds(120), Duration.ofSeconds(2), 3,
                Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3), 50, 10, Duration.ofMillis(300), 2,
                50, Duration.ofMillis(100)));
    }

    /** A first stream that stalls after a few words is given up under {@code reliability}; the retry answers. */
    private void assertAStalledStreamIsRetried(ModelReliability reliability) {
        CountDownLatch release = new CountDownLatch(1);
        standIn.enqueue(Behaviour.stall("Thinking about it", release), Behaviour.text("Quick answer."));
        try {
            Reply reply = assistant(6000, reliability).answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
            });

            assertThat(((Reply.Answered) reply).text()).isEqualTo("Quick answer.");
            assertThat(standIn.requestCount()).isEqualTo(2);
            assertThat(metrics.requests).containsExactly(AssistantMetrics.RequestOutcome.RETRIED,
                    AssistantMetrics.RequestOutcome.OK);
        } finally {
            release.countDown();
        }
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndClosesAfterRecovery() {
        AtomicBoolean healthy = new AtomicBoolean(false);
        // Open long enough that a loaded machine's pause (a collection, a descheduled thread) does not half-open it
        // before the test has seen it open and been refused; the test then waits that long for the probe.
        OpenAiAssistant assistant = failingUnlessHealthy(healthy, 3, Duration.ofSeconds(3), "Back.");

        for (int i = 0; i < 10 && assistant.available(); i++) {
            assertThat(assistant.answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
            })).isInstanceOf(Reply.Unavailable.class);
        }
        assertThat(assistant.available()).isFalse();
        assertThat(standIn.requestCount()).isEqualTo(3);
        assertThat(metrics.breakerStates).containsExactly(AssistantMetrics.BreakerState.OPEN);

        Reply refused = assistant.answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
        });
        assertThat(refused).isInstanceOf(Reply.Unavailable.class);
        assertThat(((Reply.Unavailable) refused).cause()).isEqualTo(Cause.CIRCUIT_OPEN);
        assertThat(standIn.requestCount()).isEqualTo(3);
        assertThat(metrics.requests).endsWith(AssistantMetrics.RequestOutcome.CIRCUIT_OPEN);

        healthy.set(true);
        until("the circuit admits a probe", assistant::available, Duration.ofSeconds(15));
        assertThat(assistant.answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
        })).isInstanceOf(Reply.Answered.class);
        assertThat(assistant.answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
        })).isInstanceOf(Reply.Answered.class);
        assertThat(metrics.breakerStates).containsExactly(AssistantMetrics.BreakerState.OPEN,
                AssistantMetrics.BreakerState.HALF_OPEN, AssistantMetrics.BreakerState.CLOSED);
        assertThat(assistant.available()).isTrue();
    }

    @Test
    void aPacedAnswerIsLeftToGatherBetweenReadsOverHttp2AndReadAsItComesOverHttp11() {
        String text = "Anna did well in maths this week, and her reading is coming along nicely too.";
        // Paced slowly enough that a reader held up for a while (a loaded machine) still catches up with the stream,
        // and so finds nothing new, before the answer ends: over HTTP/2 that is when it pauses.
        standIn.enqueue(Behaviour.text(text, new OpenAiStandIn.Pacing(8, Duration.ofMillis(1400))));
        OpenAiAssistant assistant = assistant();

        Reply reply = assistant.answer(prompt("How is Anna doing?"), new RecordingToolBox(List.of()), t -> {
        });

        assertThat(reply).isInstanceOfSatisfying(Reply.Answered.class, answered ->
                assertThat(answered.text()).isEqualTo(text));
        if (transport() == OpenAiStandIn.Transport.TLS_HTTP_2) {
            assertThat(assistant.gatheringPauses()).isPositive();
        } else {
            // Over HTTP/1.1 the body shows only the rest of the current HTTP chunk as available: a gathering reader
            // took every event for the last one received and paused after each, a quarter of a second per event.
            assertThat(assistant.gatheringPauses()).isZero();
        }
    }

    @Test
    void aBurstOfFailuresAmongManyGoodRequestsLeavesTheCircuitClosedUntilHalfFailed() {
        AtomicBoolean healthy = new AtomicBoolean(true);
        OpenAiAssistant assistant = failingUnlessHealthy(healthy, 10, Duration.ofSeconds(30), "Fine.");
        for (int i = 0; i < 20; i++) {
            assertThat(assistant.answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
            })).isInstanceOf(Reply.Answered.class);
        }

        // Six failures in a row: "five of the last ten" would open here; six of 26 is not half.
        healthy.set(false);
        for (int i = 0; i < 6; i++) {
            assertThat(assistant.answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
            })).isInstanceOf(Reply.Unavailable.class);
        }
        assertThat(assistant.available()).isTrue();
        assertThat(metrics.breakerStates).isEmpty();

        // Half of the minute's requests failed: it opens.
        for (int i = 6; i < 20; i++) {
            assertThat(assistant.available()).as("still closed after %d failures", i).isTrue();
            assertThat(assistant.answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
            })).isInstanceOf(Reply.Unavailable.class);
        }
        assertThat(assistant.available()).isFalse();
        assertThat(standIn.requestCount()).isEqualTo(40);
        assertThat(metrics.breakerStates).containsExactly(AssistantMetrics.BreakerState.OPEN);
    }

    /**
     * An assistant making one attempt per request, whose breaker opens at half of at least {@code minRequests} failed
     * for {@code openFor}, against a model that answers {@code answer} while {@code healthy} and fails (500) otherwise.
     */
    private OpenAiAssistant failingUnlessHealthy(AtomicBoolean healthy, int minRequests, Duration openFor,
                                                 String answer) {
        ModelReliability breaker = new ModelReliability(Duration.ofSeconds(10), Duration.ofSeconds(10), 1,
                Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3), 50, minRequests, openFor, 2,
                50, Duration.ofMillis(100));
        standIn.respondWith(request -> healthy.get() ? Behaviour.text(answer) : Behaviour.serverError());
        return assistant(6000, breaker);
    }

    @Test
    void aFullBulkheadAnswersBusy() throws Exception {
        ModelReliability single = new ModelReliability(Duration.ofSeconds(10), Duration.ofSeconds(10), 3,
                Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(3), 50, 10, Duration.ofMillis(300), 2,
                1, Duration.ofMillis(100));
        OpenAiAssistant assistant = assistant(6000, single);
        CountDownLatch release = new CountDownLatch(1);
        standIn.enqueue(Behaviour.stall("Holding the only slot", release));
        CompletableFuture<Reply> first = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> first.complete(assistant.answer(prompt("Hi"), new RecordingToolBox(List.of()),
                t -> {
                })));
        try {
            until("the first answer streams", () -> standIn.openStreams() == 1, Duration.ofSeconds(5));

            Reply second = assistant.answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
            });

            assertThat(second).isInstanceOf(Reply.Unavailable.class);
            assertThat(((Reply.Unavailable) second).cause()).isEqualTo(Cause.BUSY);
            assertThat(metrics.requests).containsExactly(AssistantMetrics.RequestOutcome.BUSY);
        } finally {
            release.countDown();
        }
        assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(Reply.Answered.class);
        assertThat(standIn.requestCount()).isEqualTo(1);
    }

    @Test
    void withoutAKeyItIsNotConfigured() {
        OpenAiAssistant offline = new OpenAiAssistant(new OpenAiSettings(Optional.empty(),
                URI.create("http://127.0.0.1:1/v1"), "gpt-4o-mini", 6000), ModelReliability.DEFAULTS, counter, metrics);

        assertThat(offline.available()).isFalse();
        Reply reply = offline.answer(prompt("Hi"), new RecordingToolBox(List.of()), t -> {
        });
        assertThat(reply).isInstanceOf(Reply.Unavailable.class);
        assertThat(((Reply.Unavailable) reply).cause()).isEqualTo(Cause.NOT_CONFIGURED);
        offline.close();
    }

    private static DialogMessage message(DialogRole role, String content) {
        return new DialogMessage(PARENT, role, content, 0, Instant.EPOCH);
    }

    /** Polls a condition until it holds or the deadline passes. */
    static void until(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    static final class RecordingToolBox implements ToolBox {

        private final List<Tool> tools;
        private final Function<ToolCall, ToolResult> results;
        final List<ToolCall> calls = new CopyOnWriteArrayList<>();

        RecordingToolBox(List<Tool> tools) {
            this(tools, call -> new ToolResult(true, Map.of("count", 2)));
        }

        RecordingToolBox(List<Tool> tools, Function<ToolCall, ToolResult> results) {
            this.tools = tools;
            this.results = results;
        }

        @Override
        public List<Tool> tools() {
            return tools;
        }

        @Override
        public ToolResult call(ToolCall call) {
            calls.add(call);
            return results.apply(call);
        }
    }

    static final class RecordingMetrics implements AssistantMetrics {

        final List<RequestOutcome> requests = new CopyOnWriteArrayList<>();
        final List<BreakerState> breakerStates = new CopyOnWriteArrayList<>();
        final List<Long> prompt = new CopyOnWriteArrayList<>();

        @Override
        public void modelRequest(RequestOutcome outcome, Duration took) {
            requests.add(outcome);
        }

        @Override
        public void tokens(TokenKind kind, long count) {
            if (kind == TokenKind.PROMPT) {
                prompt.add(count);
            }
        }

        @Override
        public void breakerState(BreakerState state) {
            breakerStates.add(state);
        }

        long promptTokens() {
            return prompt.stream().mapToLong(Long::longValue).sum();
        }
    }
}
