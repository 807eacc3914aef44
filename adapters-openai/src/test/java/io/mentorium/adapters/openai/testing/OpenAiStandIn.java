package io.mentorium.adapters.openai.testing;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.adapters.openai.ChatMessage;
import io.mentorium.adapters.openai.JtokkitTokenCounter;
import io.mentorium.adapters.openai.OpenAiSettings;
import io.mentorium.application.port.out.AiAssistant.Parameter;
import io.mentorium.application.port.out.AiAssistant.Tool;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.X509TrustManager;

/**
 * A local stand-in for an OpenAI-compatible chat completions API over real HTTP, for tests and benchmarks:
 * {@code POST /v1/chat/completions} with a Bearer key, answered as a server-sent event stream of
 * {@code chat.completion.chunk}s, a usage chunk (when asked for with {@code stream_options.include_usage}) and
 * {@code data: [DONE]}.
 *
 * <p>Each request gets a {@link Behaviour}: the next one {@link #enqueue enqueued}, else the {@link Script} (by default
 * {@link #defaultBehaviour}). Behaviours stream text or tool calls (arguments in fragments), fail with a status (429
 * with Retry-After, 500, any 4xx), stall, or end the stream early. The usage chunk's {@code prompt_tokens} is counted
 * with {@link JtokkitTokenCounter#countRequest} from the request as received, so a client that counts what it sends
 * the same way must agree exactly. Handlers run on virtual threads: thousands of streams can be open at once. It speaks
 * cleartext HTTP/1.1 or, as api.openai.com, HTTP/2 over TLS ({@link Transport}).
 */
public final class OpenAiStandIn implements AutoCloseable {

    public static final String API_KEY = "sk-stand-in-0123456789abcdefghijklmnop";
    public static final String MODEL = "gpt-4o-mini";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
    private static final Duration DEFAULT_STALL = Duration.ofSeconds(30);
    /** Distinct messages and replies whose token counts are kept; a test sends a few, a load run a few dozen. */
    private static final int MAX_REMEMBERED_COUNTS = 10_000;

    /** How the default behaviour streams its text: {@code chunks} pieces spread over {@code total}. */
    public record Pacing(int chunks, Duration total) {

        /** For tests: a few chunks, no waiting. */
        public static final Pacing FAST = new Pacing(4, Duration.ZERO);
        /** Roughly a real model's short answer: 40 chunks over 3 seconds. */
        public static final Pacing REALISTIC = new Pacing(40, Duration.ofSeconds(3));

        public Pacing {
            if (chunks < 1 || total.isNegative()) {
                throw new IllegalArgumentException("need at least one chunk and a non-negative duration");
            }
        }
    }

    /** A function call the stand-in makes; {@code arguments} is sent as is (it need not be valid JSON). */
    public record Call(String name, String arguments) {
    }

    /**
     * A request as received.
     *
     * @param messages     parsed into the adapter's own message shape
     * @param tools        the offered functions, parsed back from their JSON Schema
     * @param promptTokens the request counted like {@link JtokkitTokenCounter#countRequest}: what the usage chunk
     *                     reports
     */
    public record Request(int number, ObjectNode body, List<ChatMessage> messages, List<Tool> tools, int promptTokens,
                          Instant at) {

        /** {@code tool_choice} when the request set it as a string ({@code none}, {@code auto}, {@code required}). */
        public Optional<String> toolChoice() {
            JsonNode choice = body.path("tool_choice");
            return choice.isTextual() ? Optional.of(choice.asText()) : Optional.empty();
        }

        /** Whether the model may call a tool in its reply. */
        public boolean mayCallTools() {
            return !tools.isEmpty() && !toolChoice().equals(Optional.of("none"));
        }

        public ChatMessage lastMessage() {
            return messages.getLast();
        }

        /** The last user message's content: the question. */
        public String question() {
            return messages.reversed().stream().filter(m -> m.role().equals(ChatMessage.USER)).findFirst()
                    .map(ChatMessage::content).orElse("");
        }

        /** Tool results after the last user message, oldest first. */
        public List<ChatMessage> toolResults() {
            List<ChatMessage> results = new ArrayList<>();
            for (ChatMessage message : messages.reversed()) {
                if (message.role().equals(ChatMessage.USER)) {
                    break;
                }
                if (message.role().equals(ChatMessage.TOOL)) {
                    results.addFirst(message);
                }
            }
            return results;
        }
    }

    /** Decides how to answer a request that found nothing enqueued. Called concurrently: keep it thread-safe. */
    @FunctionalInterface
    public interface Script {
        Behaviour respond(Request request);
    }

    enum Kind { TEXT, TOOL_CALLS, STATUS, STALL, TRUNCATED }

    /**
     * How to answer one request. Build with the static factories; {@link #withoutUsage()} ends a successful stream
     * right after its last choice chunk, without the usage chunk and without {@code [DONE]}.
     */
    public record Behaviour(Kind kind, String text, List<Call> calls, int chunks, Duration pause, int status,
                            OptionalLong retryAfterSeconds, Optional<CountDownLatch> release, Duration stallFor,
                            boolean usage) {

        public Behaviour {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
            calls = List.copyOf(calls);
        }

        /** Streams {@code text} in four chunks without pauses. */
        public static Behaviour text(String text) {
            return text(text, Pacing.FAST);
        }

        public static Behaviour text(String text, Pacing pacing) {
            return new Behaviour(Kind.TEXT, text, List.of(), pacing.chunks(), pause(pacing), 0, OptionalLong.empty(),
                    Optional.empty(), Duration.ZERO, true);
        }

        /** Calls functions, each call's arguments arriving in three fragments. */
        public static Behaviour toolCalls(Call... calls) {
            return new Behaviour(Kind.TOOL_CALLS, "", List.of(calls), 3, Duration.ZERO, 0, OptionalLong.empty(),
                    Optional.empty(), Duration.ZERO, true);
        }

        /** Fails with this status and an OpenAI-shaped error body. */
        public static Behaviour status(int status) {
            return new Behaviour(Kind.STATUS, "", List.of(), 0, Duration.ZERO, status, OptionalLong.empty(),
                    Optional.empty(), Duration.ZERO, false);
        }

        public static Behaviour rateLimited(long retryAfterSeconds) {
            return new Behaviour(Kind.STATUS, "", List.of(), 0, Duration.ZERO, 429, OptionalLong.of(retryAfterSeconds),
                    Optional.empty(), Duration.ZERO, false);
        }

        public static Behaviour serverError() {
            return status(500);
        }

        /**
         * Streams the first chunk of {@code text}, then nothing until {@code release} is counted down (or 30 s pass,
         * or the stand-in closes), then the rest.
         */
        public static Behaviour stall(String text, CountDownLatch release) {
            return new Behaviour(Kind.STALL, text, List.of(), 4, Duration.ZERO, 0, OptionalLong.empty(),
                    Optional.of(release), DEFAULT_STALL, true);
        }

        /** Streams the first chunk of {@code text}, then nothing for {@code stallFor}, then the rest. */
        public static Behaviour stall(String text, Duration stallFor) {
            return new Behaviour(Kind.STALL, text, List.of(), 4, Duration.ZERO, 0, OptionalLong.empty(),
                    Optional.empty(), stallFor, true);
        }

        /** Streams {@code text}, then ends the response before the finishing chunk, the usage and {@code [DONE]}. */
        public static Behaviour truncated(String text) {
            return new Behaviour(Kind.TRUNCATED, text, List.of(), 4, Duration.ZERO, 0, OptionalLong.empty(),
                    Optional.empty(), Duration.ZERO, false);
        }

        /**
         * This text held after its first chunk until {@code release} is counted down (or 30 s pass, or the stand-in
         * closes), then streamed on at its pace.
         */
        Behaviour heldAfterFirstChunk(CountDownLatch release) {
            if (kind != Kind.TEXT) {
                throw new IllegalStateException("only a text can be held, not " + kind);
            }
            return new Behaviour(Kind.STALL, text, calls, chunks, pause, status, retryAfterSeconds,
                    Optional.of(release), DEFAULT_STALL, usage);
        }

        public Behaviour withoutUsage() {
            return new Behaviour(kind, text, calls, chunks, pause, status, retryAfterSeconds, release, stallFor, false);
        }

        private static Duration pause(Pacing pacing) {
            return pacing.chunks() <= 1 ? Duration.ZERO : pacing.total().dividedBy(pacing.chunks() - 1);
        }
    }

    /** Which server carries the stand-in. */
    public enum Transport {
        /** Cleartext HTTP/1.1 on the JDK's server: one connection per call in flight. */
        PLAIN_HTTP_1_1,
        /**
         * TLS with HTTP/2 offered by ALPN and preferred, as api.openai.com: calls multiplexed over a few connections
         * (at most {@value TlsHttp2Server#MAX_CONCURRENT_STREAMS} streams each). Clients must trust
         * {@link #trustManager()}, or a process {@link #trustStoreOptions}.
         */
        TLS_HTTP_2
    }

    private final String apiKey;
    private final Transport transport;
    private final StandInServer server;
    private final ExecutorService handlers;
    private final Map<String, AtomicInteger> protocols = new ConcurrentHashMap<>();
    /** Every request header name seen, lower-cased. */
    private final Set<String> headerNamesSeen = ConcurrentHashMap.newKeySet();
    private final JtokkitTokenCounter counter = new JtokkitTokenCounter();
    /**
     * Counts already made, by what they counted with the call ids left out (ids are not counted). A load run sends the
     * same few instructions, questions, tool results and answers thousands of times: counting each of them again was
     * half of the host's CPU, taken from the bot under test on the same cores. Bounded: past
     * {@link #MAX_REMEMBERED_COUNTS} keys it forgets them all and starts again.
     */
    private final Map<Object, Integer> counted = new ConcurrentHashMap<>();
    private final Queue<Behaviour> queued = new ConcurrentLinkedQueue<>();
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicInteger maxOpenStreams = new AtomicInteger();
    private volatile Script script;
    private volatile boolean keeping = true;

    private OpenAiStandIn(String apiKey, Pacing pacing, Transport transport) throws IOException {
        this.apiKey = apiKey;
        this.transport = transport;
        this.script = request -> defaultBehaviour(request, pacing);
        this.handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("openai-stand-in-", 0).factory());
        this.server = switch (transport) {
            case PLAIN_HTTP_1_1 -> new PlainHttpServer(this::handle, handlers);
            case TLS_HTTP_2 -> new TlsHttp2Server(this::handle, handlers);
        };
    }

    /** A stand-in for {@link #API_KEY} that answers by {@link #defaultBehaviour} at {@link Pacing#FAST}. */
    public static OpenAiStandIn start() {
        return start(API_KEY, Pacing.FAST);
    }

    public static OpenAiStandIn start(Pacing pacing) {
        return start(API_KEY, pacing);
    }

    public static OpenAiStandIn start(String apiKey, Pacing pacing) {
        return start(apiKey, pacing, Transport.PLAIN_HTTP_1_1);
    }

    public static OpenAiStandIn start(String apiKey, Pacing pacing, Transport transport) {
        try {
            return new OpenAiStandIn(apiKey, pacing, transport);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the OpenAI stand-in", e);
        }
    }

    /** Where to point {@code OPENAI_BASE_URL}. */
    public URI baseUri() {
        return URI.create(server.origin() + "/v1");
    }

    public Transport transport() {
        return transport;
    }

    /** What an in-process client must trust to reach this stand-in: empty over cleartext. */
    public Optional<X509TrustManager> trustManager() {
        return transport == Transport.TLS_HTTP_2 ? Optional.of(StandInCertificate.get().trustManager())
                : Optional.empty();
    }

    /**
     * The JVM options that make a child process trust this stand-in (and nothing else), its trust store written into
     * {@code dir}: none over cleartext.
     */
    public List<String> trustStoreOptions(Path dir) {
        return transport == Transport.TLS_HTTP_2 ? StandInCertificate.get().trustStoreOptions(dir) : List.of();
    }

    /** Requests by the protocol they came in on ({@code HTTP/1.1}, {@code HTTP/2.0}), also those answered with errors. */
    public Map<String, Integer> requestsByProtocol() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        protocols.forEach((protocol, count) -> counts.put(protocol, count.get()));
        return counts;
    }

    /** TCP connections accepted since the start; only {@link Transport#TLS_HTTP_2} counts them. */
    public int connectionsOpened() {
        return server.connectionsOpened();
    }

    /** Settings for this stand-in: its key, its URL, {@link #MODEL} and the given prompt budget. */
    public OpenAiSettings settings(int promptTokenBudget) {
        return new OpenAiSettings(Optional.of(apiKey), baseUri(), MODEL, promptTokenBudget);
    }

    /** Environment variables for this stand-in, for a runner started with a map of them. */
    public Map<String, String> environment() {
        return Map.of("OPENAI_API_KEY", apiKey, "OPENAI_BASE_URL", baseUri().toString(), "OPENAI_MODEL", MODEL);
    }

    /** The next requests get these behaviours, in order, before the script is asked again. */
    public void enqueue(Behaviour... behaviours) {
        queued.addAll(List.of(behaviours));
    }

    public void respondWith(Script script) {
        this.script = Objects.requireNonNull(script, "script");
    }

    /** Every request that passed the key check and parsed, in order of arrival, those answered with errors too. */
    /** Every request header name seen so far, lower-cased, over all requests. */
    public Set<String> headerNamesSeen() {
        return Set.copyOf(headerNamesSeen);
    }

    public List<Request> requests() {
        return requests.stream().sorted((a, b) -> Integer.compare(a.number(), b.number())).toList();
    }

    /** How many requests arrived since the start, also those {@link #clearRequests} forgot. */
    public int requestCount() {
        return numbers.get();
    }

    /**
     * Forgets the requests kept so far (the count goes on). A long load run calls it between phases: every request is
     * kept with its parsed body, and thousands of them a minute would fill the host's heap.
     */
    public void clearRequests() {
        requests.clear();
    }

    /**
     * Whether requests are kept for {@link #requests()} from now on (they are, at the start). A load run that only
     * counts them keeps none: each holds its parsed body for as long as it is kept, and thousands of them a wave
     * outlived the host's young collections.
     */
    public void keepRequests(boolean keep) {
        this.keeping = keep;
    }

    public Request lastRequest() {
        return requests().getLast();
    }

    /** Streams being written right now. */
    public int openStreams() {
        return openStreams.get();
    }

    /** The most streams ever open at once. */
    public int maxOpenStreams() {
        return maxOpenStreams.get();
    }

    /**
     * The default model: offered tools and none called since the question, it calls {@code list_children} (or the
     * first tool offered) without arguments; given tool results, it answers quoting the first number in the last one;
     * otherwise it answers a fixed text. All at the stand-in's pacing.
     */
    public static Behaviour defaultBehaviour(Request request, Pacing pacing) {
        List<ChatMessage> results = request.toolResults();
        if (results.isEmpty() && request.mayCallTools()) {
            String name = request.tools().stream().map(Tool::name).filter("list_children"::equals).findFirst()
                    .orElse(request.tools().getFirst().name());
            return Behaviour.toolCalls(new Call(name, "{}"));
        }
        if (!results.isEmpty()) {
            String content = results.getLast().content();
            Matcher number = NUMBER.matcher(content);
            String quoted = number.find() ? number.group()
                    : content.length() <= 80 ? content : content.substring(0, 80);
            return Behaviour.text("According to the school's records: " + quoted + ". I looked this up with the "
                    + "tools just now, so it is current; ask me again any time you want an update.", pacing);
        }
        return Behaviour.text("This is the stand-in model's answer. It streams like a real model does, a few words "
                + "at a time, so that the chat can show the answer while it is being written.", pacing);
    }

    @Override
    public void close() {
        server.close();
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- HTTP ----

    private void handle(StandInExchange exchange) throws IOException {
        try (exchange) {
            protocols.computeIfAbsent(exchange.protocol(), protocol -> new AtomicInteger()).incrementAndGet();
            if (!exchange.method().equals("POST") || !exchange.path().equals("/v1/chat/completions")) {
                error(exchange, 404, "not_found", OptionalLong.empty());
                return;
            }
            headerNamesSeen.addAll(exchange.headerNames());
            String authorization = exchange.header("Authorization").orElse(null);
            if (!("Bearer " + apiKey).equals(authorization)) {
                error(exchange, 401, "invalid_api_key", OptionalLong.empty());
                return;
            }
            Request request;
            try {
                request = parse(exchange.body());
            } catch (IOException | RuntimeException e) {
                error(exchange, 400, "invalid_request", OptionalLong.empty());
                return;
            }
            if (keeping) {
                requests.add(request);
            }
            Behaviour behaviour = queued.poll();
            if (behaviour == null) {
                behaviour = script.respond(request);
            }
            if (behaviour.kind() == Kind.STATUS) {
                error(exchange, behaviour.status(), "stand_in_" + behaviour.status(), behaviour.retryAfterSeconds());
                return;
            }
            stream(exchange, request, behaviour);
        }
    }

    private Request parse(byte[] body) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(body);
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode message : json.path("messages")) {
            List<ChatMessage.FunctionCall> calls = new ArrayList<>();
            for (JsonNode call : message.path("tool_calls")) {
                calls.add(new ChatMessage.FunctionCall(call.path("id").asText(),
                        call.path("function").path("name").asText(), call.path("function").path("arguments").asText()));
            }
            Optional<String> toolCallId = message.hasNonNull("tool_call_id")
                    ? Optional.of(message.get("tool_call_id").asText()) : Optional.empty();
            messages.add(new ChatMessage(message.path("role").asText(), content(message.path("content")), calls,
                    toolCallId));
        }
        List<Tool> tools = new ArrayList<>();
        for (JsonNode tool : json.path("tools")) {
            tools.add(tool(tool.path("function")));
        }
        return new Request(numbers.incrementAndGet(), json, List.copyOf(messages), List.copyOf(tools),
                promptTokens(messages, tools), Instant.now());
    }

    /** {@link JtokkitTokenCounter#countRequest}, each message counted once. */
    int promptTokens(List<ChatMessage> messages, List<Tool> tools) {
        int tokens = JtokkitTokenCounter.REPLY_PRIMING + counter.countTools(tools);
        for (ChatMessage message : messages) {
            ChatMessage key = new ChatMessage(message.role(), message.content(), withoutIds(message.toolCalls()),
                    Optional.empty());
            tokens += remembered(key, () -> counter.countMessage(key));
        }
        return tokens;
    }

    /** {@link JtokkitTokenCounter#countCompletion}, each reply counted once. */
    int completionTokens(String text, List<ChatMessage.FunctionCall> calls) {
        Completion key = new Completion(text, withoutIds(calls));
        return remembered(key, () -> counter.countCompletion(key.text(), key.calls()));
    }

    private record Completion(String text, List<ChatMessage.FunctionCall> calls) {
    }

    private static List<ChatMessage.FunctionCall> withoutIds(List<ChatMessage.FunctionCall> calls) {
        return calls.stream().map(call -> new ChatMessage.FunctionCall("", call.name(), call.arguments())).toList();
    }

    private int remembered(Object key, IntSupplier count) {
        Integer known = counted.get(key);
        if (known != null) {
            return known;
        }
        int tokens = count.getAsInt();
        if (counted.size() >= MAX_REMEMBERED_COUNTS) {
            counted.clear();
        }
        counted.put(key, tokens);
        return tokens;
    }

    private static String content(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(part.path("text").asText());
        }
        return text.toString();
    }

    private static Tool tool(JsonNode function) {
        JsonNode schema = function.path("parameters");
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        List<Parameter> parameters = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            JsonNode spec = property.getValue();
            Parameter.Type type = switch (spec.path("type").asText()) {
                case "integer" -> Parameter.Type.INTEGER;
                case "boolean" -> Parameter.Type.BOOLEAN;
                case "array" -> Parameter.Type.STRING_ARRAY;
                default -> Parameter.Type.STRING;
            };
            JsonNode values = spec.has("enum") ? spec.get("enum") : spec.path("items").path("enum");
            List<String> allowed = new ArrayList<>();
            values.forEach(value -> allowed.add(value.asText()));
            parameters.add(new Parameter(property.getKey(), type, spec.path("description").asText(),
                    required.contains(property.getKey()), allowed,
                    spec.has("minimum") ? Optional.of(spec.get("minimum").asInt()) : Optional.empty(),
                    spec.has("maximum") ? Optional.of(spec.get("maximum").asInt()) : Optional.empty()));
        }
        return new Tool(function.path("name").asText(), function.path("description").asText(), parameters);
    }

    private static void error(StandInExchange exchange, int status, String code, OptionalLong retryAfterSeconds)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", "stand-in error " + status)
                .put("type", status == 429 ? "rate_limit_error" : "api_error").put("code", code);
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        retryAfterSeconds.ifPresent(seconds -> headers.put("Retry-After", Long.toString(seconds)));
        exchange.respond(status, headers, JSON.writeValueAsBytes(body));
    }

    private void stream(StandInExchange exchange, Request request, Behaviour behaviour) throws IOException {
        OutputStream out = exchange.stream(Map.of("Content-Type", "text/event-stream", "Cache-Control", "no-cache"));
        int open = openStreams.incrementAndGet();
        maxOpenStreams.accumulateAndGet(open, Math::max);
        try {
            Sse sse = new Sse(out, "chatcmpl-standin-" + request.number(),
                    Instant.now().getEpochSecond());
            List<ChatMessage.FunctionCall> sentCalls = new ArrayList<>();
            String finish;
            if (behaviour.kind() == Kind.TOOL_CALLS) {
                for (int index = 0; index < behaviour.calls().size(); index++) {
                    Call call = behaviour.calls().get(index);
                    String id = "call_" + request.number() + "_" + index;
                    ObjectNode start = JSON.createObjectNode().put("index", index).put("id", id)
                            .put("type", "function");
                    start.putObject("function").put("name", call.name()).put("arguments", "");
                    sse.delta(toolCallsDelta(start).put("role", "assistant"));
                    for (String fragment : pieces(call.arguments(), behaviour.chunks())) {
                        ObjectNode more = JSON.createObjectNode().put("index", index);
                        more.putObject("function").put("arguments", fragment);
                        sse.delta(toolCallsDelta(more));
                    }
                    sentCalls.add(new ChatMessage.FunctionCall(id, call.name(), call.arguments()));
                }
                finish = "tool_calls";
            } else {
                List<String> pieces = pieces(behaviour.text(), behaviour.chunks());
                for (int i = 0; i < pieces.size(); i++) {
                    if (i > 0 && !pause(behaviour.pause())) {
                        return;
                    }
                    sse.content(pieces.get(i), i == 0);
                    if (i == 0 && behaviour.kind() == Kind.STALL && !stall(behaviour)) {
                        return;
                    }
                }
                if (behaviour.kind() == Kind.TRUNCATED) {
                    return;
                }
                finish = "stop";
            }
            sse.finish(finish);
            if (!behaviour.usage() || !request.body().path("stream_options").path("include_usage").asBoolean()) {
                return;
            }
            int completion = completionTokens(behaviour.kind() == Kind.TOOL_CALLS ? "" : behaviour.text(), sentCalls);
            sse.usage(request.promptTokens(), completion);
            sse.done();
        } catch (IOException e) {
            // The client went away (a timeout, a cancelled answer): nothing left to write to.
        } finally {
            openStreams.decrementAndGet();
        }
    }

    private static ObjectNode toolCallsDelta(ObjectNode call) {
        ObjectNode delta = JSON.createObjectNode();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    /** False when the stand-in is closing. */
    private static boolean pause(Duration pause) {
        if (pause.isZero()) {
            return true;
        }
        try {
            // Simulated generation time, not synchronisation: the client sees chunks arrive at a model's pace.
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static boolean stall(Behaviour behaviour) {
        try {
            if (behaviour.release().isPresent()) {
                behaviour.release().get().await(behaviour.stallFor().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                Thread.sleep(behaviour.stallFor());
            }
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** {@code text} cut into at most {@code count} pieces of about equal length, never inside a character. */
    static List<String> pieces(String text, int count) {
        int[] codePoints = text.codePoints().toArray();
        int n = Math.max(1, Math.min(count, codePoints.length));
        List<String> pieces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int from = codePoints.length * i / n;
            int to = codePoints.length * (i + 1) / n;
            pieces.add(new String(codePoints, from, to - from));
        }
        return pieces;
    }

    /**
     * Writes one response's events. Every chunk of a response shares its frame (id, object, created, model): that is
     * rendered once, and text deltas are written into it with only the text escaped. Building and serialising a JSON
     * tree per chunk was a fifth of the stand-in's CPU in the assistant benchmark, spent on the bot's two cores.
     */
    private static final class Sse {

        private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();

        private final OutputStream out;
        private final String id;
        private final long created;
        /** {@code data: {...,"choices":[{"index":0,"delta":}: what precedes a single choice's delta. */
        private final String choicePrefix;

        Sse(OutputStream out, String id, long created) throws IOException {
            this.out = out;
            this.id = id;
            this.created = created;
            String frame = JSON.writeValueAsString(chunk());
            this.choicePrefix = "data: " + frame.substring(0, frame.length() - 1) + ",\"choices\":[{\"index\":0,\"delta\":";
        }

        /** A text delta, the first one also naming the role; the same bytes as {@link #delta} would write. */
        void content(String text, boolean first) throws IOException {
            StringBuilder event = new StringBuilder(choicePrefix.length() + text.length() + 64).append(choicePrefix)
                    .append("{\"content\":\"").append(ESCAPE.quoteAsString(text)).append('"');
            if (first) {
                event.append(",\"role\":\"assistant\"");
            }
            write(event.append("},\"finish_reason\":null}]}\n\n").toString());
        }

        void delta(ObjectNode delta) throws IOException {
            write(choicePrefix + JSON.writeValueAsString(delta) + ",\"finish_reason\":null}]}\n\n");
        }

        void finish(String reason) throws IOException {
            write(choicePrefix + "{},\"finish_reason\":" + JSON.writeValueAsString(reason) + "}]}\n\n");
        }

        void usage(int prompt, int completion) throws IOException {
            ObjectNode chunk = chunk();
            chunk.putArray("choices");
            chunk.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                    .put("total_tokens", prompt + completion);
            write("data: " + JSON.writeValueAsString(chunk) + "\n\n");
        }

        void done() throws IOException {
            write("data: [DONE]\n\n");
        }

        private ObjectNode chunk() {
            return JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                    .put("created", created).put("model", MODEL);
        }

        private void write(String event) throws IOException {
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
