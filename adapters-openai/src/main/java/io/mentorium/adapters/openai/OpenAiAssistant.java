package io.mentorium.adapters.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.Timeout;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageParam;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.chat.completions.ChatCompletionTool;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import dev.failsafe.Bulkhead;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.ExecutionContext;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.event.CircuitBreakerStateChangedEvent;
import io.mentorium.application.port.out.AiAssistant;
import io.mentorium.application.port.out.AssistantMetrics;
import io.mentorium.application.port.out.AssistantMetrics.BreakerState;
import io.mentorium.application.port.out.AssistantMetrics.RequestOutcome;
import io.mentorium.application.port.out.AssistantMetrics.TokenKind;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assistant on an OpenAI-compatible chat completions API: streamed replies, function calling with the
 * application's tools, a token budget per request and a reliability shell around every request.
 *
 * <p>The shell, outermost first: a bulkhead per answer ({@link ModelReliability#maxConcurrentCalls}), then per request
 * a retry policy (429, 5xx, timeouts, I/O errors and streams that end early; Retry-After honoured up to a bound), a
 * circuit breaker shared by all answers, a retry of requests the server refused unprocessed (HTTP/2
 * {@code REFUSED_STREAM}, or cut off while their body went out: {@link ModelFailure#refused}) that the breaker does
 * not count, and a timeout on the whole streamed request. openai-java's own retries are off: they would retry
 * underneath the circuit breaker and the timeout, multiplying the attempts and hiding the failures the breaker must
 * count.
 *
 * <p>Never throws from {@link #answer}: every failure becomes {@link Reply.Unavailable} with a detail safe to log.
 */
public final class OpenAiAssistant implements AiAssistant, AutoCloseable {

    /** Tool rounds per answer; then one request that may no longer call tools. */
    public static final int MAX_TOOL_ROUNDS = 4;

    private static final Logger log = LoggerFactory.getLogger(OpenAiAssistant.class);
    private static final ObjectMapper JSON = new ObjectMapper(JsonBuffers.factory())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration IDLE_CONNECTION_KEEP_ALIVE = Duration.ofMinutes(1);
    private static final int MAX_REASON_LENGTH = 200;
    /** Refused requests retried per request before refusals count as failures (see {@link ModelFailure#refused}). */
    static final int MAX_REFUSALS = 8;
    private static final Duration REFUSAL_BACKOFF_BASE = Duration.ofMillis(100);
    private static final Duration REFUSAL_BACKOFF_MAX = Duration.ofSeconds(2);

    /**
     * How long a streaming answer's chunks gather between two reads ({@link ChunkStream.Gathering}): a quarter of the
     * one-second pace of previews, so each preview still shows text at most this old, while an answer's thread wakes a
     * dozen times instead of once for each of its forty-odd chunks. Over HTTP/2 only (see {@link CallSlot#multiplexed}).
     */
    static final Duration STREAM_GATHER = Duration.ofMillis(250);

    /** The HTTP call of the request this thread is making, so the shell's timeout can cancel it. */
    private static final ThreadLocal<CallSlot> CURRENT_CALL = new ThreadLocal<>();

    private final OpenAiSettings settings;
    private final ModelReliability reliability;
    private final JtokkitTokenCounter counter;
    private final AssistantMetrics metrics;
    private final OpenAIClient client;
    private final Bulkhead<Object> bulkhead;
    private final CircuitBreaker<StreamedReply> breaker;
    private final FailsafeExecutor<StreamedReply> shell;
    /** Null without a client: nothing streams, so no timer thread is started. */
    private final SilenceWatch silence;
    private final ChunkStream.Gathering gathering;
    private final LongAdder gatheringPauses = new LongAdder();
    /**
     * The definitions of the tool sets offered so far, shared by every request that offers them (immutable SDK models):
     * built per answer they were eight object trees for every answer in flight, thousands of them alive at once.
     */
    private final BoundedMemo<List<Tool>, List<ChatCompletionTool>> toolDefinitions = new BoundedMemo<>(16);

    /** What one successful request brought back. */
    private record StreamedReply(String text, List<ChatMessage.FunctionCall> calls, int promptReported,
                                 int completionReported, int completionCounted) {
    }

    public OpenAiAssistant(OpenAiSettings settings, ModelReliability reliability, JtokkitTokenCounter counter,
                           AssistantMetrics metrics) {
        this(settings, reliability, counter, metrics, Optional.empty());
    }

    /**
     * @param trust the certificates to trust for the model's TLS instead of the JVM's (a private gateway's own
     *              authority; a test's stand-in); empty for the JVM's trust store
     */
    public OpenAiAssistant(OpenAiSettings settings, ModelReliability reliability, JtokkitTokenCounter counter,
                           AssistantMetrics metrics, Optional<X509TrustManager> trust) {
        Objects.requireNonNull(trust, "trust");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.reliability = Objects.requireNonNull(reliability, "reliability");
        this.counter = Objects.requireNonNull(counter, "counter");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.client = settings.apiKey().map(key -> connect(settings, reliability, key, trust)).orElse(null);
        this.silence = client == null ? null : new SilenceWatch(reliability.readTimeout());
        // Well inside the silence limit, which a gathering stream must never look like it has reached, and a small
        // part of a whole request's allowance.
        ChunkStream.Gathering sleeping = ChunkStream.Gathering.sleeping(min(STREAM_GATHER,
                min(reliability.readTimeout().dividedBy(4), reliability.callTimeout().dividedBy(8))));
        this.gathering = sleeping == ChunkStream.Gathering.NONE ? sleeping : () -> {
            gatheringPauses.increment();
            sleeping.pause();
        };
        this.bulkhead = Bulkhead.of(reliability.maxConcurrentCalls());
        this.breaker = CircuitBreaker.<StreamedReply>builder()
                // Refusals reach the breaker only once their own retries are spent: then they count.
                .handleIf(failure -> ModelFailure.of(failure).retryable())
                .withFailureRateThreshold(reliability.breakerFailurePercent(), reliability.breakerMinRequests(),
                        ModelReliability.BREAKER_PERIOD)
                .withDelay(reliability.breakerDelay())
                .withSuccessThreshold(reliability.breakerSuccesses())
                .onOpen(event -> transition(BreakerState.OPEN, event))
                .onHalfOpen(event -> transition(BreakerState.HALF_OPEN, event))
                .onClose(event -> transition(BreakerState.CLOSED, event))
                .build();
        RetryPolicy<StreamedReply> retry = RetryPolicy.<StreamedReply>builder()
                .handleIf(failure -> ModelFailure.of(failure).retryable())
                .abortIf((result, failure) -> failure != null && retryAfterTooLong(ModelFailure.of(failure)))
                .withMaxAttempts(reliability.maxAttempts())
                .withDelayFn(context -> delayBefore(context.getAttemptCount(), context.getLastException()))
                .build();
        // A request the server refused (ModelFailure.refused) goes again inside the breaker: a burst of refusals is
        // the connection's flow control, not the model failing. The pauses are short and spread, so the retries of
        // one burst do not all land again on a new connection whose limit is not yet known. Past MAX_REFUSALS in one
        // request refusals count as failures, and the retry above takes over.
        RetryPolicy<StreamedReply> refusedRetry = RetryPolicy.<StreamedReply>builder()
                .handleIf(failure -> ModelFailure.of(failure).refused())
                .withMaxRetries(MAX_REFUSALS)
                .withBackoff(REFUSAL_BACKOFF_BASE, REFUSAL_BACKOFF_MAX)
                .withJitter(0.5)
                .build();
        this.shell = Failsafe.with(retry)
                .compose(breaker)
                .compose(refusedRetry)
                .compose(dev.failsafe.Timeout.<StreamedReply>builder(reliability.callTimeout()).build());
    }

    /** How many times a streaming answer's reader paused for its chunks to gather (tests). */
    long gatheringPauses() {
        return gatheringPauses.sum();
    }

    private static OpenAIClient connect(OpenAiSettings settings, ModelReliability reliability, String key,
                                        Optional<X509TrustManager> trust) {
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder();
        trust.ifPresent(manager -> builder.sslSocketFactory(socketFactory(manager)).trustManager(manager));
        // Over TLS the client offers HTTP/2 by ALPN (OkHttp's default), as api.openai.com accepts: the answers in
        // flight share a few multiplexed connections instead of holding one each.
        return builder
                .apiKey(key)
                .baseUrl(settings.baseUrl().toString())
                .maxRetries(0)
                .jsonMapper(RequestJson.mapper())
                // The shell's timeout bounds a request and the silence watch the time between two reads; the client's
                // own read, write and whole-call timeouts are off, as each costs every read a walk of one JVM-wide
                // list under one lock (SilenceWatch). A write timeout shorter than the Bot API's also put each
                // request's write at the front of that list, waking okio's watchdog about twice per answer. A write
                // stuck on a full window or socket still ends as soon as before: the silence watch, armed before the
                // request goes out, cancels the call after the same readTimeout, which resets the stream (HTTP/2) or
                // closes the socket (HTTP/1.1) under it.
                .timeout(Timeout.builder()
                        .connect(CONNECT_TIMEOUT)
                        .read(Duration.ZERO)
                        .write(Duration.ZERO)
                        .request(Duration.ZERO)
                        .build())
                // Keep enough idle connections for a burst of answers to reuse instead of reconnecting.
                .maxIdleConnections(Math.min(reliability.maxConcurrentCalls(), 256))
                .keepAliveDuration(IDLE_CONNECTION_KEEP_ALIVE)
                .addInterceptor(chain -> {
                    // Synchronous calls run their interceptors on the calling thread: the one that set the slot.
                    CallSlot slot = CURRENT_CALL.get();
                    okhttp3.Request request = chain.request();
                    okhttp3.Request.Builder sent = request.newBuilder()
                            .headers(withoutClientTelemetry(request.headers()));
                    if (slot != null) {
                        slot.started(chain.call());
                        if (request.body() != null) {
                            sent.method(request.method(), new SendingWatched(request.body(), slot));
                        }
                    }
                    okhttp3.Response response = chain.proceed(sent.build());
                    if (slot != null) {
                        slot.answeredOver(response.protocol());
                    }
                    return response;
                })
                .build();
    }

    /** The headers openai-java adds to describe itself and the machine: {@code X-Stainless-OS}, {@code -Arch}, … */
    static final String CLIENT_TELEMETRY_PREFIX = "x-stainless-";

    /**
     * The request's headers without the client's telemetry (its language, version, OS and version, architecture, Java
     * runtime and version, retry count). The API needs none of them, the machine's details are nobody's business
     * outside it, and each was work at every request: nine headers more for OkHttp to lower-case and HPACK-encode
     * (lower-casing the names alone was 1.3 % of the answers' profile samples, docs/PERFORMANCE.md).
     */
    static okhttp3.Headers withoutClientTelemetry(okhttp3.Headers headers) {
        okhttp3.Headers.Builder kept = new okhttp3.Headers.Builder();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            if (!name.regionMatches(true, 0, CLIENT_TELEMETRY_PREFIX, 0, CLIENT_TELEMETRY_PREFIX.length())) {
                kept.add(name, headers.value(i));
            }
        }
        return kept.build();
    }

    private static SSLSocketFactory socketFactory(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean available() {
        return client != null && breakerAdmits();
    }

    @Override
    public Reply answer(Prompt prompt, ToolBox tools, Consumer<String> partialText) {
        if (client == null) {
            return new Reply.Unavailable(Cause.NOT_CONFIGURED, "no model configured (OPENAI_API_KEY is not set)");
        }
        if (!breakerAdmits()) {
            metrics.modelRequest(RequestOutcome.CIRCUIT_OPEN, Duration.ZERO);
            return new Reply.Unavailable(Cause.CIRCUIT_OPEN, "circuit open after repeated model failures");
        }
        try {
            if (!bulkhead.tryAcquirePermit(reliability.bulkheadWait())) {
                metrics.modelRequest(RequestOutcome.BUSY, Duration.ZERO);
                log.warn("Model busy: {} answers in flight, none finished within {} ms",
                        reliability.maxConcurrentCalls(), reliability.bulkheadWait().toMillis());
                return new Reply.Unavailable(Cause.BUSY,
                        "busy: " + reliability.maxConcurrentCalls() + " model calls in flight");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply.Unavailable(Cause.FAILED, "interrupted while waiting for a free model slot");
        }
        try {
            return converse(prompt, tools, partialText);
        } catch (RuntimeException e) {
            // A bug of ours or of a library: the caller falls back; the stack trace is for us, its message is not
            // logged because it may quote the prompt.
            log.error("Model answer failed unexpectedly: {}", e.getClass().getName());
            return new Reply.Unavailable(Cause.FAILED, "unexpected " + e.getClass().getSimpleName());
        } finally {
            bulkhead.releasePermit();
        }
    }

    private Reply converse(Prompt prompt, ToolBox toolBox, Consumer<String> partialText) {
        List<Tool> tools = toolBox.tools();
        List<ChatCompletionTool> definitions = tools.isEmpty() ? List.of() : toolDefinitions.get(List.copyOf(tools),
                offered -> offered.stream().map(OpenAiAssistant::definition).toList());
        PromptBudget budget = new PromptBudget(counter, settings.promptTokenBudget(), prompt, tools);
        List<ChatMessage> exchange = new ArrayList<>();
        Tally tally = new Tally();
        for (int round = 0; ; round++) {
            boolean mayCallTools = !tools.isEmpty() && round < MAX_TOOL_ROUNDS;
            PromptBudget.Fitted request = budget.fit(exchange);
            if (!request.withinBudget()) {
                log.warn("Model request of {} tokens exceeds the budget of {} even trimmed (instructions, tools and "
                        + "tool results are never cut)", request.counted(), settings.promptTokenBudget());
            }
            ChatCompletionCreateParams params = params(request.messages(), definitions, mayCallTools);
            StreamedReply reply;
            try {
                reply = request(params, partialText);
            } catch (RuntimeException failure) {
                ModelFailure reason = ModelFailure.of(failure instanceof FailsafeException wrapped
                        && wrapped.getCause() != null ? wrapped.getCause() : failure);
                if (reason.cause() == Cause.CIRCUIT_OPEN) {
                    metrics.modelRequest(RequestOutcome.CIRCUIT_OPEN, Duration.ZERO);
                }
                String detail = reason.retryable() && retryAfterTooLong(reason)
                        ? reason.detail() + "; Retry-After " + reason.retryAfter().orElseThrow().toSeconds()
                                + " s is longer than " + reliability.maxRetryAfter().toSeconds() + " s"
                        : reason.detail();
                return new Reply.Unavailable(reason.cause(), detail);
            }
            tally.add(request, reply);
            if (!mayCallTools || reply.calls().isEmpty()) {
                if (reply.text().isBlank()) {
                    return new Reply.Unavailable(Cause.FAILED, "the model answered without text after "
                            + round + " tool rounds");
                }
                return new Reply.Answered(reply.text(), tally.usage());
            }
            exchange.add(new ChatMessage(ChatMessage.ASSISTANT, reply.text(), reply.calls(), Optional.empty()));
            for (ChatMessage.FunctionCall call : reply.calls()) {
                ToolResult result = call(toolBox, toolCall(call));
                exchange.add(ChatMessage.toolResult(call.id(), json(result)));
            }
        }
    }

    /** One request through the shell: retried, timed out, counted by the breaker. */
    private StreamedReply request(ChatCompletionCreateParams params, Consumer<String> partialText) {
        // Attempts as the retry policy counts them; a refusal retried at once is not one.
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger refusals = new AtomicInteger();
        return shell.get(context -> {
            long started = System.nanoTime();
            try {
                StreamedReply reply = stream(context, params, partialText);
                metrics.modelRequest(RequestOutcome.OK, Duration.ofNanos(System.nanoTime() - started));
                return reply;
            } catch (RuntimeException e) {
                ModelFailure failure = context.isCancelled()
                        ? ModelFailure.timedOut(reliability.callTimeout()) : ModelFailure.of(e);
                if (failure.refused() && refusals.incrementAndGet() <= MAX_REFUSALS) {
                    metrics.modelRequest(RequestOutcome.RETRIED, Duration.ofNanos(System.nanoTime() - started));
                    // Dozens at once under a burst, each harmless: not a warning (the metric counts them as retried).
                    log.debug("Model request refused by the server ({}, {} of {} refusals): retrying", failure.detail(),
                            refusals.get(), MAX_REFUSALS);
                    throw e;
                }
                int attempt = attempts.incrementAndGet();
                boolean again = failure.retryable() && attempt < reliability.maxAttempts()
                        && !retryAfterTooLong(failure);
                RequestOutcome outcome = again ? RequestOutcome.RETRIED
                        : failure.cause() == Cause.REJECTED ? RequestOutcome.REJECTED : RequestOutcome.FAILED;
                metrics.modelRequest(outcome, Duration.ofNanos(System.nanoTime() - started));
                log.warn("Model request failed (attempt {}/{}): {}; {}", attempt, reliability.maxAttempts(),
                        failure.detail(), again ? "retrying" : "giving up");
                throw e;
            }
        });
    }

    private StreamedReply stream(ExecutionContext<StreamedReply> context, ChatCompletionCreateParams params,
                                 Consumer<String> partialText) {
        // The shell's timeout cancels the attempt. Closing the response from another thread does not wake a read
        // blocked on the socket; cancelling the HTTP call closes the socket, before or after the headers came.
        CallSlot slot = new CallSlot();
        context.onCancel(slot::cancel);
        ChunkStream.Reply streamed;
        try (SilenceWatch.Watched watched = silence.watch(slot::cancel)) {
            try {
                CURRENT_CALL.set(slot);
                HttpResponseFor<StreamResponse<ChatCompletionChunk>> opened;
                try {
                    // The raw response: openai-java still sends the request and turns error statuses into its
                    // exceptions, but the chunks are read by ChunkStream rather than bound to the SDK's models.
                    opened = client.chat().completions().withRawResponse().createStreaming(params);
                } finally {
                    CURRENT_CALL.remove();
                }
                try (HttpResponseFor<StreamResponse<ChatCompletionChunk>> response = opened) {
                    streamed = ChunkStream.read(watched.listenTo(response.body()), text -> show(partialText, text),
                            slot.multiplexed() ? gathering : ChunkStream.Gathering.NONE);
                }
            } catch (RuntimeException e) {
                if (watched.silent()) {
                    throw new ModelFailure.Silence(reliability.readTimeout());
                }
                Throwable io = ModelFailure.ioCause(e);
                if (io != null && slot.cutShortWhileSending()) {
                    throw new ModelFailure.CutShortWhileSending(io);
                }
                throw e;
            }
        }
        return new StreamedReply(streamed.text(), streamed.calls(),
                streamed.hasUsage() ? (int) streamed.promptTokens() : 0,
                streamed.hasUsage() ? (int) Math.max(0, streamed.completionTokens()) : 0,
                counter.countCompletion(streamed.text(), streamed.calls()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void show(Consumer<String> partialText, String text) {
        try {
            partialText.accept(text);
        } catch (RuntimeException e) {
            // A preview that could not be shown must not cost the answer.
            log.debug("Partial text callback failed: {}", e.getClass().getName());
        }
    }

    private ChatCompletionCreateParams params(List<ChatMessage> messages, List<ChatCompletionTool> definitions,
                                              boolean mayCallTools) {
        ChatCompletionCreateParams.Builder builder = ChatCompletionCreateParams.builder()
                .model(settings.model())
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        for (ChatMessage message : messages) {
            builder.addMessage(message(message));
        }
        if (!definitions.isEmpty()) {
            // The definitions stay in the last request, so the earlier calls it carries still refer to known tools.
            builder.tools(definitions);
            if (!mayCallTools) {
                builder.toolChoice(ChatCompletionToolChoiceOption.Auto.NONE);
            }
        }
        return builder.build();
    }

    /** A message as the client takes it; {@link RequestJson} writes these kinds without the client's reflection. */
    static ChatCompletionMessageParam message(ChatMessage message) {
        return switch (message.role()) {
            case ChatMessage.SYSTEM -> ChatCompletionMessageParam.ofSystem(ChatCompletionSystemMessageParam.builder()
                    .content(message.content()).build());
            case ChatMessage.USER -> ChatCompletionMessageParam.ofUser(ChatCompletionUserMessageParam.builder()
                    .content(message.content()).build());
            case ChatMessage.TOOL -> ChatCompletionMessageParam.ofTool(ChatCompletionToolMessageParam.builder()
                    .toolCallId(message.toolCallId().orElseThrow()).content(message.content()).build());
            default -> ChatCompletionMessageParam.ofAssistant(assistant(message));
        };
    }

    private static ChatCompletionAssistantMessageParam assistant(ChatMessage message) {
        ChatCompletionAssistantMessageParam.Builder builder = ChatCompletionAssistantMessageParam.builder();
        if (!message.content().isEmpty() || message.toolCalls().isEmpty()) {
            builder.content(message.content());
        }
        for (ChatMessage.FunctionCall call : message.toolCalls()) {
            builder.addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                    .id(call.id())
                    .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                            .name(call.name()).arguments(call.arguments()).build())
                    .build());
        }
        return builder.build();
    }

    static ChatCompletionTool definition(Tool tool) {
        FunctionParameters.Builder parameters = FunctionParameters.builder();
        FunctionSchemas.parameters(tool).forEach((key, value) -> parameters.putAdditionalProperty(key,
                JsonValue.from(value)));
        return ChatCompletionTool.ofFunction(ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name(tool.name())
                        .description(tool.description())
                        .parameters(parameters.build())
                        .strict(false)
                        .build())
                .build());
    }

    /** The model's call as the application takes it: parsed arguments, or why they could not be parsed. */
    static ToolCall toolCall(ChatMessage.FunctionCall call) {
        String raw = call.arguments().strip();
        if (raw.isEmpty()) {
            // Some models send nothing at all for a function without parameters.
            return ToolCall.of(call.name(), Map.of());
        }
        try {
            JsonNode node = JSON.readTree(raw);
            if (node == null || !node.isObject()) {
                return malformed(call, "arguments are not a JSON object");
            }
            return ToolCall.of(call.name(), JSON.convertValue(node, OBJECT));
        } catch (JsonProcessingException e) {
            return malformed(call, "arguments are not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static ToolCall malformed(ChatMessage.FunctionCall call, String reason) {
        String shortReason = reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH);
        return new ToolCall(call.name(), Map.of(), Optional.of(shortReason));
    }

    private static ToolResult call(ToolBox toolBox, ToolCall call) {
        try {
            return toolBox.call(call);
        } catch (RuntimeException e) {
            // The port says a tool box never throws; if one does, the model still gets an answer it can read.
            log.error("Tool {} threw {}", call.name(), e.getClass().getName());
            return ToolResult.error("the tool failed");
        }
    }

    private static String json(ToolResult result) {
        try {
            return JSON.writeValueAsString(result.content());
        } catch (JsonProcessingException e) {
            return "{\"error\":\"the tool's result could not be serialised\"}";
        }
    }

    /** Retry-After when the API gave one, else exponential backoff with up to half of it randomised away. */
    private Duration delayBefore(int failedAttempts, Throwable lastFailure) {
        if (lastFailure != null) {
            Optional<Duration> asked = ModelFailure.of(lastFailure).retryAfter();
            if (asked.isPresent()) {
                return asked.get();
            }
        }
        long base = reliability.backoffBase().toMillis() << Math.min(Math.max(failedAttempts - 1, 0), 20);
        long capped = Math.min(base, reliability.backoffMax().toMillis());
        return Duration.ofMillis(capped - ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private boolean retryAfterTooLong(ModelFailure failure) {
        return failure.retryAfter().filter(wait -> wait.compareTo(reliability.maxRetryAfter()) > 0).isPresent();
    }

    /** Open admits nothing until its delay has passed; then the breaker lets probes through (half-open). */
    private boolean breakerAdmits() {
        return !breaker.isOpen() || breaker.getRemainingDelay().isZero();
    }

    private void transition(BreakerState state, CircuitBreakerStateChangedEvent event) {
        metrics.breakerState(state);
        if (state == BreakerState.OPEN) {
            log.warn("Model circuit opened (was {}): model requests refused for {} ms", event.getPreviousState(),
                    reliability.breakerDelay().toMillis());
        } else {
            log.info("Model circuit {} (was {})", state, event.getPreviousState());
        }
    }

    @Override
    public void close() {
        if (client != null) {
            silence.close();
            client.close();
        }
    }

    /**
     * The HTTP call of one attempt, cancelled when the shell's timeout cancels the attempt, whichever comes first; and
     * how far its request body got.
     */
    private static final class CallSlot {

        private okhttp3.Call call;
        private boolean cancelled;
        private volatile boolean bodyStarted;
        private volatile boolean bodySent;
        private volatile boolean multiplexed;

        void answeredOver(okhttp3.Protocol protocol) {
            multiplexed = protocol == okhttp3.Protocol.HTTP_2 || protocol == okhttp3.Protocol.H2_PRIOR_KNOWLEDGE;
        }

        /**
         * Whether the answer came over HTTP/2, the only protocol on which a stream's chunks may be left to gather
         * ({@link ChunkStream.Gathering}). Over HTTP/1.1 the body's {@code available()} sees only what is left of the
         * current HTTP chunk, which a server streaming one event per chunk has always read to its end: every event
         * looked like the last one received, and a gathering read paused after each, so a three-second answer of
         * forty chunks took ten seconds and more. There the answer's own thread reads the socket, without the
         * connection reader's hand-off that gathering saves, so its chunks are read as they come.
         */
        boolean multiplexed() {
            return multiplexed;
        }

        /**
         * Whether the request failed after its body began to go out and before all of it had: the server cannot have
         * processed a request it did not receive whole. Over HTTP/2 this is a stream the server reset (refused) while
         * the body waited for the connection's flow-control window, which OkHttp reports as a plain "stream closed".
         * A failure before the body began (a refused connection, a handshake) or after it was sent counts as usual,
         * as does one this side caused by cancelling.
         */
        synchronized boolean cutShortWhileSending() {
            return bodyStarted && !bodySent && !cancelled;
        }

        synchronized void started(okhttp3.Call started) {
            call = started;
            if (cancelled) {
                started.cancel();
            }
        }

        synchronized void cancel() {
            cancelled = true;
            if (call != null) {
                call.cancel();
            }
        }
    }

    /** A request body that tells its {@link CallSlot} when writing it began and when all of it was written. */
    private static final class SendingWatched extends okhttp3.RequestBody {

        private final okhttp3.RequestBody body;
        private final CallSlot slot;

        SendingWatched(okhttp3.RequestBody body, CallSlot slot) {
            this.body = body;
            this.slot = slot;
        }

        @Override
        public okhttp3.MediaType contentType() {
            return body.contentType();
        }

        @Override
        public long contentLength() throws java.io.IOException {
            return body.contentLength();
        }

        @Override
        public boolean isOneShot() {
            return body.isOneShot();
        }

        @Override
        public void writeTo(okio.BufferedSink sink) throws java.io.IOException {
            slot.bodyStarted = true;
            body.writeTo(sink);
            // Written to the sink is not yet sent: OkHttp pushes what is buffered out when it closes the sink after
            // this returns, and over HTTP/2 that is where a body waiting for the flow-control window meets a stream
            // the server reset. Flushing here sends it all (as far as the socket) before the body counts as sent;
            // closing then only ends the stream.
            sink.flush();
            slot.bodySent = true;
        }
    }

    /** The usage of one answer, summed over its successful requests. */
    private final class Tally {

        private int requests;
        private int promptCounted;
        private int promptReported;
        private int completionCounted;
        private int completionReported;
        private int largestPromptCounted;
        private int historyKept;

        void add(PromptBudget.Fitted request, StreamedReply reply) {
            requests++;
            promptCounted += request.counted();
            promptReported += reply.promptReported();
            completionCounted += reply.completionCounted();
            completionReported += reply.completionReported();
            largestPromptCounted = Math.max(largestPromptCounted, request.counted());
            historyKept = request.historyKept();
            metrics.tokens(TokenKind.PROMPT, reply.promptReported() > 0 ? reply.promptReported() : request.counted());
            metrics.tokens(TokenKind.COMPLETION,
                    reply.completionReported() > 0 ? reply.completionReported() : reply.completionCounted());
        }

        Usage usage() {
            return new Usage(requests, promptCounted, promptReported, completionCounted, completionReported,
                    largestPromptCounted, historyKept);
        }
    }
}
