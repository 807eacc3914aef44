package io.mentorium.adapters.telegram.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mentorium.application.testing.RequestBodies;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the Telegram Bot API over real HTTP, for tests and benchmarks: {@code /bot<token>/<method>}
 * with method names matched case-insensitively (telegrambots sends them in lower case), JSON, form or query
 * parameters, and answers in Telegram's shape ({@code {"ok":true,"result":…}}).
 *
 * <p>{@code getUpdates} behaves like Telegram's: real long polling with {@code offset}, {@code limit}, {@code timeout}
 * and {@code allowed_updates}; an update is confirmed (forgotten) when a later call passes a greater offset; a new
 * long poll ends one still waiting with 409 Conflict. Faults can be injected per method (429 with
 * {@code retry_after}, 5xx, 403 blocked, any 400) and per chat ({@link #blockChat}).
 *
 * <p>{@code sendMessageDraft} (Bot API 9.3+) shows an ephemeral draft in a private chat: {@code chat_id} must be a
 * private chat's (positive) id, {@code draft_id} non-zero and {@code text} at most 4096 characters after entities
 * parsing; an empty or absent text is the "Thinking…" placeholder. Accepted drafts are recorded ({@link #drafts}); the
 * stand-in can play an older server without the method ({@link #refuseDrafts}) or limit the draft rate per chat
 * ({@link #limitDraftRate}). Accepted {@code editMessageText} calls are recorded too ({@link #edits}); an edit that
 * changes nothing answers 400 "message is not modified", as Telegram does.
 *
 * <p>Telegram Stars: {@code sendInvoice} accepts only what Telegram accepts for Stars (currency {@code XTR}, exactly one
 * price of at least one Star, an empty or absent {@code provider_token}, title 1–32 characters, description 1–255,
 * payload 1–128 bytes) and records the invoice ({@link #invoices}). {@code answerPreCheckoutQuery} accepts one answer
 * per query id that was handed out by {@code getUpdates}, within 10 seconds of that, as Telegram does
 * ({@link #preCheckoutAnswers}, each with when the query was first delivered). {@code refundStarPayment} refunds a charge of a {@code successful_payment} handed out in an update, once:
 * a second refund answers 400 "CHARGE_ALREADY_REFUNDED" ({@link #refunds}; {@link #refuseRefunds} to refuse them all).
 * {@link #enqueuePreCheckout} and {@link #enqueuePayment} play a parent paying a recorded invoice.
 *
 * <p>{@code sendPhoto} takes the photo as a {@code multipart/form-data} upload, as Telegram does for a new file, and
 * records its bytes ({@link #photos}, {@link #awaitPhotos}); a caption over 1024 visible characters answers 400
 * "message caption is too long". Photos are not among {@link #sentMessages}.
 */
public final class BotApiStandIn implements AutoCloseable {

    /** A token of the right shape ({@code TelegramSettings} checks it); the bot's user id is the part before the colon. */
    public static final String TOKEN = TelegramUpdates.BOT_USER_ID + ":AAStandIn-token_for-tests-0123456789";

    private static final List<String> METHODS = List.of("getMe", "deleteWebhook", "setMyCommands", "getUpdates",
            "sendMessage", "sendMessageDraft", "editMessageText", "answerCallbackQuery", "sendChatAction",
            "sendInvoice", "answerPreCheckoutQuery", "refundStarPayment", "sendPhoto",
            "sendDocument");
    private static final Map<String, String> CANONICAL = canonicalNames();
    private static final TypeReference<LinkedHashMap<String, Object>> PARAMS = new TypeReference<>() {
    };
    private static final ObjectMapper JSON = TelegramUpdates.JSON;
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern PART_NAME = Pattern.compile("(?i)content-disposition:[^\r\n]*?\\bname=\"([^\"]*)\"");
    private static final Pattern PART_FILE_NAME = Pattern.compile("(?i)content-disposition:[^\r\n]*?\\bfilename=\"([^\"]*)\"");
    private static final String BLOCKED = "Forbidden: bot was blocked by the user";
    private static final String CONFLICT =
            "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
    // Telegram's words for an unknown method are "Not Found" (404); a server answering 400 says "method not found".
    private static final String METHOD_NOT_FOUND = "Bad Request: method not found";
    // The stand-in's own wording (not checked against Telegram): drafts exist only in private chats.
    private static final String NOT_PRIVATE = "Bad Request: drafts can be sent only to private chats";
    private static final int MAX_DRAFT_TEXT = 4096;
    private static final int MAX_CAPTION = 1024;
    private static final Duration PRE_CHECKOUT_DEADLINE = Duration.ofSeconds(10);
    // Telegram's answer to a pre-checkout answer that comes too late, twice, or for an id it never sent.
    private static final String QUERY_TOO_OLD =
            "Bad Request: query is too old and response timeout expired or query ID is invalid";
    private static final String NOT_MODIFIED = "Bad Request: message is not modified: specified new message content"
            + " and reply markup are exactly the same as a current content and reply markup of the message";

    /**
     * A photo Telegram accepted: a {@code sendPhoto} with an uploaded file.
     *
     * @param bytes   the uploaded file as received
     * @param caption the caption as sent (HTML when {@code parse_mode} says so); empty without one
     */
    public record Photo(long chatId, long messageId, byte[] bytes, String fileName, String caption, Instant at,
                        BotApiCall call) {
    }

    /** A document Telegram accepted: a multipart {@code sendDocument} with the file uploaded. */
    public record Document(long chatId, long messageId, String fileName, byte[] content, Optional<String> caption,
                           BotApiCall call) {
    }

    /** A command as {@code setMyCommands} recorded it. */
    public record Command(String command, String description) {
    }

    /** A message the bot sent, as sent (later edits do not change it). */
    public record SentMessage(long chatId, long messageId, String text, BotApiCall call) {
    }

    /**
     * A draft Telegram showed: a {@code sendMessageDraft} it accepted.
     *
     * @param text the text as sent (HTML when {@code parse_mode} says so); empty for the "Thinking…" placeholder
     */
    public record Draft(long chatId, int draftId, String text, Instant at, BotApiCall call) {
    }

    /** An edit Telegram applied: an {@code editMessageText} it accepted (one that changed nothing is not recorded). */
    public record Edit(long chatId, long messageId, String text, Instant at, BotApiCall call) {
    }

    /**
     * Sees traffic as it happens, for a benchmark that times it: updates as {@code getUpdates} hands them out, and
     * requests as they arrive. Called on the stand-in's threads (deliveries while it holds its updates lock): keep it
     * short and thread-safe.
     */
    public interface Observer {

        Observer NONE = new Observer() {
        };

        /** {@code getUpdates} is answering with these updates (numbered, as sent; possibly a redelivery). */
        default void delivering(List<ObjectNode> updates) {
        }

        /**
         * A request was handled (a message it sent is already in {@link #sentMessages}); it is answered after this
         * returns.
         */
        default void called(BotApiCall call) {
        }

        /**
         * Telegram accepted the request ({@code ok: true}): a message it sent is in {@link #sentMessages}, an edit is
         * shown. Called after {@link #called} and before the answer is written, so whoever blocks here keeps the
         * client from learning that its request went through (a crash test kills the client in that moment).
         */
        default void accepted(BotApiCall call) {
        }
    }

    private record Fault(int status, String description, Optional<Duration> retryAfter) {
    }

    private record ErrorReply(int status, String description, Optional<Duration> retryAfter) {
    }

    private record Shown(String text, Object replyMarkup) {
    }

    /**
     * A Stars invoice Telegram accepted: a {@code sendInvoice} in {@code XTR} with one price.
     *
     * @param stars the one price's amount
     */
    public record Invoice(long chatId, long messageId, String title, String description, String payload, long stars,
                          Instant at, BotApiCall call) {
    }

    /**
     * An {@code answerPreCheckoutQuery} Telegram accepted.
     *
     * @param delivered when {@code getUpdates} first handed the query out (Telegram allows 10 seconds from then)
     * @param errorMessage the notice shown to the payer on {@code ok=false}; empty on ok
     */
    public record PreCheckoutAnswer(String queryId, boolean ok, Optional<String> errorMessage, Instant delivered,
                                    Instant at, BotApiCall call) {

        /** How long after delivery the answer came. */
        public Duration latency() {
            return Duration.between(delivered, at);
        }
    }

    /** A {@code refundStarPayment} Telegram accepted. */
    public record Refund(long userId, String chargeId, Instant at, BotApiCall call) {
    }

    /** A long poll in progress; a newer one supersedes it. */
    private static final class Poll {
        boolean superseded;
    }

    private final String token;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService handlers;

    // Updates and long polls.
    private final ReentrantLock updatesLock = new ReentrantLock();
    private final Condition updatesChanged = updatesLock.newCondition();
    private final TreeMap<Long, ObjectNode> unconfirmed = new TreeMap<>();
    private long nextUpdateId = 1;
    private long confirmedOffset;
    private List<String> allowedUpdates = List.of();
    private Poll waitingPoll;
    private int openPolls;
    private volatile boolean closed;

    // Calls.
    private final ReentrantLock callsLock = new ReentrantLock();
    private final Condition callArrived = callsLock.newCondition();
    private final List<BotApiCall> calls = new ArrayList<>();
    private final Map<String, Integer> callCounts = new HashMap<>();

    // Faults and delays, keyed by lower-case method name.
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Set<Long> blockedChats = ConcurrentHashMap.newKeySet();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Object holdMonitor = new Object();
    private final List<BotApiCall> answered = new ArrayList<>();
    // Calls received and neither answered (nor refused) yet nor waiting at a hold, by lower-case method name.
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private volatile Observer observer = Observer.NONE;

    // What the bot sent.
    private final AtomicLong messageIds = new AtomicLong(1);
    private final Map<Long, List<SentMessage>> sent = new ConcurrentHashMap<>();
    private final Map<Long, List<Document>> documents = new ConcurrentHashMap<>();
    private final Map<String, Shown> shown = new ConcurrentHashMap<>();
    private final Map<String, List<Command>> commands = new ConcurrentHashMap<>();

    // Drafts and edits shown, by chat; guarded by shownLock, which tests wait on.
    private final ReentrantLock shownLock = new ReentrantLock();
    private final Condition shownChanged = shownLock.newCondition();
    private final Map<Long, List<Draft>> drafts = new HashMap<>();
    private final Map<Long, List<Edit>> edits = new HashMap<>();
    private final Map<Long, List<Photo>> photos = new HashMap<>();
    private final Map<Long, Instant> lastDraft = new HashMap<>();
    private volatile ErrorReply draftRefusal;
    private volatile Duration draftInterval = Duration.ZERO;

    // Stars: invoices sent, pre-checkout queries handed out and answered, charges paid and refunded; guarded by
    // paymentsLock, which tests wait on.
    private final ReentrantLock paymentsLock = new ReentrantLock();
    private final Condition paymentsChanged = paymentsLock.newCondition();
    private final Map<Long, List<Invoice>> invoices = new HashMap<>();
    private final Map<String, Instant> preCheckoutsDelivered = new HashMap<>();
    private final List<PreCheckoutAnswer> preCheckoutAnswers = new ArrayList<>();
    private final Map<String, Long> charges = new HashMap<>();
    private final List<Refund> refunds = new ArrayList<>();
    private final Set<String> refunded = new HashSet<>();
    private volatile ErrorReply refundRefusal;

    private BotApiStandIn(String token, Clock clock, ExecutorService handlers) throws IOException {
        this.token = token;
        this.clock = clock;
        this.handlers = handlers;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a stand-in for {@link #TOKEN} on a free loopback port. */
    public static BotApiStandIn start() {
        return start(TOKEN);
    }

    public static BotApiStandIn start(String token) {
        return start(token, Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("bot-api-stand-in-", 0)
                .factory()));
    }

    /**
     * A stand-in whose requests are handled on platform threads, for a process that also runs thousands of virtual
     * threads of its own (the benchmarks' model stand-in streaming answers): Telegram's answers then do not wait for a
     * carrier thread behind that other service's work, as they would not in production, where Telegram runs apart.
     */
    public static BotApiStandIn startOnPlatformThreads() {
        return start(TOKEN, Executors.newCachedThreadPool(Thread.ofPlatform().name("bot-api-stand-in-", 0)
                .daemon(true).factory()));
    }

    private static BotApiStandIn start(String token, ExecutorService handlers) {
        try {
            return new BotApiStandIn(token, Clock.systemUTC(), handlers);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Bot API stand-in", e);
        }
    }

    /** Where to point {@code TELEGRAM_API_URL}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String token() {
        return token;
    }

    // ---- updates ----

    /** Queues updates for {@code getUpdates}, numbering them; returns their update ids in order. */
    public List<Long> enqueueUpdates(ObjectNode... updates) {
        return enqueueUpdates(List.of(updates));
    }

    public List<Long> enqueueUpdates(List<ObjectNode> updates) {
        List<Long> ids = new ArrayList<>(updates.size());
        updatesLock.lock();
        try {
            for (ObjectNode update : updates) {
                long id = nextUpdateId++;
                ObjectNode numbered = JSON.createObjectNode().put("update_id", id);
                numbered.setAll(update.deepCopy());
                unconfirmed.put(id, numbered);
                ids.add(id);
                notePayment(numbered);
            }
            updatesChanged.signalAll();
        } finally {
            updatesLock.unlock();
        }
        return ids;
    }

    /** The greatest offset a {@code getUpdates} passed: every update with a smaller id is confirmed. */
    public long confirmedOffset() {
        updatesLock.lock();
        try {
            return confirmedOffset;
        } finally {
            updatesLock.unlock();
        }
    }

    public boolean isConfirmed(long updateId) {
        return updateId < confirmedOffset();
    }

    /** Ids of the updates not confirmed yet, in order. */
    public List<Long> unconfirmedUpdateIds() {
        updatesLock.lock();
        try {
            return List.copyOf(unconfirmed.keySet());
        } finally {
            updatesLock.unlock();
        }
    }

    /** The {@code allowed_updates} the last {@code getUpdates} that gave one asked for (Telegram keeps it). */
    public List<String> allowedUpdates() {
        updatesLock.lock();
        try {
            return allowedUpdates;
        } finally {
            updatesLock.unlock();
        }
    }

    /** Long polls being answered right now (a poll the client abandoned stays open until its timeout). */
    public int openLongPolls() {
        updatesLock.lock();
        try {
            return openPolls;
        } finally {
            updatesLock.unlock();
        }
    }

    /** Waits until every update with an id up to {@code updateId} is confirmed. */
    public void awaitConfirmed(long updateId, Duration timeout) {
        await(updatesLock, updatesChanged, () -> confirmedOffset > updateId, timeout,
                () -> "update " + updateId + " confirmed; confirmed offset is " + confirmedOffset);
    }

    // ---- calls ----

    /** Every call so far, in arrival order. */
    public List<BotApiCall> calls() {
        callsLock.lock();
        try {
            return List.copyOf(calls);
        } finally {
            callsLock.unlock();
        }
    }

    /** Calls to {@code method}, matched case-insensitively, in arrival order. */
    public List<BotApiCall> callsTo(String method) {
        String canonical = canonical(method);
        callsLock.lock();
        try {
            return calls.stream().filter(call -> call.method().equals(canonical)).toList();
        } finally {
            callsLock.unlock();
        }
    }

    /**
     * Waits until {@code method} was called at least {@code count} times and returns its calls.
     *
     * @throws AssertionError when they do not arrive within {@code timeout}
     */
    public List<BotApiCall> awaitCalls(String method, int count, Duration timeout) {
        String canonical = canonical(method);
        await(callsLock, callArrived, () -> callCounts.getOrDefault(canonical, 0) >= count, timeout,
                () -> count + " calls to " + canonical + ", got " + callCounts.getOrDefault(canonical, 0));
        return callsTo(canonical);
    }

    /** Forgets the calls recorded so far (a benchmark's warm-up). */
    public void clearCalls() {
        callsLock.lock();
        try {
            calls.clear();
            callCounts.clear();
        } finally {
            callsLock.unlock();
        }
        synchronized (answered) {
            answered.clear();
        }
    }

    /** From now on {@code observer} sees deliveries and calls ({@link Observer#NONE} to stop). */
    public void observe(Observer observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /**
     * Forgets the messages sent so far, and the drafts, edits and invoices recorded (a benchmark's long run would otherwise keep
     * them all); editing one of the messages afterwards fails as editing a deleted message does.
     */
    public void clearSentMessages() {
        sent.clear();
        shown.clear();
        shownLock.lock();
        try {
            drafts.clear();
            edits.clear();
            photos.clear();
            lastDraft.clear();
        } finally {
            shownLock.unlock();
        }
        paymentsLock.lock();
        try {
            invoices.clear();
        } finally {
            paymentsLock.unlock();
        }
    }

    /** Messages sent to the chat, in order, as sent. */
    public List<SentMessage> sentMessages(long chatId) {
        List<SentMessage> messages = sent.get(chatId);
        if (messages == null) {
            return List.of();
        }
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Every chat the bot sent a message to. */
    public Set<Long> chatsMessaged() {
        return Set.copyOf(sent.keySet());
    }

    // ---- drafts and edits ----

    /** Photos sent to the chat, in the order Telegram accepted them. */
    public List<Photo> photos(long chatId) {
        shownLock.lock();
        try {
            return List.copyOf(photos.getOrDefault(chatId, List.of()));
        } finally {
            shownLock.unlock();
        }
    }

    /** Waits until at least {@code count} photos were sent to the chat and returns them. */
    public List<Photo> awaitPhotos(long chatId, int count, Duration timeout) {
        await(shownLock, shownChanged, () -> photos.getOrDefault(chatId, List.of()).size() >= count, timeout,
                () -> count + " photos in chat " + chatId + ", got " + photos.getOrDefault(chatId, List.of()).size());
        return photos(chatId);
    }

    /** Drafts shown in the chat, in the order Telegram accepted them. */
    public List<Draft> drafts(long chatId) {
        shownLock.lock();
        try {
            return List.copyOf(drafts.getOrDefault(chatId, List.of()));
        } finally {
            shownLock.unlock();
        }
    }

    /** How many drafts were shown in the chat (what a benchmark counts). */
    public int draftCount(long chatId) {
        shownLock.lock();
        try {
            return drafts.getOrDefault(chatId, List.of()).size();
        } finally {
            shownLock.unlock();
        }
    }

    /** Every chat a draft was shown in. */
    public Set<Long> chatsDrafted() {
        shownLock.lock();
        try {
            return Set.copyOf(drafts.keySet());
        } finally {
            shownLock.unlock();
        }
    }

    /**
     * Waits until at least {@code count} drafts were shown in the chat and returns them.
     *
     * @throws AssertionError when they are not shown within {@code timeout}
     */
    public List<Draft> awaitDrafts(long chatId, int count, Duration timeout) {
        await(shownLock, shownChanged, () -> drafts.getOrDefault(chatId, List.of()).size() >= count, timeout,
                () -> count + " drafts in chat " + chatId + ", got " + drafts.getOrDefault(chatId, List.of()).size());
        return drafts(chatId);
    }

    /** Edits applied to messages in the chat, in the order Telegram accepted them. */
    public List<Edit> edits(long chatId) {
        shownLock.lock();
        try {
            return List.copyOf(edits.getOrDefault(chatId, List.of()));
        } finally {
            shownLock.unlock();
        }
    }

    /**
     * Waits until at least {@code count} edits were applied in the chat and returns them.
     *
     * @throws AssertionError when they are not applied within {@code timeout}
     */
    public List<Edit> awaitEdits(long chatId, int count, Duration timeout) {
        await(shownLock, shownChanged, () -> edits.getOrDefault(chatId, List.of()).size() >= count, timeout,
                () -> count + " edits in chat " + chatId + ", got " + edits.getOrDefault(chatId, List.of()).size());
        return edits(chatId);
    }

    /**
     * From now on {@code sendMessageDraft} answers as a Bot API server older than 9.3 does, whatever the chat:
     * {@code 404} "Not Found" or {@code 400} "Bad Request: method not found". Injected faults ({@link #failNext}) still
     * come first.
     */
    public void refuseDrafts(int status) {
        draftRefusal = switch (status) {
            case 404 -> new ErrorReply(404, "Not Found", Optional.empty());
            case 400 -> new ErrorReply(400, METHOD_NOT_FOUND, Optional.empty());
            default -> throw new IllegalArgumentException("an older server refuses with 400 or 404, not " + status);
        };
    }

    /** Serves {@code sendMessageDraft} again after {@link #refuseDrafts}. */
    public void acceptDrafts() {
        draftRefusal = null;
    }

    /**
     * A draft in a chat sooner than {@code minInterval} after the last draft shown there answers 429 with
     * {@code retry_after} (whole seconds, at least 1), as a flood limit would; {@link Duration#ZERO} to stop. Telegram
     * documents no draft limit: this is for testing a throttle.
     */
    public void limitDraftRate(Duration minInterval) {
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("negative interval " + minInterval);
        }
        draftInterval = minInterval;
    }

    /** The commands {@code setMyCommands} set for a language code; {@code ""} for the default list. */
    public Optional<List<Command>> commands(String languageCode) {
        return Optional.ofNullable(commands.get(languageCode));
    }

    public Set<String> commandLanguages() {
        return Set.copyOf(commands.keySet());
    }

    // ---- Telegram Stars ----

    /** Invoices sent to the chat, in the order Telegram accepted them. */
    /** The documents sent to the chat, in order, with the uploaded bytes. */
    public List<Document> documents(long chatId) {
        return List.copyOf(documents.getOrDefault(chatId, List.of()));
    }

    /** Waits until at least {@code count} documents were sent to the chat and returns them. */
    public List<Document> awaitDocuments(long chatId, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (documents(chatId).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " documents in chat " + chatId + ", got "
                        + documents(chatId).size());
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return documents(chatId);
    }

    public List<Invoice> invoices(long chatId) {
        paymentsLock.lock();
        try {
            return List.copyOf(invoices.getOrDefault(chatId, List.of()));
        } finally {
            paymentsLock.unlock();
        }
    }

    /**
     * Waits until at least {@code count} invoices were sent to the chat and returns them.
     *
     * @throws AssertionError when they are not sent within {@code timeout}
     */
    public List<Invoice> awaitInvoices(long chatId, int count, Duration timeout) {
        await(paymentsLock, paymentsChanged, () -> invoices.getOrDefault(chatId, List.of()).size() >= count, timeout,
                () -> count + " invoices in chat " + chatId + ", got "
                        + invoices.getOrDefault(chatId, List.of()).size());
        return invoices(chatId);
    }

    /** Accepted answers to pre-checkout queries, in the order they arrived. */
    public List<PreCheckoutAnswer> preCheckoutAnswers() {
        paymentsLock.lock();
        try {
            return List.copyOf(preCheckoutAnswers);
        } finally {
            paymentsLock.unlock();
        }
    }

    /** The accepted answer to the query, if it was answered. */
    public Optional<PreCheckoutAnswer> preCheckoutAnswer(String queryId) {
        return preCheckoutAnswers().stream().filter(answer -> answer.queryId().equals(queryId)).findFirst();
    }

    /**
     * Waits until the query was answered and returns the answer.
     *
     * @throws AssertionError when it is not answered within {@code timeout}
     */
    public PreCheckoutAnswer awaitPreCheckoutAnswer(String queryId, Duration timeout) {
        await(paymentsLock, paymentsChanged,
                () -> preCheckoutAnswers.stream().anyMatch(answer -> answer.queryId().equals(queryId)), timeout,
                () -> "an answer to pre-checkout query " + queryId);
        return preCheckoutAnswer(queryId).orElseThrow();
    }

    /** Accepted refunds, in the order they arrived. */
    public List<Refund> refunds() {
        paymentsLock.lock();
        try {
            return List.copyOf(refunds);
        } finally {
            paymentsLock.unlock();
        }
    }

    /**
     * Waits until at least {@code count} refunds were accepted and returns them.
     *
     * @throws AssertionError when they are not accepted within {@code timeout}
     */
    public List<Refund> awaitRefunds(int count, Duration timeout) {
        await(paymentsLock, paymentsChanged, () -> refunds.size() >= count, timeout,
                () -> count + " refunds, got " + refunds.size());
        return refunds();
    }

    /**
     * From now on {@code refundStarPayment} answers 400 with {@code description} (for instance
     * {@code "Bad Request: BALANCE_TOO_LOW"}) whatever the charge; {@code null} to accept refunds again.
     */
    public void refuseRefunds(String description) {
        refundRefusal = description == null ? null : new ErrorReply(400, description, Optional.empty());
    }

    /** Marks a charge as refunded before (say, by hand in Telegram): refunding it answers "CHARGE_ALREADY_REFUNDED". */
    public void alreadyRefunded(String chargeId) {
        paymentsLock.lock();
        try {
            refunded.add(chargeId);
        } finally {
            paymentsLock.unlock();
        }
    }

    /**
     * The parent opens the payment form of {@code invoice}: a {@code pre_checkout_query} for its payload and amount is
     * queued. Returns the query's id.
     */
    public String enqueuePreCheckout(TelegramUpdates.Person payer, Invoice invoice) {
        ObjectNode update = payer.preCheckout(invoice.payload(), invoice.stars());
        enqueueUpdates(update);
        return update.get("pre_checkout_query").get("id").asText();
    }

    /**
     * The payment of {@code invoice} went through: a message with {@code successful_payment} is queued. Returns its
     * {@code telegram_payment_charge_id}, which {@code refundStarPayment} then accepts for this payer.
     */
    public String enqueuePayment(TelegramUpdates.Person payer, Invoice invoice) {
        ObjectNode update = payer.paid(invoice.payload(), invoice.stars());
        enqueueUpdates(update);
        return update.get("message").get("successful_payment").get("telegram_payment_charge_id").asText();
    }

    // ---- faults ----

    /**
     * The next {@code times} calls to {@code method} fail with {@code status}: 429 carries {@code retry_after}
     * (whole seconds), 403 says the bot was blocked, others a generic description.
     */
    public void failNext(String method, int times, int status, Duration retryAfter) {
        failNext(method, times, new Fault(status, defaultDescription(status, retryAfter), Optional.ofNullable(retryAfter)));
    }

    public void failNext(String method, int times, int status) {
        failNext(method, times, status, status == 429 ? Duration.ofSeconds(1) : null);
    }

    /** The next {@code times} calls fail with {@code status} and Telegram's {@code description}. */
    public void failNext(String method, int times, int status, String description) {
        failNext(method, times, new Fault(status, description, Optional.empty()));
    }

    /** Every call for the chat answers 403 "bot was blocked by the user" from now on. */
    public void blockChat(long chatId) {
        blockedChats.add(chatId);
    }

    public void unblockChat(long chatId) {
        blockedChats.remove(chatId);
    }

    /**
     * Calls to {@code method} from now on are recorded but never answered: they wait until {@link #dropHeld()}, then
     * their connections close without a response. With {@link #answeredCalls()} this tells apart what the bot sent
     * and Telegram accepted from what was in flight when the bot died. A call already past the hold check when this
     * is called is still answered: {@link #awaitQuiet} waits for it.
     */
    public void hold(String method) {
        held.add(key(method));
    }

    /** Stops holding; the held calls end without an answer. */
    public void dropHeld() {
        synchronized (holdMonitor) {
            held.clear();
            holdMonitor.notifyAll();
        }
    }

    /**
     * Calls to {@code method} received and neither answered yet nor waiting at a {@link #hold}. A call that passed
     * the hold check just before {@link #hold} is counted here until its answer is written and in
     * {@link #answeredCalls()}.
     */
    public int inFlight(String method) {
        AtomicInteger count = inFlight.get(key(method));
        return count == null ? 0 : count.get();
    }

    /**
     * Waits until no call to the held {@code method} is {@linkplain #inFlight in flight}. {@link #hold} stops only
     * calls that reach the hold check after it; one already past the check is still answered. Once this returns,
     * every call to {@code method} that will be answered before {@link #dropHeld()} is in {@link #answeredCalls()}.
     *
     * @throws IllegalStateException when {@code method} is not held (nothing would keep it quiet)
     * @throws AssertionError when calls are still in flight after {@code timeout}
     */
    public void awaitQuiet(String method, Duration timeout) {
        if (!held.contains(key(method))) {
            throw new IllegalStateException(method + " is not held");
        }
        Eventually.until(inFlight(method) + " call(s) to " + method + " in flight to be answered",
                () -> inFlight(method) == 0, timeout);
    }

    /** The calls answered with {@code ok: true}, in the order the answers were written. */
    public List<BotApiCall> answeredCalls() {
        synchronized (answered) {
            return List.copyOf(answered);
        }
    }

    private void waitWhileHeld(String method) throws InterruptedException {
        synchronized (holdMonitor) {
            while (held.contains(key(method)) && !closed) {
                holdMonitor.wait(100);
            }
        }
    }

    /** Calls to {@code method} are answered only after {@code delay} ({@link Duration#ZERO} to stop). */
    public void delay(String method, Duration delay) {
        if (delay.isZero()) {
            delays.remove(key(method));
        } else {
            delays.put(key(method), delay);
        }
    }

    @Override
    public void close() {
        updatesLock.lock();
        try {
            closed = true;
            updatesChanged.signalAll();
        } finally {
            updatesLock.unlock();
        }
        server.stop(0);
        handlers.shutdownNow();
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant at = clock.instant();
            String path = exchange.getRequestURI().getPath();
            String prefix = "/bot" + token + "/";
            if (!path.startsWith("/bot")) {
                reply(exchange, 404, error(new ErrorReply(404, "Not Found", Optional.empty())));
                return;
            }
            if (!path.startsWith(prefix) || path.length() == prefix.length()) {
                reply(exchange, 401, error(new ErrorReply(401, "Unauthorized", Optional.empty())));
                return;
            }
            String method = canonical(path.substring(prefix.length()));
            // Counted from before the hold check until the answer is recorded (or the call waits at the hold), so
            // that awaitQuiet sees a call that got past the check just before hold().
            AtomicInteger active = inFlight.computeIfAbsent(key(method), name -> new AtomicInteger());
            active.incrementAndGet();
            boolean waitsAtHold = false;
            try {
                Map<String, Object> params;
                try {
                    params = params(exchange);
                } catch (IOException | IllegalArgumentException e) {
                    reply(exchange, 400, error(new ErrorReply(400, "Bad Request: " + e.getMessage(),
                            Optional.empty())));
                    return;
                }
                BotApiCall call = new BotApiCall(method, params, at);
                record(call);
                if (held.contains(key(method))) {
                    // Never answered: the connection closes without a response, as when Telegram's side goes away.
                    waitsAtHold = true;
                    active.decrementAndGet();
                    waitWhileHeld(method);
                    return;
                }
                Duration delay = delays.get(key(method));
                if (delay != null) {
                    // Simulates a slow Telegram; the handler runs on its own virtual thread.
                    Thread.sleep(delay);
                }
                Object answer;
                try {
                    answer = answer(call);
                } catch (RuntimeException e) {
                    // Parameters of an unexpected shape: answer as Telegram would rather than dropping the connection.
                    answer = new ErrorReply(400, "Bad Request: " + e.getMessage(), Optional.empty());
                }
                observer.called(call);
                if (answer instanceof ErrorReply failure) {
                    reply(exchange, failure.status(), error(failure));
                } else {
                    observer.accepted(call);
                    // Written straight from the answer: a JSON tree in between was a tenth of the stand-in's CPU
                    // under load.
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("ok", true);
                    body.put("result", answer);
                    reply(exchange, 200, JSON.writeValueAsBytes(body));
                    synchronized (answered) {
                        answered.add(call);
                    }
                }
            } finally {
                if (!waitsAtHold) {
                    active.decrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (a cancelled long poll): nothing to answer.
        }
    }

    private Object answer(BotApiCall call) throws InterruptedException {
        Fault fault = nextFault(call.method());
        if (fault != null) {
            return new ErrorReply(fault.status(), fault.description(), fault.retryAfter());
        }
        ErrorReply refusal = draftRefusal;
        if (refusal != null && call.method().equals("sendMessageDraft")) {
            // An older server does not know the method, so it never gets as far as looking at the chat.
            return refusal;
        }
        Optional<Long> chat = chatOf(call);
        if (chat.isPresent() && blockedChats.contains(chat.get())) {
            return new ErrorReply(403, BLOCKED, Optional.empty());
        }
        return switch (call.method()) {
            case "getMe" -> TelegramUpdates.botUser().put("can_join_groups", false)
                    .put("can_read_all_group_messages", false).put("supports_inline_queries", false);
            case "deleteWebhook", "answerCallbackQuery" -> true;
            case "sendChatAction" -> chat.isPresent() ? (Object) true : missing("chat_id");
            case "setMyCommands" -> setMyCommands(call);
            case "getUpdates" -> getUpdates(call);
            case "sendMessage" -> sendMessage(call, chat);
            case "sendMessageDraft" -> sendMessageDraft(call, chat);
            case "editMessageText" -> editMessageText(call, chat);
            case "sendInvoice" -> sendInvoice(call, chat);
            case "sendPhoto" -> sendPhoto(call, chat);
            case "sendDocument" -> sendDocument(call, chat);
            case "answerPreCheckoutQuery" -> answerPreCheckoutQuery(call);
            case "refundStarPayment" -> refundStarPayment(call);
            default -> new ErrorReply(404, "Not Found: method not found", Optional.empty());
        };
    }

    private Object getUpdates(BotApiCall call) throws InterruptedException {
        long offset = call.has("offset") ? call.longParam("offset") : 0;
        int limit = call.has("limit") ? (int) Math.max(1, Math.min(100, call.longParam("limit"))) : 100;
        long timeoutSeconds = call.has("timeout") ? Math.max(0, call.longParam("timeout")) : 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Poll poll = new Poll();
        updatesLock.lock();
        try {
            if (call.has("allowed_updates")) {
                allowedUpdates = call.list("allowed_updates").stream().map(String::valueOf).toList();
            }
            confirm(offset);
            if (waitingPoll != null) {
                waitingPoll.superseded = true;
                updatesChanged.signalAll();
            }
            waitingPoll = poll;
            openPolls++;
            try {
                while (true) {
                    if (poll.superseded) {
                        return new ErrorReply(409, CONFLICT, Optional.empty());
                    }
                    ArrayNode batch = deliverable(offset, limit);
                    long left = deadline - System.nanoTime();
                    if (closed || !batch.isEmpty() || left <= 0) {
                        if (!batch.isEmpty()) {
                            List<ObjectNode> delivered = new ArrayList<>(batch.size());
                            batch.forEach(update -> delivered.add((ObjectNode) update));
                            notePreCheckoutsDelivered(delivered, call.at());
                            observer.delivering(delivered);
                        }
                        return batch;
                    }
                    updatesChanged.awaitNanos(left);
                }
            } finally {
                openPolls--;
                if (waitingPoll == poll) {
                    waitingPoll = null;
                }
            }
        } finally {
            updatesLock.unlock();
        }
    }

    /** Telegram's offset: positive confirms everything below it; negative keeps only the last {@code -offset}. */
    private void confirm(long offset) {
        if (offset > 0) {
            unconfirmed.headMap(offset).clear();
            if (offset > confirmedOffset) {
                confirmedOffset = offset;
                updatesChanged.signalAll();
            }
        } else if (offset < 0) {
            while (unconfirmed.size() > -offset) {
                unconfirmed.pollFirstEntry();
            }
        }
    }

    private ArrayNode deliverable(long offset, int limit) {
        ArrayNode batch = JSON.createArrayNode();
        Iterator<ObjectNode> updates = unconfirmed.tailMap(Math.max(offset, 0)).values().iterator();
        while (updates.hasNext() && batch.size() < limit) {
            ObjectNode update = updates.next();
            if (allowed(update)) {
                batch.add(update);
            } else {
                // Telegram never creates updates of a type not asked for.
                updates.remove();
            }
        }
        return batch;
    }

    private boolean allowed(ObjectNode update) {
        if (allowedUpdates.isEmpty()) {
            return true;
        }
        Iterator<String> fields = update.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!field.equals("update_id") && allowedUpdates.contains(field)) {
                return true;
            }
        }
        return false;
    }

    private Object sendMessage(BotApiCall call, Optional<Long> chat) {
        if (chat.isEmpty()) {
            return missing("chat_id");
        }
        if (!call.has("text") || call.string("text").isBlank()) {
            return new ErrorReply(400, "Bad Request: message text is empty", Optional.empty());
        }
        long messageId = messageIds.getAndIncrement();
        String text = call.string("text");
        sent.computeIfAbsent(chat.get(), id -> Collections.synchronizedList(new ArrayList<>()))
                .add(new SentMessage(chat.get(), messageId, text, call));
        shown.put(chat.get() + "/" + messageId, new Shown(text, call.params().get("reply_markup")));
        return message(chat.get(), messageId, text, call.at());
    }

    private Object editMessageText(BotApiCall call, Optional<Long> chat) {
        if (chat.isEmpty() || !call.has("message_id")) {
            return missing(chat.isEmpty() ? "chat_id" : "message_id");
        }
        long messageId = call.longParam("message_id");
        String key = chat.get() + "/" + messageId;
        Shown before = shown.get(key);
        if (before == null) {
            return new ErrorReply(400, "Bad Request: message to edit not found", Optional.empty());
        }
        Shown after = new Shown(call.string("text"), call.params().get("reply_markup"));
        if (after.equals(before)) {
            return new ErrorReply(400, NOT_MODIFIED, Optional.empty());
        }
        shown.put(key, after);
        recordShown(edits, chat.get(), new Edit(chat.get(), messageId, after.text(), call.at(), call));
        return message(chat.get(), messageId, after.text(), call.at());
    }

    private Object sendMessageDraft(BotApiCall call, Optional<Long> chat) {
        if (chat.isEmpty()) {
            return missing("chat_id");
        }
        if (chat.get() <= 0) {
            return new ErrorReply(400, NOT_PRIVATE, Optional.empty());
        }
        long draftId = call.has("draft_id") ? call.longParam("draft_id") : 0;
        if (draftId == 0 || draftId != (int) draftId) {
            return new ErrorReply(400, "Bad Request: draft_id must be a non-zero 32-bit integer", Optional.empty());
        }
        String text = call.has("text") ? call.string("text") : "";
        boolean html = call.has("parse_mode") && call.string("parse_mode").equalsIgnoreCase("HTML");
        if ((html ? visibleHtml(text) : text).length() > MAX_DRAFT_TEXT) {
            return new ErrorReply(400, "Bad Request: message is too long", Optional.empty());
        }
        shownLock.lock();
        try {
            Instant last = lastDraft.get(chat.get());
            Duration interval = draftInterval;
            if (last != null && !interval.isZero()) {
                Duration left = interval.minus(Duration.between(last, call.at()));
                if (left.isPositive()) {
                    long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
                    return new ErrorReply(429, "Too Many Requests: retry after " + seconds,
                            Optional.of(Duration.ofSeconds(seconds)));
                }
            }
            lastDraft.put(chat.get(), call.at());
        } finally {
            shownLock.unlock();
        }
        recordShown(drafts, chat.get(), new Draft(chat.get(), (int) draftId, text, call.at(), call));
        return true;
    }

    private Object sendPhoto(BotApiCall call, Optional<Long> chat) {
        if (chat.isEmpty()) {
            return missing("chat_id");
        }
        Object photo = call.params().get("photo");
        if (photo instanceof String attached && attached.startsWith("attach://")) {
            // The file rides in the part of that name (the Bot API's attach://<name>).
            photo = call.params().get(attached.substring("attach://".length()));
        }
        if (!(photo instanceof Upload upload) || upload.bytes().length == 0) {
            // A file id or URL would name a photo the stand-in does not have.
            return new ErrorReply(400, "Bad Request: the stand-in takes a photo only as an uploaded file",
                    Optional.empty());
        }
        String caption = call.has("caption") ? call.string("caption") : "";
        boolean html = call.has("parse_mode") && call.string("parse_mode").equalsIgnoreCase("HTML");
        if ((html ? visibleHtml(caption) : caption).length() > MAX_CAPTION) {
            return new ErrorReply(400, "Bad Request: message caption is too long", Optional.empty());
        }
        long messageId = messageIds.getAndIncrement();
        recordShown(photos, chat.get(), new Photo(chat.get(), messageId, upload.bytes(), upload.fileName(), caption,
                call.at(), call));
        ObjectNode message = message(chat.get(), messageId, "", call.at());
        message.remove("text");
        message.putArray("photo").addObject().put("file_id", "photo-" + messageId)
                .put("file_unique_id", "u-photo-" + messageId).put("width", 800).put("height", 400)
                .put("file_size", upload.bytes().length);
        if (!caption.isEmpty()) {
            message.put("caption", caption);
        }
        return message;
    }

    /** As Telegram: the file must be uploaded (here always as multipart), 1 byte to 50 MB. */
    private Object sendDocument(BotApiCall call, Optional<Long> chat) {
        if (chat.isEmpty()) {
            return missing("chat_id");
        }
        Object document = call.params().get("document");
        if (document instanceof String reference && reference.startsWith("attach://")) {
            // The file uploaded in a part of its own, named by the reference.
            document = call.params().get(reference.substring("attach://".length()));
        }
        if (!(document instanceof Upload upload)) {
            return new ErrorReply(400, "Bad Request: there is no document in the request", Optional.empty());
        }
        if (upload.bytes().length == 0 || upload.bytes().length > 50L * 1024 * 1024) {
            return new ErrorReply(400, "Bad Request: file must be non-empty and at most 50 MB", Optional.empty());
        }
        long messageId = messageIds.getAndIncrement();
        Optional<String> caption = call.has("caption") ? Optional.of(call.string("caption")) : Optional.empty();
        documents.computeIfAbsent(chat.get(), id -> Collections.synchronizedList(new ArrayList<>()))
                .add(new Document(chat.get(), messageId, upload.fileName(), upload.bytes(), caption, call));
        ObjectNode message = message(chat.get(), messageId, caption.orElse(""), call.at());
        message.remove("text");
        message.putObject("document").put("file_name", upload.fileName()).put("file_id", "doc-" + messageId)
                .put("file_unique_id", "u-doc-" + messageId).put("file_size", upload.bytes().length);
        return message;
    }

    private Object sendInvoice(BotApiCall call, Optional<Long> chat) {
        if (chat.isEmpty()) {
            return missing("chat_id");
        }
        String title = call.has("title") ? call.string("title") : "";
        String description = call.has("description") ? call.string("description") : "";
        String payload = call.has("payload") ? call.string("payload") : "";
        // Telegram's own words for these are not all known; the stand-in's say what is wrong.
        if (title.isEmpty() || title.codePointCount(0, title.length()) > 32) {
            return new ErrorReply(400, "Bad Request: invoice title must be 1-32 characters", Optional.empty());
        }
        if (description.isEmpty() || description.codePointCount(0, description.length()) > 255) {
            return new ErrorReply(400, "Bad Request: invoice description must be 1-255 characters", Optional.empty());
        }
        int payloadBytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (payloadBytes < 1 || payloadBytes > 128) {
            return new ErrorReply(400, "Bad Request: invoice payload must be 1-128 bytes", Optional.empty());
        }
        if (!call.has("currency") || !call.string("currency").equals("XTR")) {
            return new ErrorReply(400, "Bad Request: the stand-in takes only Telegram Stars (currency XTR)",
                    Optional.empty());
        }
        if (call.has("provider_token") && !call.string("provider_token").isEmpty()) {
            return new ErrorReply(400, "Bad Request: provider_token must be empty for payments in Telegram Stars",
                    Optional.empty());
        }
        if (!call.has("prices") || call.list("prices").size() != 1
                || !(call.list("prices").getFirst() instanceof Map<?, ?> price)) {
            return new ErrorReply(400, "Bad Request: prices must contain exactly one item for payments in Telegram"
                    + " Stars", Optional.empty());
        }
        long stars = price.get("amount") instanceof Number amount ? amount.longValue()
                : Long.parseLong(String.valueOf(price.get("amount")));
        if (stars < 1 || price.get("label") == null || String.valueOf(price.get("label")).isEmpty()) {
            return new ErrorReply(400, "Bad Request: a price needs a label and at least one Star", Optional.empty());
        }
        long messageId = messageIds.getAndIncrement();
        Invoice invoice = new Invoice(chat.get(), messageId, title, description, payload, stars, call.at(), call);
        paymentsLock.lock();
        try {
            invoices.computeIfAbsent(chat.get(), id -> new ArrayList<>()).add(invoice);
            paymentsChanged.signalAll();
        } finally {
            paymentsLock.unlock();
        }
        ObjectNode message = JSON.createObjectNode().put("message_id", messageId);
        message.set("from", TelegramUpdates.botUser());
        message.putObject("chat").put("id", chat.get()).put("type", chat.get() > 0 ? "private" : "group");
        message.put("date", call.at().getEpochSecond());
        message.putObject("invoice").put("title", title).put("description", description)
                .put("start_parameter", "").put("currency", "XTR").put("total_amount", stars);
        return message;
    }

    private Object answerPreCheckoutQuery(BotApiCall call) {
        if (!call.has("pre_checkout_query_id")) {
            return missing("pre_checkout_query_id");
        }
        String queryId = call.string("pre_checkout_query_id");
        boolean ok = call.has("ok") && call.bool("ok");
        Optional<String> error = call.has("error_message") ? Optional.of(call.string("error_message"))
                : Optional.empty();
        if (!ok && error.filter(text -> !text.isBlank()).isEmpty()) {
            return new ErrorReply(400, "Bad Request: error_message is required when ok is false", Optional.empty());
        }
        paymentsLock.lock();
        try {
            Instant delivered = preCheckoutsDelivered.get(queryId);
            boolean answeredBefore = preCheckoutAnswers.stream().anyMatch(answer -> answer.queryId().equals(queryId));
            if (delivered == null || answeredBefore
                    || Duration.between(delivered, call.at()).compareTo(PRE_CHECKOUT_DEADLINE) > 0) {
                return new ErrorReply(400, QUERY_TOO_OLD, Optional.empty());
            }
            preCheckoutAnswers.add(new PreCheckoutAnswer(queryId, ok, ok ? Optional.empty() : error, delivered,
                    call.at(), call));
            paymentsChanged.signalAll();
        } finally {
            paymentsLock.unlock();
        }
        return true;
    }

    private Object refundStarPayment(BotApiCall call) {
        if (!call.has("user_id") || !call.has("telegram_payment_charge_id")) {
            return missing(call.has("user_id") ? "telegram_payment_charge_id" : "user_id");
        }
        long userId = call.longParam("user_id");
        String chargeId = call.string("telegram_payment_charge_id");
        ErrorReply refusal = refundRefusal;
        if (refusal != null) {
            return refusal;
        }
        paymentsLock.lock();
        try {
            if (refunded.contains(chargeId)) {
                return new ErrorReply(400, "Bad Request: CHARGE_ALREADY_REFUNDED", Optional.empty());
            }
            Long payer = charges.get(chargeId);
            if (payer == null || payer != userId) {
                // The stand-in's guess at Telegram's wording for a charge it does not know for this user.
                return new ErrorReply(400, "Bad Request: CHARGE_NOT_FOUND", Optional.empty());
            }
            refunded.add(chargeId);
            refunds.add(new Refund(userId, chargeId, call.at(), call));
            paymentsChanged.signalAll();
        } finally {
            paymentsLock.unlock();
        }
        return true;
    }

    /** Remembers the charge of a payment being queued, for refunds. */
    private void notePayment(ObjectNode update) {
        JsonNode payment = update.path("message").path("successful_payment");
        if (payment.isMissingNode()) {
            return;
        }
        paymentsLock.lock();
        try {
            if (payment.hasNonNull("telegram_payment_charge_id")) {
                charges.put(payment.get("telegram_payment_charge_id").asText(),
                        update.path("message").path("from").path("id").asLong());
            }
        } finally {
            paymentsLock.unlock();
        }
    }

    private void notePreCheckoutsDelivered(List<ObjectNode> delivered, Instant at) {
        paymentsLock.lock();
        try {
            for (ObjectNode update : delivered) {
                JsonNode id = update.path("pre_checkout_query").path("id");
                if (!id.isMissingNode()) {
                    preCheckoutsDelivered.putIfAbsent(id.asText(), at);
                }
            }
        } finally {
            paymentsLock.unlock();
        }
    }

    private <T> void recordShown(Map<Long, List<T>> byChat, long chatId, T entry) {
        shownLock.lock();
        try {
            byChat.computeIfAbsent(chatId, id -> new ArrayList<>()).add(entry);
            shownChanged.signalAll();
        } finally {
            shownLock.unlock();
        }
    }

    /** The text a user sees of HTML: tags dropped, the entities Telegram supports decoded. */
    private static String visibleHtml(String html) {
        return ENTITY.matcher(TAG.matcher(html).replaceAll("")).replaceAll("_");
    }

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot);|&#x?[0-9A-Fa-f]+;");

    private Object setMyCommands(BotApiCall call) {
        List<Command> list = call.list("commands").stream()
                .map(entry -> (Map<?, ?>) entry)
                .map(entry -> new Command(String.valueOf(entry.get("command")), String.valueOf(entry.get("description"))))
                .toList();
        commands.put(call.has("language_code") ? call.string("language_code") : "", list);
        return true;
    }

    private static ObjectNode message(long chatId, long messageId, String text, Instant at) {
        ObjectNode message = JSON.createObjectNode().put("message_id", messageId);
        message.set("from", TelegramUpdates.botUser());
        message.putObject("chat").put("id", chatId).put("type", chatId > 0 ? "private" : "group");
        message.put("date", at.getEpochSecond()).put("text", text);
        return message;
    }

    private static ErrorReply missing(String parameter) {
        return new ErrorReply(400, "Bad Request: " + parameter + " is empty", Optional.empty());
    }

    private static Optional<Long> chatOf(BotApiCall call) {
        if (!call.has("chat_id")) {
            return Optional.empty();
        }
        try {
            return Optional.of(call.longParam("chat_id"));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void record(BotApiCall call) {
        callsLock.lock();
        try {
            calls.add(call);
            callCounts.merge(call.method(), 1, Integer::sum);
            callArrived.signalAll();
        } finally {
            callsLock.unlock();
        }
    }

    private Fault nextFault(String method) {
        Deque<Fault> queue = faults.get(key(method));
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            return queue.poll();
        }
    }

    private void failNext(String method, int times, Fault fault) {
        Deque<Fault> queue = faults.computeIfAbsent(key(method), name -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(fault);
            }
        }
    }

    /** Waits, holding {@code lock} while checking, until {@code condition} holds; fails the test on timeout. */
    private static void await(ReentrantLock lock, Condition changed, BooleanSupplier condition, Duration timeout,
                              Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what.get(), e);
        } finally {
            lock.unlock();
        }
    }

    private static Map<String, Object> params(HttpExchange exchange) throws IOException {
        Map<String, Object> params = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            params.putAll(form(query));
        }
        byte[] body = body(exchange);
        if (body.length == 0) {
            return params;
        }
        String contentType = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Content-Type"), "")
                .toLowerCase(Locale.ROOT);
        if (contentType.contains("json")) {
            params.putAll(JSON.readValue(body, PARAMS));
        } else if (contentType.contains("x-www-form-urlencoded")) {
            params.putAll(form(new String(body, StandardCharsets.UTF_8)));
        } else if (contentType.contains("multipart/form-data")) {
            params.putAll(multipart(body, exchange.getRequestHeaders().getFirst("Content-Type")));
        } else {
            throw new IllegalArgumentException("unsupported content type '" + contentType + "'");
        }
        return params;
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        return RequestBodies.read(exchange);
    }

    /** An uploaded file among a multipart request's parameters. */
    public record Upload(String fileName, byte[] bytes) {

        @Override
        public String toString() {
            return "Upload[" + fileName + ", " + bytes.length + " bytes]";
        }
    }

    /**
     * The parts of a {@code multipart/form-data} body: a part with a file name is an {@link Upload}, any other its
     * text (parsed when it is a JSON object or array, as in a form).
     */
    private static Map<String, Object> multipart(byte[] body, String contentType) throws IOException {
        Matcher boundaryParameter = BOUNDARY.matcher(contentType);
        if (!boundaryParameter.find()) {
            throw new IllegalArgumentException("multipart body without a boundary");
        }
        String boundary = boundaryParameter.group(1) != null ? boundaryParameter.group(1) : boundaryParameter.group(2);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Object> params = new LinkedHashMap<>();
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new IllegalArgumentException("multipart body without its boundary");
        }
        while (true) {
            int partStart = at + delimiter.length;
            if (partStart + 1 < body.length && body[partStart] == '-' && body[partStart + 1] == '-') {
                return params; // the closing delimiter
            }
            partStart += 2; // CRLF after the delimiter
            int next = indexOf(body, delimiter, partStart);
            if (next < 0) {
                throw new IllegalArgumentException("multipart body is not closed");
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), partStart);
            if (headersEnd < 0 || headersEnd > next) {
                throw new IllegalArgumentException("multipart part without headers");
            }
            String headers = new String(body, partStart, headersEnd - partStart, StandardCharsets.UTF_8);
            byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, next - 2); // CRLF before the delimiter
            Matcher name = PART_NAME.matcher(headers);
            if (!name.find()) {
                throw new IllegalArgumentException("multipart part without a name");
            }
            Matcher fileName = PART_FILE_NAME.matcher(headers);
            if (fileName.find()) {
                params.put(name.group(1), new Upload(fileName.group(1), content));
            } else {
                String value = new String(content, StandardCharsets.UTF_8);
                params.put(name.group(1), value.startsWith("{") || value.startsWith("[")
                        ? JSON.convertValue(JSON.readTree(value), Object.class) : value);
            }
            at = next;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Form values; a value that is a JSON object or array (reply_markup, allowed_updates) is parsed. */
    private static Map<String, Object> form(String encoded) throws IOException {
        Map<String, Object> params = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            params.put(name, value.startsWith("{") || value.startsWith("[")
                    ? JSON.convertValue(JSON.readTree(value), Object.class) : value);
        }
        return params;
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        reply(exchange, status, JSON.writeValueAsBytes(body));
    }

    private static void reply(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ObjectNode error(ErrorReply failure) {
        ObjectNode body = JSON.createObjectNode().put("ok", false).put("error_code", failure.status())
                .put("description", failure.description());
        failure.retryAfter().ifPresent(wait -> body.putObject("parameters").put("retry_after", wait.toSeconds()));
        return body;
    }

    private static String defaultDescription(int status, Duration retryAfter) {
        return switch (status) {
            case 400 -> "Bad Request: chat not found";
            case 401 -> "Unauthorized";
            case 403 -> BLOCKED;
            case 409 -> CONFLICT;
            case 429 -> "Too Many Requests: retry after " + (retryAfter == null ? 1 : retryAfter.toSeconds());
            case 502 -> "Bad Gateway";
            default -> status >= 500 ? "Internal Server Error" : "Error " + status;
        };
    }

    private static String canonical(String method) {
        return CANONICAL.getOrDefault(method.toLowerCase(Locale.ROOT), method.toLowerCase(Locale.ROOT));
    }

    private static String key(String method) {
        return method.toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> canonicalNames() {
        Map<String, String> names = new HashMap<>();
        METHODS.forEach(method -> names.put(method.toLowerCase(Locale.ROOT), method));
        return Map.copyOf(names);
    }
}
