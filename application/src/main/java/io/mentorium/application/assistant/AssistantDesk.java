package io.mentorium.application.assistant;

import io.mentorium.application.assistant.PromptTemplates.Template;
import io.mentorium.application.conversation.MessageKey;
import io.mentorium.application.conversation.Messages;
import io.mentorium.application.pipeline.Redaction;
import io.mentorium.application.port.in.ListChildren;
import io.mentorium.application.port.in.ViewParent;
import io.mentorium.application.port.out.AiAssistant;
import io.mentorium.application.port.out.AiAssistant.Prompt;
import io.mentorium.application.port.out.AiAssistant.Reply;
import io.mentorium.application.port.out.AiAssistant.ToolBox;
import io.mentorium.application.port.out.AssistantMetrics;
import io.mentorium.application.port.out.AssistantQuestions;
import io.mentorium.application.port.out.AssistantQuestions.Closing;
import io.mentorium.application.port.out.AssistantQuestions.OpenQuestion;
import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendResult;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.port.out.TokenCounter;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.DialogRole;
import io.mentorium.domain.dialog.TokenUsage;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the questions parents asked, away from the chat's turn: each on a virtual thread of its own, with no
 * transaction open while the model thinks, previews streamed to the chat, and the complete answer queued in the
 * outbox in the same transaction that closes the question — so it is delivered exactly once, and a menu the parent
 * presses meanwhile is answered at once by the chat workers.
 *
 * <p>One question of a parent at a time, in the order asked, so that each answer sees the previous one in the
 * history. What the desk holds in memory is bounded ({@link AssistantSettings#maxQueued()}); every question is also
 * open in the database until answered, and a periodic sweep picks up whatever nobody is answering — after a crash, an
 * overflow or a failed attempt. A question that fails {@link AssistantSettings#maxAttempts()} times is closed with an
 * apology: never silence.
 */
public final class AssistantDesk {

    private static final Logger LOG = LoggerFactory.getLogger(AssistantDesk.class);

    /** How long {@link #stop()} lets answers in progress finish; the rest are answered after the next start. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** Finished answers closed in one transaction at most: one flush of the disk for many answers. */
    private static final int MAX_CLOSING_BATCH = 100;
    /** Token drift below this is framing noise, whatever the prompt's size. */
    private static final int TOKEN_DRIFT_FLOOR = 16;

    private final AssistantQuestions questions;
    private final DialogRepository dialogs;
    private final ViewParent parents;
    private final ListChildren children;
    private final AiAssistant model;
    private final OfflineAnswers offline;
    private final BiFunction<Parent, List<ListChildren.Child>, ToolBox> tools;
    private final TokenCounter tokens;
    private final Outbox outbox;
    private final TransactionRunner transactions;
    private final AssistantMetrics metrics;
    private final Clock clock;
    private final ZoneId zone;
    private final AssistantSettings settings;
    private final PromptTemplates templates = new PromptTemplates();
    private final Messages messages = new Messages();
    private final AnswerPreview.Mode previewMode = new AnswerPreview.Mode();

    private final Object lock = new Object();
    /** Questions waiting, per parent, in the order asked; a parent is here while one of theirs is being answered. */
    private final Map<TelegramUserId, ArrayDeque<Long>> lanes = new HashMap<>();
    /** Ids waiting or being answered: the bound, and what makes a second submission a no-op. */
    private final Set<Long> held = new HashSet<>();
    private Semaphore answering;
    private final Semaphore databaseGate;
    private ExecutorService threads;
    private ScheduledExecutorService sweeper;
    /**
     * Finished answers waiting for their closing transaction, taken in batches by {@link #closeLoop}. Bounded by the
     * answers held: each answer's thread puts one here and waits for it to be closed.
     */
    private final LinkedBlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    private final AtomicInteger closing = new AtomicInteger();
    private Thread closer;
    private Messenger messenger;
    private Function<Supplier<SendResult>, Optional<SendResult>> previewBudget = send -> Optional.of(send.get());
    private Consumer<List<QueuedMessage>> delivery = queued -> {
    };
    private boolean running;

    public AssistantDesk(AssistantQuestions questions, DialogRepository dialogs, ViewParent parents,
                         ListChildren children, AiAssistant model, OfflineAnswers offline,
                         BiFunction<Parent, List<ListChildren.Child>, ToolBox> tools, TokenCounter tokens,
                         Outbox outbox, TransactionRunner transactions, AssistantMetrics metrics, Clock clock,
                         ZoneId zone, AssistantSettings settings) {
        this.questions = Objects.requireNonNull(questions, "questions");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.parents = Objects.requireNonNull(parents, "parents");
        this.children = Objects.requireNonNull(children, "children");
        this.model = Objects.requireNonNull(model, "model");
        this.offline = Objects.requireNonNull(offline, "offline");
        this.tools = Objects.requireNonNull(tools, "tools");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.databaseGate = new Semaphore(settings.databasePermits(), true);
    }

    /**
     * Starts answering: previews go to {@code messenger} through {@code previewBudget} (the outbox relay's global
     * budget), answers queued in the outbox are handed to {@code delivery} (the relay). Answers every open question,
     * then sweeps periodically.
     */
    public void start(Messenger messenger, Function<Supplier<SendResult>, Optional<SendResult>> previewBudget,
                      Consumer<List<QueuedMessage>> delivery) {
        synchronized (lock) {
            if (threads != null) {
                throw new IllegalStateException("the assistant desk was started before");
            }
            this.messenger = Objects.requireNonNull(messenger, "messenger");
            this.previewBudget = Objects.requireNonNull(previewBudget, "previewBudget");
            this.delivery = Objects.requireNonNull(delivery, "delivery");
            answering = new Semaphore(settings.maxInFlight());
            threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("assistant-", 0).factory());
            sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("assistant-sweep").factory());
            closer = Thread.ofVirtual().name("assistant-closer").start(this::closeLoop);
            running = true;
        }
        sweeper.scheduleWithFixedDelay(this::sweep, 0, settings.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops taking questions and lets the answers in progress finish for a few seconds. */
    public void stop() {
        ExecutorService toClose;
        synchronized (lock) {
            if (!running) {
                return;
            }
            running = false;
            lanes.values().forEach(ArrayDeque::clear);
            toClose = threads;
        }
        sweeper.shutdownNow();
        toClose.shutdown();
        try {
            if (!toClose.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                toClose.shutdownNow();
                LOG.info("Stopped with answers in progress; they are answered after the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            toClose.shutdownNow();
        }
        // Answers still waiting to be closed stay open in the database: the next start answers them.
        closer.interrupt();
    }

    /**
     * Takes a question just committed. Returns false when it was not taken (stopped, already held, or the desk holds
     * as many as it may): it stays open in the database and the sweep brings it back.
     */
    public boolean submit(long questionId, TelegramUserId parentId) {
        synchronized (lock) {
            if (!running || held.size() >= settings.maxQueued() || !held.add(questionId)) {
                return false;
            }
            ArrayDeque<Long> lane = lanes.get(parentId);
            if (lane != null) {
                lane.add(questionId);
                return true;
            }
            lanes.put(parentId, new ArrayDeque<>(List.of(questionId)));
            try {
                threads.execute(() -> drain(parentId));
            } catch (RuntimeException rejected) {
                lanes.remove(parentId);
                held.remove(questionId);
                return false;
            }
            return true;
        }
    }

    /** Hands over the questions a committed transaction recorded. */
    public void submitAll(List<QuestionsAsked.Asked> asked) {
        asked.forEach(question -> submit(question.questionId(), question.parentId()));
    }

    /** Questions held in memory (waiting or being answered). */
    public int held() {
        synchronized (lock) {
            return held.size();
        }
    }

    /** Answers worked out and not yet closed: waiting for their closing transaction, or in it. */
    int closing() {
        return closing.get();
    }

    /**
     * Answers one question on the calling thread without previews, for a channel that shows the reply at once (the
     * console): the question is closed and the dialog stored as usual; the messages are returned instead of queued.
     */
    public List<Outgoing> answerNow(long questionId) {
        Optional<Started> begun = gated(() -> start(questionId, clock.instant()));
        if (begun.isEmpty() || begun.get().parent().isEmpty()) {
            return List.of();
        }
        OpenQuestion question = begun.get().question();
        Composed composed = compose(question, begun.get(), text -> {
        });
        List<Outgoing> replies = new ArrayList<>();
        Counted counted = counted(question, composed);
        boolean closed = transactions.inTransaction(() -> record(question, composed, counted));
        if (closed) {
            composed.parts().forEach(part -> replies.add(new Messenger.SendText(question.chatId(), part)));
        }
        return List.copyOf(replies);
    }

    // --- the work ----------------------------------------------------------------------------------------------

    private void drain(TelegramUserId parentId) {
        while (true) {
            long questionId;
            synchronized (lock) {
                ArrayDeque<Long> lane = lanes.get(parentId);
                if (!running || lane == null || lane.isEmpty()) {
                    lanes.remove(parentId);
                    if (lane != null) {
                        lane.forEach(held::remove);
                    }
                    return;
                }
                questionId = lane.peek();
            }
            try {
                answering.acquire();
                try {
                    answer(questionId, parentId);
                } finally {
                    answering.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                synchronized (lock) {
                    lanes.remove(parentId);
                    held.remove(questionId);
                }
                return;
            } finally {
                synchronized (lock) {
                    ArrayDeque<Long> lane = lanes.get(parentId);
                    if (lane != null) {
                        lane.remove(questionId);
                    }
                    held.remove(questionId);
                }
            }
        }
    }

    private void answer(long questionId, TelegramUserId parentId) {
        Instant started = clock.instant();
        Started begun;
        try {
            // One borrow for everything read before the model: the question, its attempt, the parent, the history
            // and the family's context.
            Optional<Started> read = gated(() -> start(questionId, started));
            if (read.isEmpty()) {
                return;
            }
            begun = read.get();
        } catch (StorageException e) {
            retrySoon(questionId, parentId, 1, e);
            return;
        } catch (RuntimeException e) {
            LOG.warn("Could not read question {}; the sweep tries again: {}", questionId, Redaction.describe(e));
            return;
        }
        OpenQuestion question = begun.question();
        int attempt = begun.attempt();
        if (attempt > settings.maxAttempts() || begun.parent().isEmpty()) {
            apologize(question, begun.parent().isEmpty() ? "the parent who asked is no longer registered"
                    : "gave up after " + (attempt - 1) + " attempts");
            return;
        }
        try {
            AnswerPreview preview = new AnswerPreview(question.chatId(), question.id(), messenger, previewBudget,
                    previewMode, clock, settings.draftInterval());
            preview.start();
            Composed composed = compose(question, begun, preview);
            List<QueuedMessage> queued = close(new Finished(question, composed, counted(question, composed),
                    preview.previewMessageId(), new CompletableFuture<>()));
            delivery.accept(queued);
            metrics.questionFinished(composed.outcome(), Duration.between(started, clock.instant()));
        } catch (RuntimeException e) {
            LOG.error("Answering question {} of parent {} failed (attempt {} of {})", questionId,
                    question.parentId(), attempt, settings.maxAttempts(), Redaction.redacted(e));
            if (attempt >= settings.maxAttempts()) {
                apologize(question, Redaction.describe(e));
            } else if (e instanceof StorageException storage && storage.transientFailure()) {
                retrySoon(questionId, parentId, attempt, storage);
            }
        }
    }

    /**
     * What is read before the model is asked, empty when the question is no longer open: the attempt counted and the
     * bot's rows read in one transaction, then the family's context from the platform once it has committed (a
     * platform read never waits inside a bot transaction). A question past its attempts gets no read: it is closed
     * with an apology, whatever the platform's state.
     */
    private Optional<Started> start(long questionId, Instant at) {
        return transactions.inTransaction(() -> begin(questionId, at))
                .map(begun -> begun.parent().isEmpty() || begun.attempt() > settings.maxAttempts() ? begun
                        : begun.withFamily(children.list(begun.parent().get())));
    }

    private Optional<Started> begin(long questionId, Instant at) {
        Optional<OpenQuestion> found = questions.startAttempt(questionId, at);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        OpenQuestion question = found.get();
        int attempt = question.attempts();
        Optional<Parent> parent = parents.find(question.parentId());
        List<DialogMessage> history = parent.isEmpty() ? List.of()
                : dialogs.recent(question.parentId(), settings.historyMessages());
        return Optional.of(new Started(question, attempt, parent, history, List.of()));
    }

    /** {@code family}: the parent's children as read from the platform for this answer's context and tools. */
    private record Started(OpenQuestion question, int attempt, Optional<Parent> parent, List<DialogMessage> history,
                           List<ListChildren.Child> family) {

        Started withFamily(List<ListChildren.Child> children) {
            return new Started(question, attempt, parent, history, children);
        }
    }

    /**
     * A passing storage failure (no connection within the pool's timeout, a serialization failure) is tried again in
     * a second or two, not at the next sweep: the question is still open, and its attempts are counted.
     */
    private void retrySoon(long questionId, TelegramUserId parentId, int attempt, StorageException failure) {
        Duration delay = Duration.ofSeconds(Math.min(8, 1L << Math.min(3, attempt - 1)));
        LOG.warn("Question {}: storage failed ({}); trying again in {}", questionId, failure.getMessage(), delay);
        ScheduledExecutorService retries = sweeper;
        try {
            retries.schedule(() -> submit(questionId, parentId), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException stopped) {
            // Stopping: the next start's sweep answers it.
        }
    }

    /**
     * Runs database work of the assistant within its share of the connections: thousands of answers streaming at
     * once must never take the connections the chat workers need to answer menus.
     */
    private <T> T gated(java.util.function.Supplier<T> work) {
        try {
            databaseGate.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
        try {
            return work.get();
        } finally {
            databaseGate.release();
        }
    }

    /** The answer, worked out with no transaction open; {@code begun} has the parent. */
    private Composed compose(OpenQuestion question, Started begun, Consumer<String> partial) {
        Parent parent = begun.parent().orElseThrow();
        Language language = parent.language();
        // The tools reuse the learners read for the context; they still read the links at each call.
        ToolBox toolBox = gatedTools(tools.apply(parent, begun.family()));
        List<DialogMessage> history = begun.history().stream()
                .filter(message -> message.role() != DialogRole.TOOL)
                .map(AssistantDesk::scrubbed)
                .toList();
        Template template = history.isEmpty() ? Template.WELCOME : TemplateChoice.forQuestion(question.text());
        String context = context(begun.family());
        // Asked even when the model is known to be down: the adapter answers at once, and says why.
        Reply reply = model.answer(new Prompt(language, templates.system(template, language), context, history,
                PromptPrivacy.scrub(question.text())), toolBox, partial);
        switch (reply) {
            case Reply.Answered answered -> {
                AiAssistant.Usage usage = answered.usage();
                reconcile(question.id(), usage);
                return new Composed(answered.text(), "", AssistantMetrics.Outcome.MODEL,
                        new TokenUsage(usage.promptCounted(), usage.promptReported(), usage.completionCounted(),
                                usage.completionReported()));
            }
            case Reply.Unavailable unavailable when unavailable.cause() != AiAssistant.Cause.NOT_CONFIGURED -> {
                LOG.warn("The model could not answer question {} ({}: {}); the offline assistant answers",
                        question.id(), unavailable.cause(), unavailable.detail());
                String text = offline.answer(language, question.text(), toolBox);
                return new Composed(text, "<i>" + escape(offline.modelUnavailableNotice(language)) + "</i>",
                        AssistantMetrics.Outcome.FALLBACK, TokenUsage.NONE);
            }
            case Reply.Unavailable notConfigured -> {
                // No model at all: the offline assistant is the assistant, and says so.
            }
        }
        String text = offline.answer(language, question.text(), toolBox);
        return new Composed(text, "<i>" + escape(offline.label(language)) + "</i>", AssistantMetrics.Outcome.OFFLINE,
                TokenUsage.NONE);
    }

    /** A parent's earlier question as the model may see it; its stored count holds only if nothing was replaced. */
    private static DialogMessage scrubbed(DialogMessage message) {
        if (message.role() != DialogRole.USER) {
            return message;
        }
        String scrubbed = PromptPrivacy.scrub(message.content());
        return scrubbed.equals(message.content()) ? message
                : new DialogMessage(message.parentId(), message.role(), scrubbed, 0, message.at());
    }

    /**
     * The local count decides what fits the budget, so a drift from what the API bills must show: a few tokens of
     * framing differ between models, more means the counting (or the model's tokenizer) is off.
     */
    static boolean drifted(AiAssistant.Usage usage) {
        if (usage.promptReported() == 0) {
            return false;
        }
        int difference = Math.abs(usage.promptCounted() - usage.promptReported());
        return difference > Math.max(TOKEN_DRIFT_FLOOR, usage.promptReported() / 20);
    }

    private static void reconcile(long questionId, AiAssistant.Usage usage) {
        if (drifted(usage)) {
            LOG.warn("Prompt tokens of question {}: counted {}, the API reported {} over {} request(s)", questionId,
                    usage.promptCounted(), usage.promptReported(), usage.requests());
        }
    }

    /** What the model may know about the family: first names and grades, under aliases the tools accept. */
    private String context(List<ListChildren.Child> linked) {
        StringBuilder context = new StringBuilder("Today is ")
                .append(LocalDate.now(clock.withZone(zone))).append(" (").append(zone).append(").\n");
        if (linked.isEmpty()) {
            return context.append("The parent has not linked any child yet.").toString();
        }
        context.append("The parent's children (call tools with the alias):");
        for (int i = 0; i < linked.size(); i++) {
            var learner = linked.get(i).learner();
            context.append("\n- child_").append(i + 1).append(": ").append(learner.firstName());
            learner.grade().ifPresent(grade -> context.append(", grade ").append(grade));
        }
        return context.toString();
    }

    /** The tools, each call within the assistant's share of the database. */
    private ToolBox gatedTools(ToolBox toolBox) {
        return new ToolBox() {
            @Override
            public List<AiAssistant.Tool> tools() {
                return toolBox.tools();
            }

            @Override
            public AiAssistant.ToolResult call(AiAssistant.ToolCall call) {
                return gated(() -> toolBox.call(call));
            }
        };
    }

    /** The exchange's tokens, counted before any transaction: counting is CPU work no transaction should wait on. */
    private Counted counted(OpenQuestion question, Composed composed) {
        return new Counted(tokens.countMessage("user", clip(question.text())),
                tokens.countMessage("assistant", clip(composed.text())));
    }

    private record Counted(int question, int answer) {
    }

    /** Closes the question and stores the exchange; false if another attempt closed it first. */
    private boolean record(OpenQuestion question, Composed composed, Counted counted) {
        Instant now = clock.instant();
        if (!questions.close(question.id(), Closing.ANSWERED, now)) {
            return false;
        }
        DialogRepository.Exchange exchange = exchange(question, composed, counted, now);
        dialogs.appendExchange(exchange.question(), exchange.answer(), exchange.usage());
        return true;
    }

    private static DialogRepository.Exchange exchange(OpenQuestion question, Composed composed, Counted counted,
                                                      Instant now) {
        DialogMessage asked = new DialogMessage(question.parentId(), DialogRole.USER, clip(question.text()),
                counted.question(), question.askedAt());
        DialogMessage answered = new DialogMessage(question.parentId(), DialogRole.ASSISTANT, clip(composed.text()),
                counted.answer(), now);
        return new DialogRepository.Exchange(asked, answered, composed.usage());
    }

    /**
     * Closes the batch's questions, stores their exchanges and queues their answers with one statement each for the
     * whole batch, not three per answer. An answer whose question another attempt closed first (or which is in the
     * batch twice) gets nothing stored and nothing queued. Returns what was queued for each answer, in batch order.
     */
    private List<List<QueuedMessage>> record(List<Finished> batch) {
        Instant now = clock.instant();
        Set<Long> closed = new HashSet<>(questions.closeAll(
                batch.stream().map(answer -> answer.question().id()).toList(), Closing.ANSWERED, now));
        List<DialogRepository.Exchange> exchanges = new ArrayList<>(batch.size());
        List<Outgoing> messages = new ArrayList<>(batch.size());
        int[] counts = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Finished answer = batch.get(i);
            OpenQuestion question = answer.question();
            if (!closed.remove(question.id())) {
                continue;
            }
            exchanges.add(exchange(question, answer.composed(), answer.counted(), now));
            List<Outgoing> finals = finalMessages(question, answer.composed(), answer.previewId());
            counts[i] = finals.size();
            messages.addAll(finals);
        }
        if (!exchanges.isEmpty()) {
            dialogs.appendExchanges(exchanges);
        }
        List<QueuedMessage> queued = messages.isEmpty() ? List.of() : outbox.enqueue(messages, now);
        List<List<QueuedMessage>> each = new ArrayList<>(batch.size());
        int from = 0;
        for (int count : counts) {
            each.add(List.copyOf(queued.subList(from, from + count)));
            from += count;
        }
        return each;
    }

    /** An answer worked out, waiting for the transaction that closes its question and queues its messages. */
    private record Finished(OpenQuestion question, Composed composed, Counted counted, OptionalLong previewId,
                            CompletableFuture<List<QueuedMessage>> queued) {
    }

    /**
     * Closes the question and queues the answer, in a transaction shared with the other answers finished meanwhile:
     * when a wave of answers ends together, one commit (one flush of the disk) closes up to {@value
     * #MAX_CLOSING_BATCH} of them instead of one each. Returns what was queued (nothing if another attempt closed the
     * question first).
     */
    private List<QueuedMessage> close(Finished answer) {
        closing.incrementAndGet();
        finished.add(answer);
        try {
            return answer.queued().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped before the answer was stored; it is answered after the restart",
                    e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("closing the question failed", e.getCause());
        } finally {
            closing.decrementAndGet();
        }
    }

    private void closeLoop() {
        List<Finished> batch = new ArrayList<>(MAX_CLOSING_BATCH);
        try {
            while (true) {
                batch.add(finished.take());
                finished.drainTo(batch, MAX_CLOSING_BATCH - 1);
                closeAll(batch);
                batch.clear();
            }
        } catch (InterruptedException stopping) {
            // Stopping: whatever waits stays open in the database.
            batch.forEach(answer -> answer.queued().completeExceptionally(stopping));
            finished.forEach(answer -> answer.queued().completeExceptionally(stopping));
        }
    }

    private void closeAll(List<Finished> batch) {
        List<List<QueuedMessage>> queued;
        try {
            queued = gated(() -> transactions.inTransaction(() -> record(batch)));
        } catch (RuntimeException e) {
            if (batch.size() == 1 || (e instanceof StorageException storage && storage.transientFailure())) {
                // A passing storage failure (no connection in time) would only fail again once per answer: each
                // answer's own thread tries again soon instead.
                batch.forEach(answer -> answer.queued().completeExceptionally(e));
            } else {
                // One answer's trouble must not cost the others theirs: each is tried alone.
                batch.forEach(answer -> closeAll(List.of(answer)));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).queued().complete(queued.get(i));
        }
    }

    private static List<Outgoing> finalMessages(OpenQuestion question, Composed composed, OptionalLong previewId) {
        List<Outgoing> messages = new ArrayList<>();
        List<String> parts = composed.parts();
        for (int i = 0; i < parts.size(); i++) {
            if (i == 0 && previewId.isPresent()) {
                // Streaming went by edits: the preview message becomes the answer, rather than staying as a stub.
                messages.add(new Messenger.EditText(question.chatId(), previewId.getAsLong(), parts.get(i),
                        Messenger.Keyboard.Inline.NONE));
            } else {
                messages.add(new Messenger.SendText(question.chatId(), parts.get(i)));
            }
        }
        return messages;
    }

    private void apologize(OpenQuestion question, String reason) {
        try {
            List<QueuedMessage> queued = gated(() -> transactions.inTransaction(() -> {
                if (!questions.close(question.id(), Closing.APOLOGIZED, clock.instant())) {
                    return List.<QueuedMessage>of();
                }
                Language language = parents.find(question.parentId()).map(Parent::language).orElse(Language.RU);
                return outbox.enqueue(List.of(new Messenger.SendText(question.chatId(),
                        messages.html(language, MessageKey.ASSISTANT_FAILED))), clock.instant());
            }));
            LOG.warn("Question {} of parent {} closed with an apology: {}", question.id(), question.parentId(),
                    Redaction.mask(reason));
            delivery.accept(queued);
            metrics.questionFinished(AssistantMetrics.Outcome.APOLOGY, Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.error("Could not close question {} with an apology; the sweep tries again", question.id(),
                    Redaction.redacted(e));
        }
    }

    /** Brings back open questions nobody is answering: after a restart, an overflow or a failed attempt. */
    private void sweep() {
        try {
            long after = Long.MIN_VALUE;
            while (true) {
                List<OpenQuestion> page = questions.open(after, 500);
                for (OpenQuestion question : page) {
                    synchronized (lock) {
                        if (!running || held.size() >= settings.maxQueued()) {
                            return;
                        }
                    }
                    submit(question.id(), question.parentId());
                }
                if (page.size() < 500) {
                    return;
                }
                after = page.getLast().id();
            }
        } catch (RuntimeException e) {
            LOG.warn("Sweeping open questions failed; trying again in {}: {}", settings.sweepInterval(),
                    Redaction.describe(e));
        }
    }

    private static String clip(String text) {
        return text.length() <= DialogMessage.MAX_CONTENT_LENGTH ? text
                : text.substring(0, DialogMessage.MAX_CONTENT_LENGTH);
    }

    private static String escape(String text) {
        return io.mentorium.application.conversation.Markup.escape(text);
    }

    /** An answer ready to store and send; {@code headerHtml} goes in front of the first message. */
    private record Composed(String text, String headerHtml, AssistantMetrics.Outcome outcome, TokenUsage usage) {

        List<String> parts() {
            return AnswerFormat.parts(headerHtml, text);
        }
    }
}
